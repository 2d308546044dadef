package io.bpf4j.isa;

/**
 * The eBPF registers r0..r10 ({@code BPF_REG_0}..{@code BPF_REG_10} in linux/filter.h): r0 the
 * return value, r1..r5 arguments (clobbered by calls), r6..r9 callee-saved, r10 the read-only
 * frame pointer.
 */
public enum Reg {
  /** Return value of calls and of the program. */
  R0,
  /** First argument; the context pointer at program entry. */
  R1,
  /** Second argument. */
  R2,
  /** Third argument. */
  R3,
  /** Fourth argument. */
  R4,
  /** Fifth argument. */
  R5,
  /** Callee-saved. */
  R6,
  /** Callee-saved. */
  R7,
  /** Callee-saved. */
  R8,
  /** Callee-saved. */
  R9,
  /** Frame pointer: the top of the current 512-byte stack frame; read-only. */
  R10;

  private static final Reg[] ALL = values();

  /** The register number 0..10 as encoded in an instruction. */
  public int n() {
    return ordinal();
  }

  /** The register with number {@code n}, 0..10. */
  public static Reg of(int n) {
    if (n < 0 || n >= ALL.length) {
      throw new IllegalArgumentException("register " + n + " (must be 0..10)");
    }
    return ALL[n];
  }
}
