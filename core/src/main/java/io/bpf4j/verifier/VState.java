package io.bpf4j.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The abstract machine state on one path ({@code struct bpf_verifier_state}): the call stack
 * of frames, the references acquired and not yet released, and the spin lock held.
 */
final class VState {
  final List<StackFrame> frames = new ArrayList<>();
  /** Acquired references: id and the slot that acquired them. */
  final List<int[]> refs = new ArrayList<>();
  /** Id of the spin lock held, 0 when none; and the map value it locks. */
  int lockId;
  int insn;
  /** Slot of the last jump taken, for the log. */
  int lastInsn = -1;
  /** The last checkpoint on this path. */
  Checkpoint parent;

  StackFrame cur() {
    return frames.getLast();
  }

  Reg reg(int r) {
    return cur().regs[r];
  }

  VState copy() {
    VState s = new VState();
    for (StackFrame f : frames) {
      s.frames.add(f.copy());
    }
    for (int[] r : refs) {
      s.refs.add(r.clone());
    }
    s.lockId = lockId;
    s.insn = insn;
    s.lastInsn = lastInsn;
    s.parent = parent;
    return s;
  }

  /** Takes over another path's frames, references and lock (same checkpoint chain). */
  void assign(VState o) {
    frames.clear();
    frames.addAll(o.frames);
    refs.clear();
    refs.addAll(o.refs);
    lockId = o.lockId;
  }

  boolean hasRef(int id) {
    for (int[] r : refs) {
      if (r[0] == id) {
        return true;
      }
    }
    return false;
  }

  void releaseRef(int id) {
    refs.removeIf(r -> r[0] == id);
  }

  /** Every register and spill in every frame, for changes that apply to all copies. */
  void forEachReg(java.util.function.Consumer<Reg> f) {
    for (StackFrame fr : frames) {
      for (Reg r : fr.regs) {
        f.accept(r);
      }
      for (Reg r : fr.spills) {
        if (r != null) {
          f.accept(r);
        }
      }
    }
  }
}
