package io.bpf4j.verifier;

import java.util.Arrays;

/**
 * One function's frame in the abstract state ({@code struct bpf_func_state}): registers and
 * the 512-byte stack, each byte typed as never written, written data, zero or part of a
 * spilled register.
 */
final class StackFrame {
  static final byte INVALID = 0;
  static final byte MISC = 1;
  static final byte ZERO = 2;
  static final byte SPILL = 3;
  /** Part of a {@code struct bpf_dynptr} a helper made here ({@code STACK_DYNPTR}). */
  static final byte DYNPTR = 4;
  static final int SIZE = 512;

  final Reg[] regs = new Reg[11];
  /** Byte types, index {@code SIZE + fpOffset}. */
  final byte[] bytes;
  /** Spilled registers by 8-byte slot ({@code index / 8}); non-null when a slot holds one. */
  final Reg[] spills;
  /** The dynptr of each 8-byte slot whose bytes are {@link #DYNPTR}, else null. */
  final Dynptrs.Slot[] dynptrs;
  /** Which function: the slot where it starts. */
  final int subprogStart;
  /** The call instruction's slot in the caller, -1 for the main function. */
  final int callsite;
  final int frameNo;
  /** Deepest byte written or read (as a positive depth). */
  int depth;

  StackFrame(int frameNo, int subprogStart, int callsite) {
    this.frameNo = frameNo;
    this.subprogStart = subprogStart;
    this.callsite = callsite;
    this.bytes = new byte[SIZE];
    this.spills = new Reg[SIZE / 8];
    this.dynptrs = new Dynptrs.Slot[SIZE / 8];
    for (int i = 0; i < regs.length; i++) {
      regs[i] = Reg.notInit();
    }
  }

  private StackFrame(StackFrame o) {
    this.frameNo = o.frameNo;
    this.subprogStart = o.subprogStart;
    this.callsite = o.callsite;
    this.depth = o.depth;
    this.bytes = o.bytes.clone();
    this.spills = new Reg[o.spills.length];
    this.dynptrs = o.dynptrs.clone();
    for (int i = 0; i < spills.length; i++) {
      spills[i] = o.spills[i] == null ? null : o.spills[i].copy();
    }
    for (int i = 0; i < regs.length; i++) {
      regs[i] = o.regs[i].copy();
    }
  }

  StackFrame copy() {
    return new StackFrame(this);
  }

  /** Clears a slot's spill when one of its bytes is overwritten by something else. */
  void scrubSpill(int slot) {
    if (spills[slot] != null) {
      spills[slot] = null;
      for (int i = slot * 8; i < slot * 8 + 8; i++) {
        if (bytes[i] == SPILL) {
          bytes[i] = MISC;
        }
      }
    }
  }

  void touch(int fpOffset) {
    depth = Math.max(depth, -fpOffset);
  }

  boolean sameBytes(StackFrame o) {
    return Arrays.equals(bytes, o.bytes);
  }
}
