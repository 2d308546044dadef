package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

/**
 * Arithmetic on two scalars ({@code adjust_scalar_min_max_vals}): the result's tnum and
 * bounds, in 64-bit or 32-bit width (a 32-bit result is zero-extended).
 */
final class ScalarAlu {
  private ScalarAlu() {}

  /** {@code dst = dst OP src}; both are scalars. */
  static void apply(Reg dst, Reg src, int code, boolean alu64, int off) {
    if (dst.isConst() && src.isConst() && (alu64 || true)) {
      long a = dst.constValue();
      long b = src.constValue();
      Long v = Concrete.alu(code, alu64, off, a, b);
      if (v != null) {
        dst.becomeConst(v);
        return;
      }
    }
    if (!alu64) {
      apply32(dst, src, code, off);
      return;
    }
    Tnum a = dst.var;
    Tnum b = src.var;
    Bounds r64 = Bounds.of64(dst);
    Bounds b64 = Bounds.of64(src);
    Bounds r32 = Bounds.of32(dst);
    Bounds b32 = Bounds.of32(src);
    boolean keep32 = true;
    switch (code) {
      case ADD -> {
        dst.var = a.add(b);
        r64.add(b64);
        r32.add(b32);
      }
      case SUB -> {
        dst.var = a.sub(b);
        r64.sub(b64);
        r32.sub(b32);
      }
      case MUL -> {
        dst.var = a.mul(b);
        r64.mul(b64);
        r32.mul(b32);
      }
      case AND -> {
        dst.var = a.and(b);
        boolean pos = dst.smin >= 0 && src.smin >= 0;
        r64.fromTnum(dst.var, true);
        r64.umax = Reg.uminOf(r64.umax, Reg.uminOf(dst.umax, src.umax));
        if (!pos && r64.smin < 0) {
          r64.unboundSigned();
        }
        r32.fromTnum(dst.var.subreg(), true);
      }
      case OR -> {
        dst.var = a.or(b);
        r64.fromTnum(dst.var, true);
        r64.umin = Reg.umaxOf(r64.umin, Reg.umaxOf(dst.umin, src.umin));
        r32.fromTnum(dst.var.subreg(), true);
      }
      case XOR -> {
        dst.var = a.xor(b);
        r64.fromTnum(dst.var, true);
        r32.fromTnum(dst.var.subreg(), true);
      }
      case LSH, RSH, ARSH -> {
        if (!src.isConst() || Long.compareUnsigned(src.constValue(), 63) > 0) {
          unknown(dst);
          return;
        }
        int s = (int) src.constValue();
        if (code == LSH) {
          dst.var = a.lshift(s);
          if (s > 0 && Long.compareUnsigned(dst.umax, -1L >>> s) > 0) {
            r64.unboundUnsigned();
          } else {
            r64.umin = dst.umin << s;
            r64.umax = dst.umax << s;
          }
          r64.unboundSigned();
        } else if (code == RSH) {
          dst.var = a.rshift(s);
          r64.umin = dst.umin >>> s;
          r64.umax = dst.umax >>> s;
          r64.unboundSigned();
        } else {
          dst.var = a.arshift(s, 64);
          r64.smin = dst.smin >> s;
          r64.smax = dst.smax >> s;
          r64.unboundUnsigned();
        }
        keep32 = false;
      }
      default -> {
        // DIV, MOD, and anything else: the result is not tracked
        unknown(dst);
        return;
      }
    }
    r64.store(dst);
    if (keep32) {
      r32.store(dst);
    } else {
      dst.reset32();
    }
    dst.sync();
  }

  private static void apply32(Reg dst, Reg src, int code, int off) {
    Tnum a = dst.var.subreg();
    Tnum b = src.var.subreg();
    Bounds r32 = Bounds.of32(dst);
    Bounds b32 = Bounds.of32(src);
    Tnum t;
    switch (code) {
      case ADD -> {
        t = a.add(b).subreg();
        r32.add(b32);
      }
      case SUB -> {
        t = a.sub(b).subreg();
        r32.sub(b32);
      }
      case MUL -> {
        t = a.mul(b).subreg();
        r32.mul(b32);
      }
      case AND -> {
        t = a.and(b);
        r32.fromTnum(t, true);
        r32.umax = Math.min(r32.umax, Math.min(dst.u32max, src.u32max));
      }
      case OR -> {
        t = a.or(b);
        r32.fromTnum(t, true);
        r32.umin = Math.max(r32.umin, Math.max(dst.u32min, src.u32min));
      }
      case XOR -> {
        t = a.xor(b);
        r32.fromTnum(t, true);
      }
      case LSH, RSH, ARSH -> {
        if (!src.isConst32() || (src.var.value() & Reg.U32_MAX) > 31) {
          unknown32(dst);
          return;
        }
        int s = (int) (src.var.value() & 31);
        if (code == LSH) {
          t = a.lshift(s).subreg();
          if (s > 0 && dst.u32max > (Reg.U32_MAX >>> s)) {
            r32.unboundUnsigned();
          } else {
            r32.umin = (dst.u32min << s) & Reg.U32_MAX;
            r32.umax = (dst.u32max << s) & Reg.U32_MAX;
          }
          r32.unboundSigned();
        } else if (code == RSH) {
          t = a.rshift(s);
          r32.umin = dst.u32min >>> s;
          r32.umax = dst.u32max >>> s;
          r32.unboundSigned();
        } else {
          t = a.arshift(s, 32);
          r32.smin = dst.s32min >> s;
          r32.smax = dst.s32max >> s;
          r32.unboundUnsigned();
        }
      }
      default -> {
        unknown32(dst);
        return;
      }
    }
    dst.var = t;
    dst.reset64();
    r32.store(dst);
    dst.zext32();
  }

  static void unknown(Reg dst) {
    dst.becomeUnknown();
  }

  static void unknown32(Reg dst) {
    dst.becomeUnknown();
    dst.var = Tnum.UNKNOWN.subreg();
    dst.zext32();
  }

  /** Truncation to {@code size} bytes, zero-extended ({@code coerce_reg_to_size}). */
  static void truncate(Reg r, int size) {
    if (size >= 8) {
      return;
    }
    long mask = (1L << (size * 8)) - 1;
    if (r.isConst()) {
      r.becomeConst(r.constValue() & mask);
      return;
    }
    Tnum t = new Tnum(r.var.value() & mask, r.var.mask() & mask);
    long lo;
    long hi;
    if ((r.umin & ~mask) == (r.umax & ~mask)) {
      lo = r.umin & mask;
      hi = r.umax & mask;
    } else {
      lo = 0;
      hi = mask;
    }
    r.becomeUnknown();
    r.var = t;
    r.umin = lo;
    r.umax = hi;
    r.smin = lo;
    r.smax = hi;
    r.sync();
  }

  /** Sign extension of the low {@code bits} ({@code coerce_reg_to_size_sx}). */
  static void signExtend(Reg r, int bits, boolean to64) {
    if (r.isConst()) {
      long v = r.constValue() << (64 - bits) >> (64 - bits);
      r.becomeConst(to64 ? v : v & Reg.U32_MAX);
      return;
    }
    long half = 1L << (bits - 1);
    long mask = (1L << bits) - 1;
    boolean upperSame = (r.umin & ~mask) == (r.umax & ~mask);
    long lo = r.umin & mask;
    long hi = r.umax & mask;
    r.becomeUnknown();
    if (upperSame && hi < half) {
      r.umin = lo;
      r.umax = hi;
      r.smin = lo;
      r.smax = hi;
    } else {
      r.smin = -half;
      r.smax = half - 1;
    }
    if (!to64) {
      long s0 = r.smin;
      long s1 = r.smax;
      r.becomeUnknown();
      r.s32min = s0;
      r.s32max = s1;
      r.var = Tnum.UNKNOWN.subreg();
      r.zext32();
      return;
    }
    r.sync();
  }
}
