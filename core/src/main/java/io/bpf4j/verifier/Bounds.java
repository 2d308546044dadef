package io.bpf4j.verifier;

/**
 * Signed and unsigned bounds of a value of one width (32 or 64 bits), with the overflow rules
 * of the kernel's {@code scalar_min_max_*} and {@code scalar32_min_max_*} functions. For width
 * 32 the signed bounds are kept sign-extended and the unsigned ones zero-extended.
 */
final class Bounds {
  final int width;
  long smin;
  long smax;
  long umin;
  long umax;

  Bounds(int width, long smin, long smax, long umin, long umax) {
    this.width = width;
    this.smin = smin;
    this.smax = smax;
    this.umin = umin;
    this.umax = umax;
  }

  static Bounds of64(Reg r) {
    return new Bounds(64, r.smin, r.smax, r.umin, r.umax);
  }

  static Bounds of32(Reg r) {
    return new Bounds(32, r.s32min, r.s32max, r.u32min, r.u32max);
  }

  void store(Reg r) {
    if (width == 64) {
      r.smin = smin;
      r.smax = smax;
      r.umin = umin;
      r.umax = umax;
    } else {
      r.s32min = smin;
      r.s32max = smax;
      r.u32min = umin;
      r.u32max = umax;
    }
  }

  long sMinLimit() {
    return width == 64 ? Long.MIN_VALUE : Integer.MIN_VALUE;
  }

  long sMaxLimit() {
    return width == 64 ? Long.MAX_VALUE : Integer.MAX_VALUE;
  }

  long uMaxLimit() {
    return width == 64 ? -1L : Reg.U32_MAX;
  }

  void unboundSigned() {
    smin = sMinLimit();
    smax = sMaxLimit();
  }

  void unboundUnsigned() {
    umin = 0;
    umax = uMaxLimit();
  }

  boolean signedFits(long v) {
    return width == 64 || (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
  }

  private boolean ucmpGt(long a, long b) {
    return Long.compareUnsigned(a, b) > 0;
  }

  void add(Bounds b) {
    try {
      long lo = Math.addExact(smin, b.smin);
      long hi = Math.addExact(smax, b.smax);
      if (signedFits(lo) && signedFits(hi)) {
        smin = lo;
        smax = hi;
      } else {
        unboundSigned();
      }
    } catch (ArithmeticException e) {
      unboundSigned();
    }
    long lo = umin + b.umin;
    long hi = umax + b.umax;
    boolean overflow = width == 64
        ? Long.compareUnsigned(hi, umax) < 0 || Long.compareUnsigned(lo, umin) < 0
        : hi > Reg.U32_MAX;
    // both ends must overflow together or not at all
    boolean loOverflow = width == 64 ? Long.compareUnsigned(lo, umin) < 0 : lo > Reg.U32_MAX;
    if (overflow || loOverflow) {
      unboundUnsigned();
    } else {
      umin = lo;
      umax = hi;
    }
  }

  void sub(Bounds b) {
    try {
      long lo = Math.subtractExact(smin, b.smax);
      long hi = Math.subtractExact(smax, b.smin);
      if (signedFits(lo) && signedFits(hi)) {
        smin = lo;
        smax = hi;
      } else {
        unboundSigned();
      }
    } catch (ArithmeticException e) {
      unboundSigned();
    }
    if (ucmpGt(b.umax, umin)) {
      unboundUnsigned();
    } else {
      umin = umin - b.umax;
      umax = umax - b.umin;
    }
  }

  void mul(Bounds b) {
    long half = width == 64 ? Reg.U32_MAX : 0xffffL;
    if (ucmpGt(umax, half) || ucmpGt(b.umax, half)) {
      unboundUnsigned();
      unboundSigned();
      return;
    }
    umin = umin * b.umin;
    umax = umax * b.umax;
    if (ucmpGt(umax, sMaxLimit())) {
      unboundSigned();
    } else {
      smin = umin;
      smax = umax;
    }
  }

  /** Bounds after an operation that keeps only the tnum's information. */
  void fromTnum(Tnum t, boolean signedFromUnsigned) {
    umin = t.umin();
    umax = t.umax();
    if (signedFromUnsigned && !ucmpGt(umax, sMaxLimit())) {
      smin = umin;
      smax = umax;
    } else {
      unboundSigned();
    }
  }
}
