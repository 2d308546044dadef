package io.bpf4j.verifier;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a state already proven safe covers the current one ({@code states_equal} and
 * {@code regsafe}): every register and stack slot of the old state admits everything the
 * current one may hold. With {@code exact}, scalars are always compared by range, which is
 * how a loop that makes no progress is told.
 */
final class StatesEqual {
  private final Map<Integer, Integer> oldToCur = new HashMap<>();
  private final Map<Integer, Integer> curToOld = new HashMap<>();
  private final Liveness liveness;
  private final boolean exact;

  private StatesEqual(Liveness liveness, boolean exact) {
    this.liveness = liveness;
    this.exact = exact;
  }

  static boolean covers(VState old, VState cur, Liveness lv, boolean exact) {
    if (old.frames.size() != cur.frames.size() || old.lockId != 0 != (cur.lockId != 0)) {
      return false;
    }
    StatesEqual eq = new StatesEqual(lv, exact);
    if (old.lockId != 0 && !eq.ids(old.lockId, cur.lockId)) {
      return false;
    }
    if (old.refs.size() != cur.refs.size()) {
      return false;
    }
    for (int i = 0; i < old.refs.size(); i++) {
      if (!eq.ids(old.refs.get(i)[0], cur.refs.get(i)[0])) {
        return false;
      }
    }
    int nf = old.frames.size();
    for (int f = nf - 1; f >= 0; f--) {
      StackFrame a = old.frames.get(f);
      StackFrame b = cur.frames.get(f);
      if (a.callsite != b.callsite || a.subprogStart != b.subprogStart) {
        return false;
      }
      int pc = f == nf - 1 ? cur.insn : old.frames.get(f + 1).callsite + 1;
      int liveMask = exact ? -1 : lv.live[pc];
      int precMask = exact ? -1 : lv.precise[pc];
      if (f < nf - 1) {
        liveMask &= ~0b111111; // r0..r5 are clobbered by the call
      }
      for (int r = 0; r < 10; r++) {
        if ((liveMask & (1 << r)) == 0) {
          continue;
        }
        if (!eq.reg(a.regs[r], b.regs[r], (precMask & (1 << r)) != 0)) {
          return false;
        }
      }
      if (!eq.stack(a, b)) {
        return false;
      }
    }
    return true;
  }

  private boolean ids(int o, int c) {
    if (o == 0 && c == 0) {
      return true;
    }
    if (o == 0 || c == 0) {
      return false;
    }
    Integer m = oldToCur.get(o);
    Integer back = curToOld.get(c);
    if (m == null && back == null) {
      oldToCur.put(o, c);
      curToOld.put(c, o);
      return true;
    }
    return m != null && m == c && back != null && back == o;
  }

  private boolean rangeWithin(Reg o, Reg c) {
    if (exact) {
      return o.smin == c.smin && o.smax == c.smax && o.umin == c.umin && o.umax == c.umax
          && o.s32min == c.s32min && o.s32max == c.s32max && o.u32min == c.u32min
          && o.u32max == c.u32max && o.var.equals(c.var);
    }
    return o.smin <= c.smin && o.smax >= c.smax
        && Long.compareUnsigned(o.umin, c.umin) <= 0 && Long.compareUnsigned(o.umax, c.umax) >= 0
        && o.s32min <= c.s32min && o.s32max >= c.s32max
        && o.u32min <= c.u32min && o.u32max >= c.u32max && o.var.contains(c.var);
  }

  boolean reg(Reg o, Reg c, boolean precise) {
    if (o.type == RegType.NOT_INIT) {
      return !exact || c.type == RegType.NOT_INIT;
    }
    if (o.type != c.type) {
      return false;
    }
    switch (o.type) {
      case SCALAR -> {
        if (!precise && !exact) {
          return true;
        }
        return rangeWithin(o, c);
      }
      case PTR_TO_MAP_VALUE, PTR_TO_MAP_KEY, PTR_TO_MEM -> {
        return o.off == c.off && o.map == c.map && o.memSize == c.memSize
            && rangeWithin(o, c) && ids(o.refId, c.refId) && ids(o.dynptrId, c.dynptrId);
      }
      case PTR_TO_MAP_VALUE_OR_NULL, PTR_TO_MEM_OR_NULL, PTR_TO_SOCKET_OR_NULL,
          PTR_TO_SOCK_COMMON_OR_NULL -> {
        return o.off == c.off && o.map == c.map && o.memSize == c.memSize
            && rangeWithin(o, c) && ids(o.id, c.id) && ids(o.refId, c.refId)
            && ids(o.dynptrId, c.dynptrId);
      }
      case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
        return o.range <= c.range && o.off == c.off && rangeWithin(o, c) && ids(o.id, c.id);
      }
      case PTR_TO_STACK -> {
        return o.off == c.off && o.frameNo == c.frameNo && rangeWithin(o, c);
      }
      default -> {
        return o.off == c.off && o.map == c.map && o.frameNo == c.frameNo
            && o.var.equals(c.var) && ids(o.id, c.id) && o.btf == c.btf
            && o.btfTrust == c.btfTrust;
      }
    }
  }

  private boolean stack(StackFrame a, StackFrame b) {
    for (int i = 0; i < StackFrame.SIZE; i++) {
      byte t = a.bytes[i];
      byte u = b.bytes[i];
      if (t == StackFrame.INVALID && !exact) {
        continue;
      }
      if (t == StackFrame.SPILL) {
        if (i % 8 == 0) {
          Reg ro = a.spills[i / 8];
          Reg rc = b.spills[i / 8];
          if (rc == null || ro == null) {
            return false;
          }
          if (!reg(ro, rc, true)) {
            return false;
          }
        }
        if (u != StackFrame.SPILL) {
          return false;
        }
        continue;
      }
      if (t == StackFrame.DYNPTR) {
        // the kernel's stacksafe: same kind, same half, same reference
        if (u != StackFrame.DYNPTR) {
          return false;
        }
        if (i % 8 == 0) {
          Dynptrs.Slot x = a.dynptrs[i / 8];
          Dynptrs.Slot y = b.dynptrs[i / 8];
          if (x == null || y == null || x.kind() != y.kind() || x.first() != y.first()
              || !ids(x.id(), y.id()) || !ids(x.refId(), y.refId())) {
            return false;
          }
        }
        continue;
      }
      if (t == StackFrame.MISC) {
        if (u == StackFrame.INVALID) {
          return false;
        }
        if (u == StackFrame.SPILL) {
          Reg rc = b.spills[i / 8];
          if (rc == null || rc.type != RegType.SCALAR) {
            return false;
          }
        }
        continue;
      }
      if (t != u) {
        return false;
      }
    }
    return true;
  }
}
