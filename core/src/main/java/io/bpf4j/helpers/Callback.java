package io.bpf4j.helpers;

/**
 * A subprogram of the running program, callable from a helper: what {@code bpf_loop} and
 * {@code bpf_for_each_map_elem} call back into. Arguments r1..r5, result r0. The engine
 * (interpreter or JIT) creates it for a callback's value (see {@link Subprograms}); it runs
 * with its own stack frame, on the calling thread.
 */
@FunctionalInterface
public interface Callback {
  /** Runs the subprogram with r1..r5 and returns its r0. */
  long call(long r1, long r2, long r3, long r4, long r5);
}
