package io.bpf4j.kernel;

/**
 * The input of {@code BPF_PROG_TEST_RUN}: packet data, context, how many times to run, and
 * how much output to take back.
 *
 * @param dataIn the packet (or other data) the program sees; may be empty
 * @param dataOutSize bytes of room for the data after the run (0: no data out)
 * @param ctxIn the context ({@code struct __sk_buff}, {@code xdp_md}, raw tracepoint args,
 *     a syscall program's argument); null for none
 * @param ctxOutSize bytes of room for the context after the run (0: none)
 * @param repeat how many runs (the duration is their average); 0 and 1 both run once
 * @param flags {@code BPF_F_TEST_RUN_ON_CPU} and the like
 * @param cpu the CPU for {@code BPF_F_TEST_RUN_ON_CPU}
 */
public record TestRun(
    byte[] dataIn, int dataOutSize, byte[] ctxIn, int ctxOutSize, int repeat, int flags, int cpu) {

  /** Checks sizes. */
  public TestRun {
    dataIn = dataIn == null ? new byte[0] : dataIn;
    if (dataOutSize < 0 || ctxOutSize < 0 || repeat < 0) {
      throw new IllegalArgumentException("negative size or repeat");
    }
  }

  /** One run on {@code data}, taking the data back (same size). */
  public static TestRun of(byte[] data) {
    return new TestRun(data, data.length, null, 0, 1, 0, 0);
  }

  /**
   * One run with only a context, as raw tracepoint and syscall programs take it (their runs
   * refuse data, a repeat count and a separate context out; a syscall program's context is
   * written back in place and returned as {@link TestRunResult#ctxOut()}).
   */
  public static TestRun ofContext(byte[] ctx) {
    return new TestRun(new byte[0], 0, ctx, 0, 0, 0, 0);
  }

  /** A copy with a context in, and as much room for it out. */
  public TestRun withContext(byte[] ctx) {
    return new TestRun(dataIn, dataOutSize, ctx, ctx == null ? 0 : ctx.length, repeat, flags, cpu);
  }

  /** A copy that runs {@code n} times. */
  public TestRun withRepeat(int n) {
    return new TestRun(dataIn, dataOutSize, ctxIn, ctxOutSize, n, flags, cpu);
  }

  /** A copy with room for {@code n} bytes of data out (more than in: a program may grow it). */
  public TestRun withDataOutSize(int n) {
    return new TestRun(dataIn, n, ctxIn, ctxOutSize, repeat, flags, cpu);
  }
}
