package io.bpf4j.helpers;

import io.bpf4j.vm.Region;

/**
 * A subprogram of a loaded program that runs later, from any thread, as a run of its own: a
 * {@code bpf_timer}'s callback. Unlike a {@link Callback} it is not tied to the run that
 * created it; the engine that made it ({@link Subprograms#asyncCallback}) keeps the program.
 */
@FunctionalInterface
public interface AsyncCallback {
  /**
   * Runs the subprogram on the calling thread with r1..r5 and returns its r0. In a checked
   * run, {@code lent} are the memory ranges (besides the program's fixed regions) that the
   * callback may use while it runs.
   */
  long call(Region[] lent, long r1, long r2, long r3, long r4, long r5);
}
