package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

/**
 * Bounds learned from a comparison of two scalars ({@code regs_refine_cond_op}), for the
 * side where {@code a OP b} holds ({@code taken}) or does not.
 */
final class Refine {
  private Refine() {}

  /** Refines a and b; false when the bounds become empty (the side cannot happen). */
  static boolean apply(Reg a, Reg b, int code, boolean taken, boolean jmp32) {
    if (code == JSET) {
      if (b.isConst() || (jmp32 && b.isConst32())) {
        long c = jmp32 ? b.var.value() & Reg.U32_MAX : b.constValue();
        if (taken) {
          if (Long.bitCount(c) == 1) {
            a.var = a.var.or(Tnum.constant(c));
          }
        } else {
          a.var = a.var.and(Tnum.constant(~c));
        }
        a.sync();
      }
      return a.boundsValid();
    }
    int c = taken ? code : Branches.negate(code);
    switch (c) {
      case JLT -> {
        return apply(b, a, JGT, true, jmp32);
      }
      case JLE -> {
        return apply(b, a, JGE, true, jmp32);
      }
      case JSLT -> {
        return apply(b, a, JSGT, true, jmp32);
      }
      case JSLE -> {
        return apply(b, a, JSGE, true, jmp32);
      }
      default -> { }
    }
    if (jmp32) {
      if (!refine32(a, b, c)) {
        return false;
      }
    } else if (!refine64(a, b, c)) {
      return false;
    }
    a.sync();
    b.sync();
    return a.boundsValid() && b.boundsValid();
  }

  private static boolean refine64(Reg a, Reg b, int c) {
    switch (c) {
      case JEQ -> {
        long umin = Reg.umaxOf(a.umin, b.umin);
        long umax = Reg.uminOf(a.umax, b.umax);
        long smin = Math.max(a.smin, b.smin);
        long smax = Math.min(a.smax, b.smax);
        if (Long.compareUnsigned(umin, umax) > 0 || smin > smax) {
          return false;
        }
        Tnum t = a.var.intersect(b.var);
        for (Reg r : new Reg[] {a, b}) {
          r.umin = umin;
          r.umax = umax;
          r.smin = smin;
          r.smax = smax;
          r.var = t;
        }
      }
      case JNE -> {
        if (b.isConst()) {
          exclude64(a, b.constValue());
        } else if (a.isConst()) {
          exclude64(b, a.constValue());
        }
      }
      case JGT -> {
        if (b.umin == -1L || a.umax == 0) {
          return false;
        }
        a.umin = Reg.umaxOf(a.umin, b.umin + 1);
        b.umax = Reg.uminOf(b.umax, a.umax - 1);
      }
      case JGE -> {
        a.umin = Reg.umaxOf(a.umin, b.umin);
        b.umax = Reg.uminOf(b.umax, a.umax);
      }
      case JSGT -> {
        if (b.smin == Long.MAX_VALUE || a.smax == Long.MIN_VALUE) {
          return false;
        }
        a.smin = Math.max(a.smin, b.smin + 1);
        b.smax = Math.min(b.smax, a.smax - 1);
      }
      case JSGE -> {
        a.smin = Math.max(a.smin, b.smin);
        b.smax = Math.min(b.smax, a.smax);
      }
      default -> { }
    }
    return true;
  }

  private static void exclude64(Reg a, long v) {
    if (a.umin == v) {
      a.umin++;
    }
    if (a.umax == v) {
      a.umax--;
    }
    if (a.smin == v) {
      a.smin++;
    }
    if (a.smax == v) {
      a.smax--;
    }
  }

  private static boolean refine32(Reg a, Reg b, int c) {
    switch (c) {
      case JEQ -> {
        long umin = Math.max(a.u32min, b.u32min);
        long umax = Math.min(a.u32max, b.u32max);
        long smin = Math.max(a.s32min, b.s32min);
        long smax = Math.min(a.s32max, b.s32max);
        if (umin > umax || smin > smax) {
          return false;
        }
        Tnum t = a.var.subreg().intersect(b.var.subreg());
        for (Reg r : new Reg[] {a, b}) {
          r.u32min = umin;
          r.u32max = umax;
          r.s32min = smin;
          r.s32max = smax;
          r.var = r.var.withSubreg(t);
        }
      }
      case JNE -> {
        if (b.isConst32()) {
          exclude32(a, b.var.value() & Reg.U32_MAX);
        } else if (a.isConst32()) {
          exclude32(b, a.var.value() & Reg.U32_MAX);
        }
      }
      case JGT -> {
        if (b.u32min == Reg.U32_MAX || a.u32max == 0) {
          return false;
        }
        a.u32min = Math.max(a.u32min, b.u32min + 1);
        b.u32max = Math.min(b.u32max, a.u32max - 1);
      }
      case JGE -> {
        a.u32min = Math.max(a.u32min, b.u32min);
        b.u32max = Math.min(b.u32max, a.u32max);
      }
      case JSGT -> {
        if (b.s32min == Integer.MAX_VALUE || a.s32max == Integer.MIN_VALUE) {
          return false;
        }
        a.s32min = Math.max(a.s32min, b.s32min + 1);
        b.s32max = Math.min(b.s32max, a.s32max - 1);
      }
      case JSGE -> {
        a.s32min = Math.max(a.s32min, b.s32min);
        b.s32max = Math.min(b.s32max, a.s32max);
      }
      default -> { }
    }
    return true;
  }

  private static void exclude32(Reg a, long v) {
    if (a.u32min == v) {
      a.u32min++;
    }
    if (a.u32max == v) {
      a.u32max--;
    }
    if (a.s32min == (int) v) {
      a.s32min++;
    }
    if (a.s32max == (int) v) {
      a.s32max--;
    }
  }
}
