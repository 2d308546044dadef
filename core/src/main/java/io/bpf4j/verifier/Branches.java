package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/**
 * Conditional jumps ({@code check_cond_jmp_op}): decide the outcome when the bounds tell it,
 * otherwise fork and refine both sides ({@code reg_set_min_max}), turn a NULL check into
 * "NULL" and "not NULL" states, and turn a comparison with {@code data_end} into a packet
 * range ({@code find_good_pkt_pointers}).
 */
final class Branches {
  private Branches() {}

  static int condJump(Checker env, VState s, Insn in, int pc) throws Reject {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean jmp32 = (op & 7) == JMP32;
    boolean x = (op & X) != 0;
    Reg dst = env.read(s, in.dst(), pc);
    Reg src = x ? env.read(s, in.src(), pc) : Reg.constant(jmp32 ? in.imm() & Reg.U32_MAX
        : in.imm());
    int target = pc + 1 + in.offset();
    boolean pkt = isPktPair(dst, src);
    if (!env.privileged && !pkt) {
      boolean nullCheck = !x && in.imm() == 0 && (code == JEQ || code == JNE)
          && dst.type.maybeNull() && !jmp32;
      if (x && src.type.isPointer()) {
        throw new Reject(pc, Problem.POINTER_LEAK, in.src(), "R" + in.src()
            + " pointer comparison prohibited");
      }
      if (dst.type.isPointer() && !nullCheck) {
        throw new Reject(pc, Problem.POINTER_LEAK, in.dst(), "R" + in.dst()
            + " pointer comparison prohibited");
      }
    }
    int pred = taken(dst, src, code, jmp32);
    env.logInsn(pc, in, s, -1);
    if (pred == 1) {
      return target;
    }
    if (pred == 0) {
      return pc + 1;
    }
    VState other = s.copy();
    other.insn = target;
    other.lastInsn = pc;
    boolean otherOk = refine(env, other, in, true);
    boolean selfOk = refine(env, s, in, false);
    if (!selfOk) {
      if (!otherOk) {
        return -1;
      }
      s.assign(other);
      return target;
    }
    if (otherOk) {
      env.push(other);
    }
    return pc + 1;
  }

  private static boolean isPktPair(Reg a, Reg b) {
    return (a.type.isPacket() || a.type == RegType.PTR_TO_PACKET_END)
        && (b.type.isPacket() || b.type == RegType.PTR_TO_PACKET_END);
  }

  /** 1: always taken, 0: never, -1: unknown ({@code is_branch_taken}). */
  static int taken(Reg a, Reg b, int code, boolean jmp32) {
    if (a.type != RegType.SCALAR || b.type != RegType.SCALAR) {
      Reg p = a.type != RegType.SCALAR ? a : b;
      Reg v = p == a ? b : a;
      boolean notNull = p.type == RegType.PTR_TO_MAP_VALUE || p.type == RegType.PTR_TO_MAP_KEY
          || p.type == RegType.PTR_TO_MEM || p.type == RegType.PTR_TO_SOCKET
          || (p.type == RegType.PTR_TO_BTF_ID && p.btfTrust == Reg.BTF_TRUSTED);
      if (v.type == RegType.SCALAR && v.isConst() && v.constValue() == 0 && notNull) {
        if (code == JEQ) {
          return 0;
        }
        if (code == JNE) {
          return 1;
        }
      }
      return -1;
    }
    if (a.isConst() && b.isConst() && !jmp32) {
      return Concrete.cond(code, false, a.constValue(), b.constValue()) ? 1 : 0;
    }
    if (jmp32 && a.isConst32() && b.isConst32()) {
      return Concrete.cond(code, true, a.var.value(), b.var.value()) ? 1 : 0;
    }
    long umin1 = jmp32 ? a.u32min : a.umin;
    long umax1 = jmp32 ? a.u32max : a.umax;
    long smin1 = jmp32 ? a.s32min : a.smin;
    long smax1 = jmp32 ? a.s32max : a.smax;
    long umin2 = jmp32 ? b.u32min : b.umin;
    long umax2 = jmp32 ? b.u32max : b.umax;
    long smin2 = jmp32 ? b.s32min : b.smin;
    long smax2 = jmp32 ? b.s32max : b.smax;
    Tnum t1 = jmp32 ? a.var.subreg() : a.var;
    Tnum t2 = jmp32 ? b.var.subreg() : b.var;
    switch (code) {
      case JEQ, JNE -> {
        boolean differ = ult(umax1, umin2) || ult(umax2, umin1) || smax1 < smin2
            || smax2 < smin1 || ((t1.value() ^ t2.value()) & ~(t1.mask() | t2.mask())) != 0;
        if (differ) {
          return code == JEQ ? 0 : 1;
        }
        return -1;
      }
      case JSET -> {
        if ((t1.value() & t2.value()) != 0) {
          return 1;
        }
        if (((t1.value() | t1.mask()) & (t2.value() | t2.mask())) == 0) {
          return 0;
        }
        return -1;
      }
      case JGT -> {
        return ult(umax2, umin1) ? 1 : !ult(umax2, umin1) && !ult(umin2, umax1) ? 0 : -1;
      }
      case JGE -> {
        return !ult(umin1, umax2) ? 1 : ult(umax1, umin2) ? 0 : -1;
      }
      case JLT -> {
        return ult(umax1, umin2) ? 1 : !ult(umin1, umax2) ? 0 : -1;
      }
      case JLE -> {
        return !ult(umin2, umax1) ? 1 : ult(umax2, umin1) ? 0 : -1;
      }
      case JSGT -> {
        return smin1 > smax2 ? 1 : smax1 <= smin2 ? 0 : -1;
      }
      case JSGE -> {
        return smin1 >= smax2 ? 1 : smax1 < smin2 ? 0 : -1;
      }
      case JSLT -> {
        return smax1 < smin2 ? 1 : smin1 >= smax2 ? 0 : -1;
      }
      case JSLE -> {
        return smax1 <= smin2 ? 1 : smin1 > smax2 ? 0 : -1;
      }
      default -> {
        return -1;
      }
    }
  }

  private static boolean ult(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  static int negate(int code) {
    return switch (code) {
      case JEQ -> JNE;
      case JNE -> JEQ;
      case JGT -> JLE;
      case JLE -> JGT;
      case JGE -> JLT;
      case JLT -> JGE;
      case JSGT -> JSLE;
      case JSLE -> JSGT;
      case JSGE -> JSLT;
      case JSLT -> JSGE;
      default -> -1; // JSET: handled as "no common bit"
    };
  }

  /** Applies what the branch outcome tells; false when this side cannot happen. */
  private static boolean refine(Checker env, VState s, Insn in, boolean isTaken) {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean jmp32 = (op & 7) == JMP32;
    boolean x = (op & X) != 0;
    StackFrame f = s.cur();
    Reg a = f.regs[in.dst()];
    Reg b = x ? f.regs[in.src()] : Reg.constant(jmp32 ? in.imm() & Reg.U32_MAX : in.imm());
    int c = isTaken ? code : negate(code);
    if (isPktPair(a, b)) {
      packetRange(s, a, b, code, isTaken);
      return true;
    }
    if (a.type.maybeNull() && b.isNullConst() && !jmp32 && (code == JEQ || code == JNE)) {
      boolean isNull = (c == JEQ);
      markNull(s, a, isNull);
      return true;
    }
    if (b.type.maybeNull() && a.isNullConst() && !jmp32 && (code == JEQ || code == JNE)) {
      markNull(s, b, c == JEQ);
      return true;
    }
    if (a.type != RegType.SCALAR || b.type != RegType.SCALAR) {
      return true;
    }
    boolean ok = Refine.apply(a, b, code, isTaken, jmp32);
    if (!ok) {
      return false;
    }
    propagate(s, a);
    if (x) {
      propagate(s, b);
    }
    return true;
  }

  private static void propagate(VState s, Reg r) {
    if (r.id == 0) {
      return;
    }
    s.forEachReg(o -> {
      if (o != r && o.id == r.id && o.type == RegType.SCALAR) {
        o.set(r);
      }
    });
  }

  private static void markNull(VState s, Reg p, boolean isNull) {
    int id = p.id;
    int ref = p.refId;
    if (id == 0) {
      if (isNull) {
        p.becomeConst(0);
      } else {
        nonNull(p);
      }
      return;
    }
    s.forEachReg(o -> {
      if (o.id == id && o.type.maybeNull()) {
        if (isNull) {
          o.becomeConst(0);
        } else {
          nonNull(o);
        }
      }
    });
    if (isNull && ref != 0 && ref == id) { // a dynptr slice carries its dynptr's ref
      s.releaseRef(ref);
    }
  }

  /**
   * A pointer proved not NULL. A lookup in a map of maps gives the inner map itself
   * ({@code mark_ptr_or_null_reg}: {@code CONST_PTR_TO_MAP} of {@code inner_map_meta}).
   */
  private static void nonNull(Reg r) {
    if (r.type == RegType.PTR_TO_MAP_VALUE_OR_NULL && r.map != null && r.map.inner() != null) {
      r.type = RegType.CONST_PTR_TO_MAP;
      r.map = r.map.inner();
      return;
    }
    r.type = r.type.nonNull();
  }

  /** {@code find_good_pkt_pointers}: a comparison with data_end proves bytes readable. */
  private static void packetRange(VState s, Reg a, Reg b, int code, boolean isTaken) {
    // normalise to "pkt OP end"
    Reg pkt;
    boolean flipped;
    if (a.type.isPacket() && (b.type == RegType.PTR_TO_PACKET_END
        || (a.type == RegType.PTR_TO_PACKET_META && b.type == RegType.PTR_TO_PACKET))) {
      pkt = a;
      flipped = false;
    } else if (b.type.isPacket() && (a.type == RegType.PTR_TO_PACKET_END
        || (b.type == RegType.PTR_TO_PACKET_META && a.type == RegType.PTR_TO_PACKET))) {
      pkt = b;
      flipped = true;
    } else {
      return;
    }
    int c = flipped ? flip(code) : code;
    // which side proves pkt <= end (closed) or pkt < end (open)
    boolean safe;
    boolean open;
    switch (c) {
      case JGT -> { // pkt > end: the fall-through is safe
        safe = !isTaken;
        open = false;
      }
      case JGE -> { // pkt >= end: fall-through means pkt < end
        safe = !isTaken;
        open = true;
      }
      case JLT -> {
        safe = isTaken;
        open = true;
      }
      case JLE -> {
        safe = isTaken;
        open = false;
      }
      default -> {
        return;
      }
    }
    if (!safe || pkt.off < 0 || (pkt.off == 0 && open)) {
      return;
    }
    if (Long.compareUnsigned(pkt.umax, 0xffff) > 0 || pkt.umax + pkt.off > 0xffff) {
      return;
    }
    int range = pkt.off + (open ? 1 : 0);
    RegType t = pkt.type;
    int id = pkt.id;
    s.forEachReg(o -> {
      if (o.type == t && o.id == id) {
        o.range = Math.max(o.range, range);
      }
    });
  }

  private static int flip(int code) {
    return switch (code) {
      case JGT -> JLT;
      case JLT -> JGT;
      case JGE -> JLE;
      case JLE -> JGE;
      default -> code;
    };
  }
}
