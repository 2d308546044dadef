package io.bpf4j.vm;

/**
 * The helpers that the bpf_conformance tests may call, numbered as in the ubpf test plugin:
 *
 * <table>
 *   <caption>Conformance helpers</caption>
 *   <tr><th>id</th><th>name</th><th>what it does</th></tr>
 *   <tr><td>0</td><td>gather_bytes</td><td>the low bytes of r1..r5 packed into one value,
 *       r1's byte highest</td></tr>
 *   <tr><td>1</td><td>memfrob</td><td>XORs r2 bytes at r1 with 42; returns 0</td></tr>
 *   <tr><td>2</td><td>no_op</td><td>returns 0</td></tr>
 *   <tr><td>3</td><td>sqrti</td><td>the integer part of the square root of r1 (unsigned)</td></tr>
 *   <tr><td>4</td><td>strcmp_ext</td><td>compares the NUL-terminated strings at r1 and r2</td></tr>
 *   <tr><td>5</td><td>unwind</td><td>returns r1; when r1 is 0 the program stops with r0 = 0</td></tr>
 * </table>
 *
 * <p>Of the 313 conformance tests only {@code call_unwind_fail} and {@code callx} call a
 * helper, both helper 5.
 */
public final class ConformanceHelpers {
  private ConformanceHelpers() {}

  /** Id of the unwind helper. */
  public static final int UNWIND = 5;

  private static final HelperTable TABLE =
      HelperTable.empty()
          .with(0, "gather_bytes", ConformanceHelpers::gatherBytes)
          .with(1, "memfrob", ConformanceHelpers::memfrob)
          .with(2, "no_op", (st, a, b, c, d, e) -> 0)
          .with(3, "sqrti", (st, a, b, c, d, e) -> sqrti(a))
          .with(4, "strcmp_ext", ConformanceHelpers::strcmp)
          .with(UNWIND, "unwind", ConformanceHelpers::unwind);

  /** The table of helpers 0..5. */
  public static HelperTable table() {
    return TABLE;
  }

  static long gatherBytes(RunState st, long a, long b, long c, long d, long e) {
    return (a & 0xff) << 32 | (b & 0xff) << 24 | (c & 0xff) << 16 | (d & 0xff) << 8 | (e & 0xff);
  }

  static long memfrob(RunState st, long ptr, long len, long c, long d, long e) {
    st.checkAccess(ptr, len, true);
    for (long i = 0; i < len; i++) {
      Memory.ALL.set(Memory.U8, ptr + i, (byte) (Memory.ALL.get(Memory.U8, ptr + i) ^ 42));
    }
    return 0;
  }

  /** Square root of {@code a} read as unsigned, truncated, as C's {@code (uint64_t) sqrt(a)}. */
  static long sqrti(long a) {
    double x = a >= 0 ? (double) a : ((a >>> 1) | (a & 1)) * 2.0;
    return (long) Math.sqrt(x);
  }

  static long strcmp(RunState st, long p, long q, long c, long d, long e) {
    for (long i = 0; ; i++) {
      st.checkAccess(p + i, 1, false);
      st.checkAccess(q + i, 1, false);
      int x = Memory.ALL.get(Memory.U8, p + i) & 0xff;
      int y = Memory.ALL.get(Memory.U8, q + i) & 0xff;
      if (x != y || x == 0) {
        return x - y;
      }
    }
  }

  static long unwind(RunState st, long a, long b, long c, long d, long e) {
    if (a == 0) {
      st.stop(0);
    }
    return a;
  }
}
