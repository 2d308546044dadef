package io.bpf4j.kernel;

/**
 * The outcome of {@code BPF_PROG_TEST_RUN}.
 *
 * @param retval the program's return value (the kernel passes 32 bits: {@code __u32 retval})
 * @param durationNs average duration of one run in nanoseconds
 * @param dataOut the data after the run (as long as the kernel reported)
 * @param ctxOut the context after the run, or an empty array
 */
public record TestRunResult(int retval, int durationNs, byte[] dataOut, byte[] ctxOut) {
  /** The return value as the unsigned 32-bit number it is. */
  public long retvalUnsigned() {
    return retval & 0xffffffffL;
  }
}
