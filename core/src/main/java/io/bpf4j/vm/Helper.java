package io.bpf4j.vm;

/**
 * A helper function a program calls with {@code call ID}: arguments in r1..r5, result in r0.
 * Failures are returned as negative errno values, as in the kernel. A helper that must end
 * the program (the conformance plugin's helper 5 on 0, a failed tail call's caller, ...) calls
 * {@link RunState#stop(long)}; the engine then returns that value.
 */
@FunctionalInterface
public interface Helper {
  /** Calls the helper; {@code state} is the run that calls it. */
  long call(RunState state, long r1, long r2, long r3, long r4, long r5);
}
