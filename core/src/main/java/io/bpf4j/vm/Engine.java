package io.bpf4j.vm;

/**
 * A loaded program ready to run: the interpreter and the JIT both implement it. Thread-safe:
 * each thread has its own stack and {@link RunState}.
 */
public interface Engine {
  /**
   * Runs the program once with r1 = {@code ctx} and r2 = {@code ctxLen} and returns r0.
   *
   * @throws ExecutionException when the run fails (checked mode: a bad access; any mode: call
   *     depth, instruction budget)
   */
  long run(long ctx, long ctxLen);
}
