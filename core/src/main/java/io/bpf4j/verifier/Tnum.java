package io.bpf4j.verifier;

/**
 * A tristate number ({@code struct tnum} of the kernel's verifier): each bit is known 0, known
 * 1 or unknown. {@code value} holds the known-1 bits, {@code mask} the unknown ones; a bit is
 * never set in both.
 */
record Tnum(long value, long mask) {
  static final Tnum UNKNOWN = new Tnum(0, -1L);
  static final Tnum ZERO = new Tnum(0, 0);

  static Tnum constant(long v) {
    return new Tnum(v, 0);
  }

  /** The smallest tnum holding every value in {@code [min, max]} (unsigned). */
  static Tnum range(long min, long max) {
    long chi = min ^ max;
    int bits = 64 - Long.numberOfLeadingZeros(chi);
    if (bits > 63) {
      return UNKNOWN;
    }
    long delta = (1L << bits) - 1;
    return new Tnum(min & ~delta, delta);
  }

  boolean isConst() {
    return mask == 0;
  }

  boolean isUnknown() {
    return mask == -1L;
  }

  /** Smallest unsigned value. */
  long umin() {
    return value;
  }

  /** Largest unsigned value. */
  long umax() {
    return value | mask;
  }

  Tnum lshift(int s) {
    return new Tnum(value << s, mask << s);
  }

  Tnum rshift(int s) {
    return new Tnum(value >>> s, mask >>> s);
  }

  Tnum arshift(int s, int width) {
    if (width == 32) {
      return new Tnum(((int) value >> s) & 0xffffffffL, ((int) mask >> s) & 0xffffffffL);
    }
    return new Tnum(value >> s, mask >> s);
  }

  Tnum add(Tnum b) {
    long sm = mask + b.mask;
    long sv = value + b.value;
    long sigma = sm + sv;
    long chi = sigma ^ sv;
    long mu = chi | mask | b.mask;
    return new Tnum(sv & ~mu, mu);
  }

  Tnum sub(Tnum b) {
    long dv = value - b.value;
    long alpha = dv + mask;
    long beta = dv - b.mask;
    long chi = alpha ^ beta;
    long mu = chi | mask | b.mask;
    return new Tnum(dv & ~mu, mu);
  }

  Tnum and(Tnum b) {
    long alpha = value | mask;
    long beta = b.value | b.mask;
    long v = value & b.value;
    return new Tnum(v, alpha & beta & ~v);
  }

  Tnum or(Tnum b) {
    long v = value | b.value;
    long mu = mask | b.mask;
    return new Tnum(v, mu & ~v);
  }

  Tnum xor(Tnum b) {
    long v = value ^ b.value;
    long mu = mask | b.mask;
    return new Tnum(v & ~mu, mu);
  }

  Tnum mul(Tnum b) {
    Tnum a = this;
    Tnum acc_v = constant(a.value * b.value);
    Tnum acc_m = ZERO;
    Tnum bb = b;
    while (a.value != 0 || a.mask != 0) {
      if ((a.value & 1) != 0) {
        acc_m = acc_m.add(new Tnum(0, bb.mask));
      } else if ((a.mask & 1) != 0) {
        acc_m = acc_m.add(new Tnum(0, bb.value | bb.mask));
      }
      a = a.rshift(1);
      bb = bb.lshift(1);
    }
    return acc_v.add(acc_m);
  }

  /** Values both tnums may hold (the caller knows they overlap). */
  Tnum intersect(Tnum b) {
    long v = value | b.value;
    long mu = mask & b.mask;
    return new Tnum(v & ~mu, mu);
  }

  /** The low 32 bits, zero-extended. */
  Tnum subreg() {
    return new Tnum(value & 0xffffffffL, mask & 0xffffffffL);
  }

  /** The low 32 bits as {@code sub}, the high 32 bits kept. */
  Tnum withSubreg(Tnum sub) {
    return new Tnum((value & ~0xffffffffL) | (sub.value & 0xffffffffL),
        (mask & ~0xffffffffL) | (sub.mask & 0xffffffffL));
  }

  /** Zero-extension of the low 32 bits. */
  Tnum cast32() {
    return subreg();
  }

  /** True when every value of {@code b} is a value of this. */
  boolean contains(Tnum b) {
    if ((b.mask & ~mask) != 0) {
      return false;
    }
    return (b.value & ~mask) == value;
  }

  /** True when {@code v} may be a value. */
  boolean mayBe(long v) {
    return (v & ~mask) == value;
  }

  @Override
  public String toString() {
    return String.format("(0x%x; 0x%x)", value, mask);
  }
}
