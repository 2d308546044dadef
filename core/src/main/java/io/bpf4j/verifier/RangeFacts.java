package io.bpf4j.verifier;

import java.util.Arrays;

/**
 * What the verifier proved about register values before each instruction, for a compiler: like
 * the per-instruction data the kernel's verifier hands its JITs ({@code insn_aux_data}, e.g.
 * {@code zext_dst}). A register is in an instruction's mask only when it held a scalar with the
 * property in every state the verifier walked into that instruction.
 *
 * <p>Pruning does not weaken this: a path cut at a checkpoint continues like the walked state
 * that covers it, but the cover is checked by range only for registers whose value may flow
 * into something that needs it exactly ({@code Liveness.precise}: a jump, an address, a helper
 * argument, the result, a store); the others compare equal whatever they hold. So a register is recorded only where it is such a precise one, which
 * every register a conditional jump compares is, and so is every register whose value flows
 * into one (a copy, an operand).
 *
 * <p>Instructions the verifier never reached (dead code) have no facts. Masks are by slot
 * (an {@code lddw} takes two; its second has no facts) and by register: bit {@code r} for
 * {@code r0}..{@code r9}.
 *
 * {@snippet :
 * VerifierResult r = Verifier.verify(VerifierInput.of("p", insns, ProgType.XDP));
 * RangeFacts f = r.facts();
 * boolean r3NonNegative = (f.nonNegative(5) & (1 << 3)) != 0; // before slot 5
 * }
 */
public final class RangeFacts {
  private static final RangeFacts NONE = new RangeFacts(new int[0], new int[0], new int[0],
      new java.util.BitSet());

  private final int[] nonNegative;
  private final int[] narrow;
  private final int[] nonNegative32;
  private final java.util.BitSet probeLoads;

  private RangeFacts(int[] nonNegative, int[] narrow, int[] nonNegative32,
      java.util.BitSet probeLoads) {
    this.nonNegative = nonNegative;
    this.narrow = narrow;
    this.nonNegative32 = nonNegative32;
    this.probeLoads = probeLoads;
  }

  /**
   * True when the load at {@code slot} reads a kernel struct through a BTF-typed pointer
   * ({@code PTR_TO_BTF_ID}, or the untrusted memory a pointer member to a non-struct gives),
   * which the kernel turns into a {@code BPF_PROBE_MEM} load: one that reads 0 where the
   * address faults. The engines run such loads through {@link io.bpf4j.vm.ProbeLoads}.
   */
  public boolean probeLoad(int slot) {
    return probeLoads.get(slot);
  }

  /** The slots of {@link #probeLoad probe loads}. */
  public java.util.BitSet probeLoads() {
    return (java.util.BitSet) probeLoads.clone();
  }

  /** No facts at all: what a program compiled without verification gets. */
  public static RangeFacts none() {
    return NONE;
  }

  /**
   * Registers that hold a scalar in {@code [0, 2^63)} (so a signed and an unsigned 64-bit
   * compare agree on them) before slot {@code slot}.
   */
  public int nonNegative(int slot) {
    return at(nonNegative, slot);
  }

  /** Registers that hold a scalar in {@code [0, 2^32)} (upper half zero) before the slot. */
  public int narrow(int slot) {
    return at(narrow, slot);
  }

  /**
   * Registers whose low 32 bits, as an unsigned number, lie in {@code [0, 2^31)} before the
   * slot (so a signed and an unsigned 32-bit compare agree on them).
   */
  public int nonNegative32(int slot) {
    return at(nonNegative32, slot);
  }

  /** The number of slots with facts (0 for {@link #none()}). */
  public int slots() {
    return narrow.length;
  }

  private static int at(int[] masks, int slot) {
    return slot >= 0 && slot < masks.length ? masks[slot] : 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RangeFacts[");
    for (int i = 0; i < narrow.length; i++) {
      if ((nonNegative[i] | narrow[i] | nonNegative32[i]) != 0) {
        sb.append(String.format(" %d: nonneg=%s narrow=%s nonneg32=%s;", i,
            regs(nonNegative[i]), regs(narrow[i]), regs(nonNegative32[i])));
      }
    }
    return sb.append(" ]").toString();
  }

  private static String regs(int mask) {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < 10; r++) {
      if ((mask & (1 << r)) != 0) {
        sb.append(sb.isEmpty() ? "r" : ",r").append(r);
      }
    }
    return sb.isEmpty() ? "-" : sb.toString();
  }

  /** Collects the facts during the walk: the and of every state seen at each slot. */
  static final class Recorder {
    private final int[] nonNegative;
    private final int[] narrow;
    private final int[] nonNegative32;
    private final boolean[] seen;
    private final int[] precise;
    /** Per slot: 0 no load through a pointer seen yet, 1 probe loads, 2 other loads. */
    private final byte[] loadKind;

    Recorder(int slots, int[] precise) {
      loadKind = new byte[slots];
      nonNegative = new int[slots];
      narrow = new int[slots];
      nonNegative32 = new int[slots];
      seen = new boolean[slots];
      this.precise = precise;
    }

    /** Adds the registers of the state about to execute slot {@code pc}. */
    void record(int pc, VState s) {
      Reg[] regs = s.cur().regs;
      int nn = 0;
      int nw = 0;
      int n32 = 0;
      int candidates = precise[pc];
      for (int r = 0; r < 10; r++) {
        if ((candidates & (1 << r)) == 0) {
          continue;
        }
        Reg g = regs[r];
        if (g.type != RegType.SCALAR) {
          continue;
        }
        if (g.umax >= 0) {
          nn |= 1 << r;
          if (g.umax <= Reg.U32_MAX) {
            nw |= 1 << r;
          }
        }
        if (g.u32max <= Integer.MAX_VALUE) {
          n32 |= 1 << r;
        }
      }
      if (seen[pc]) {
        nonNegative[pc] &= nn;
        narrow[pc] &= nw;
        nonNegative32[pc] &= n32;
      } else {
        seen[pc] = true;
        nonNegative[pc] = nn;
        narrow[pc] = nw;
        nonNegative32[pc] = n32;
      }
    }

    /**
     * Records that the load at {@code pc} went through a pointer of the probe kind or not;
     * false when the slot was reached before with the other kind (the kernel's "same insn
     * cannot be used with different pointers": one instruction cannot be both).
     */
    boolean load(int pc, boolean probe) {
      byte k = (byte) (probe ? 1 : 2);
      if (loadKind[pc] != 0 && loadKind[pc] != k) {
        return false;
      }
      loadKind[pc] = k;
      return true;
    }

    RangeFacts facts() {
      java.util.BitSet probes = new java.util.BitSet();
      for (int i = 0; i < loadKind.length; i++) {
        if (loadKind[i] == 1) {
          probes.set(i);
        }
      }
      return new RangeFacts(Arrays.copyOf(nonNegative, nonNegative.length),
          Arrays.copyOf(narrow, narrow.length), Arrays.copyOf(nonNegative32, nonNegative32.length),
          probes);
    }
  }
}
