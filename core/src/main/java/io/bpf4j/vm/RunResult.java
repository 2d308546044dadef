package io.bpf4j.vm;

/**
 * What one run of a program gave: r0 at exit, how many instructions it executed, and the
 * error when it failed (then {@code r0} is 0).
 *
 * @param r0 the return value
 * @param instructions instructions executed, calls and the final exit included
 * @param error the failure, or null when the program exited normally
 */
public record RunResult(long r0, long instructions, ExecutionException error) {
  /** True when the program exited normally. */
  public boolean ok() {
    return error == null;
  }
}
