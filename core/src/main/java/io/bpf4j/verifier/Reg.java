package io.bpf4j.verifier;

/**
 * The abstract value of one register or stack spill ({@code struct bpf_reg_state}): its type,
 * for pointers a fixed offset plus a variable offset, and for scalars (and variable offsets)
 * a tnum with signed and unsigned 64- and 32-bit bounds.
 */
final class Reg {
  static final long U32_MAX = 0xffffffffL;

  RegType type = RegType.NOT_INIT;
  /** Fixed offset of a pointer. */
  int off;
  /** The scalar's known bits, or a pointer's variable offset. */
  Tnum var = Tnum.UNKNOWN;
  long smin = Long.MIN_VALUE;
  long smax = Long.MAX_VALUE;
  long umin = 0;
  long umax = -1L;
  long s32min = Integer.MIN_VALUE;
  long s32max = Integer.MAX_VALUE;
  long u32min = 0;
  long u32max = U32_MAX;
  /** Identity shared by copies: NULL checks and packet range checks apply to all of them. */
  int id;
  /** The acquired reference this pointer carries (ring buffer reservation), or 0. */
  int refId;
  /** A dynptr's slice ({@code bpf_dynptr_data}): the dynptr's id, else 0. */
  int dynptrId;
  /** Packet pointers: bytes from {@code off} known to lie before {@code data_end}. */
  int range;
  /** For map pointers and map values. */
  MapInfo map;
  /** For stack pointers: the frame number; for functions, the subprogram's first slot. */
  int frameNo;
  /** For {@code PTR_TO_MEM}: its size. */
  int memSize;
  /** The slot of the call that produced this pointer (for explanations), or -1. */
  int origin = -1;
  /** For {@code PTR_TO_BTF_ID}: the struct pointed to. */
  io.bpf4j.btf.KernelTypes.StructLayout btf;
  /**
   * For {@code PTR_TO_BTF_ID}: how far the kernel trusts it, one of {@link #BTF_PLAIN}, {@link
   * #BTF_TRUSTED} (a helper's own result), {@link #BTF_RCU} (a member the kernel lists as
   * RCU-protected, read from a trusted pointer), {@link #BTF_UNTRUSTED} (any other member).
   */
  int btfTrust;

  /** {@code PTR_TO_BTF_ID} without flags (the kernel's old, deprecated kind). */
  static final int BTF_PLAIN = 0;
  /** {@code PTR_TRUSTED}. */
  static final int BTF_TRUSTED = 1;
  /** {@code MEM_RCU}. */
  static final int BTF_RCU = 2;
  /** {@code PTR_UNTRUSTED}. */
  static final int BTF_UNTRUSTED = 3;

  /** The kernel's prefix of such a pointer's type: {@code trusted_ptr_}, {@code rcu_ptr_}, ... */
  String btfPrefix() {
    return switch (btfTrust) {
      case BTF_TRUSTED -> "trusted_ptr_";
      case BTF_RCU -> "rcu_ptr_";
      case BTF_UNTRUSTED -> "untrusted_ptr_";
      default -> "ptr_";
    };
  }

  /**
   * The kernel's name of a {@code PTR_TO_BTF_ID} register's type, without the struct: {@code
   * trusted_ptr_}, {@code trusted_ptr_or_null_}, ...
   */
  String btfTypeName() {
    return btfPrefix() + (type == RegType.PTR_TO_BTF_ID_OR_NULL ? "or_null_" : "");
  }

  /** The kernel's name of this register's type ({@code reg_type_str}, without a struct). */
  String typeName() {
    return type == RegType.PTR_TO_BTF_ID || type == RegType.PTR_TO_BTF_ID_OR_NULL
        ? btfTypeName() : type.kernelName;
  }

  Reg copy() {
    Reg r = new Reg();
    r.type = type;
    r.off = off;
    r.var = var;
    r.smin = smin;
    r.smax = smax;
    r.umin = umin;
    r.umax = umax;
    r.s32min = s32min;
    r.s32max = s32max;
    r.u32min = u32min;
    r.u32max = u32max;
    r.id = id;
    r.refId = refId;
    r.dynptrId = dynptrId;
    r.range = range;
    r.map = map;
    r.frameNo = frameNo;
    r.memSize = memSize;
    r.origin = origin;
    r.btf = btf;
    r.btfTrust = btfTrust;
    return r;
  }

  void set(Reg o) {
    type = o.type;
    off = o.off;
    var = o.var;
    smin = o.smin;
    smax = o.smax;
    umin = o.umin;
    umax = o.umax;
    s32min = o.s32min;
    s32max = o.s32max;
    u32min = o.u32min;
    u32max = o.u32max;
    id = o.id;
    refId = o.refId;
    dynptrId = o.dynptrId;
    range = o.range;
    map = o.map;
    frameNo = o.frameNo;
    memSize = o.memSize;
    origin = o.origin;
    btf = o.btf;
    btfTrust = o.btfTrust;
  }

  static Reg notInit() {
    return new Reg();
  }

  /** A pointer to the kernel struct {@code s} ({@code PTR_TO_BTF_ID}). */
  static Reg kernelStruct(io.bpf4j.btf.KernelTypes.StructLayout s, int trust) {
    Reg r = pointer(RegType.PTR_TO_BTF_ID, 0);
    r.btf = s;
    r.btfTrust = trust;
    return r;
  }

  static Reg unknownScalar() {
    Reg r = new Reg();
    r.type = RegType.SCALAR;
    return r;
  }

  static Reg constant(long v) {
    Reg r = new Reg();
    r.type = RegType.SCALAR;
    r.setConst(v);
    return r;
  }

  static Reg pointer(RegType t, int off) {
    Reg r = new Reg();
    r.type = t;
    r.off = off;
    r.setConst(0);
    return r;
  }

  /** Makes the scalar part (value or variable offset) unknown. */
  void markUnbounded() {
    var = Tnum.UNKNOWN;
    smin = Long.MIN_VALUE;
    smax = Long.MAX_VALUE;
    umin = 0;
    umax = -1L;
    s32min = Integer.MIN_VALUE;
    s32max = Integer.MAX_VALUE;
    u32min = 0;
    u32max = U32_MAX;
  }

  /** Turns this register into an unknown scalar. */
  void becomeUnknown() {
    type = RegType.SCALAR;
    off = 0;
    id = 0;
    refId = 0;
    dynptrId = 0;
    range = 0;
    map = null;
    frameNo = 0;
    memSize = 0;
    origin = -1;
    markUnbounded();
  }

  void becomeNotInit() {
    becomeUnknown();
    type = RegType.NOT_INIT;
  }

  void setConst(long v) {
    var = Tnum.constant(v);
    smin = smax = v;
    umin = umax = v;
    s32min = s32max = (int) v;
    u32min = u32max = v & U32_MAX;
  }

  void becomeConst(long v) {
    becomeUnknown();
    setConst(v);
  }

  boolean isConst() {
    return var.isConst();
  }

  long constValue() {
    return var.value();
  }

  boolean isConst32() {
    return (var.mask() & U32_MAX) == 0;
  }

  boolean isScalar() {
    return type == RegType.SCALAR;
  }

  boolean isNullConst() {
    return type == RegType.SCALAR && isConst() && var.value() == 0;
  }

  /** True when the 64-bit bounds do not contradict each other. */
  boolean boundsValid() {
    return smin <= smax && Long.compareUnsigned(umin, umax) <= 0 && s32min <= s32max
        && u32min <= u32max && var.mayBe(var.value())
        && Long.compareUnsigned(var.umin(), umax) <= 0
        && Long.compareUnsigned(var.umax(), umin) >= 0;
  }

  // ---- bounds synchronisation (the kernel's reg_bounds_sync) ----

  void sync() {
    for (int i = 0; i < 2; i++) {
      updateFromTnum();
      deduce32();
      deduce64();
      cross();
      boundOffset();
    }
    updateFromTnum();
  }

  private void updateFromTnum() {
    Tnum s = var.subreg();
    s32min = Math.max(s32min, (int) (s.value() | (s.mask() & 0x80000000L)));
    s32max = Math.min(s32max, (int) (s.value() | (s.mask() & 0x7fffffffL)));
    u32min = Math.max(u32min, s.value());
    u32max = Math.min(u32max, s.value() | s.mask());
    smin = Math.max(smin, var.value() | (var.mask() & Long.MIN_VALUE));
    smax = Math.min(smax, var.value() | (var.mask() & Long.MAX_VALUE));
    umin = umaxOf(umin, var.value());
    umax = uminOf(umax, var.value() | var.mask());
  }

  private void deduce32() {
    if ((int) u32min <= (int) u32max) {
      s32min = Math.max(s32min, (int) u32min);
      s32max = Math.min(s32max, (int) u32max);
    }
    if (s32min >= 0 || s32max < 0) {
      u32min = Math.max(u32min, s32min & U32_MAX);
      u32max = Math.min(u32max, s32max & U32_MAX);
    }
  }

  private void deduce64() {
    if (umin <= umax) { // same signed half when compared as signed
      smin = Math.max(smin, umin);
      smax = Math.min(smax, umax);
    }
    if (smin >= 0 || smax < 0) {
      umin = umaxOf(umin, smin);
      umax = uminOf(umax, smax);
    }
  }

  private void cross() {
    // 64 -> 32: when the upper halves agree, the low halves bound the subregister.
    if ((umin >>> 32) == (umax >>> 32)) {
      long lo = umin & U32_MAX;
      long hi = umax & U32_MAX;
      if (lo <= hi) {
        u32min = Math.max(u32min, lo);
        u32max = Math.min(u32max, hi);
        if ((int) lo <= (int) hi) {
          s32min = Math.max(s32min, (int) lo);
          s32max = Math.min(s32max, (int) hi);
        }
      }
    }
    if ((smin >> 32) == (smax >> 32)) {
      int lo = (int) smin;
      int hi = (int) smax;
      if (lo <= hi) {
        s32min = Math.max(s32min, lo);
        s32max = Math.min(s32max, hi);
      }
    }
    // 32 -> 64: when the upper halves agree, the subregister bounds the low half.
    if ((umin >>> 32) == (umax >>> 32)) {
      long hiBits = umin & ~U32_MAX;
      umin = umaxOf(umin, hiBits | u32min);
      umax = uminOf(umax, hiBits | u32max);
      if (smin >= 0 || smax < 0) {
        smin = Math.max(smin, umin);
        smax = Math.min(smax, umax);
      }
    }
    if (smin >= Integer.MIN_VALUE && smax <= Integer.MAX_VALUE) {
      smin = Math.max(smin, s32min);
      smax = Math.min(smax, s32max);
    }
  }

  private void boundOffset() {
    Tnum r64 = Tnum.range(umin, umax);
    Tnum r32 = Tnum.range(u32min, u32max);
    Tnum t = var.intersect(r64);
    var = t.withSubreg(t.subreg().intersect(r32));
  }

  static long umaxOf(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  static long uminOf(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  /** The 64-bit bounds forgotten and rebuilt from the 32-bit ones, zero-extended. */
  void zext32() {
    var = var.cast32();
    if (u32min <= u32max) {
      umin = u32min;
      umax = u32max;
    } else {
      umin = 0;
      umax = U32_MAX;
    }
    smin = umin;
    smax = umax;
    s32min = Math.max(s32min, Integer.MIN_VALUE);
    sync();
  }

  /** Forgets the 32-bit bounds (after a 64-bit operation that does not track them). */
  void reset32() {
    s32min = Integer.MIN_VALUE;
    s32max = Integer.MAX_VALUE;
    u32min = 0;
    u32max = U32_MAX;
  }

  void reset64() {
    smin = Long.MIN_VALUE;
    smax = Long.MAX_VALUE;
    umin = 0;
    umax = -1L;
  }

  @Override
  public String toString() {
    return RegFormat.format(this);
  }
}
