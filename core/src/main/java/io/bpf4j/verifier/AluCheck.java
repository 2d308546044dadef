package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/**
 * Arithmetic instructions ({@code check_alu_op}, {@code adjust_reg_min_max_vals},
 * {@code adjust_ptr_min_max_vals}): scalars through {@link ScalarAlu}, pointer arithmetic with
 * the kernel's rules on which pointers may move, by how much, and in which mode.
 */
final class AluCheck {
  private AluCheck() {}

  /** Largest variable offset the kernel tracks on a pointer ({@code BPF_MAX_VAR_OFF}). */
  static final long MAX_VAR_OFF = 1L << 29;

  static void alu(Checker env, VState s, Insn in, int pc) throws Reject {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean alu64 = (op & 7) == ALU64;
    boolean x = (op & X) != 0;
    int d = in.dst();
    StackFrame f = s.cur();
    if (code == MOV) {
      env.writable(d, pc);
      Reg dst = f.regs[d];
      if (!x) {
        dst.becomeConst(alu64 ? in.imm() : in.imm() & Reg.U32_MAX);
        return;
      }
      Reg src = env.read(s, in.src(), pc);
      if (in.offset() != 0) { // movsx
        if (src.type != RegType.SCALAR) {
          throw pointerArith(env, pc, in.src(), "R" + in.src() + " sign-extension of pointer"
              + " prohibited");
        }
        Reg r = src.copy();
        r.id = 0;
        ScalarAlu.signExtend(r, in.offset(), alu64);
        dst.set(r);
        return;
      }
      if (alu64) {
        if (src.type == RegType.SCALAR && src.id == 0 && !src.isConst()) {
          src.id = env.newId();
        }
        dst.set(src);
        return;
      }
      if (src.type != RegType.SCALAR) {
        if (!env.privileged) {
          throw new Reject(pc, Problem.POINTER_LEAK, in.src(), "R" + in.src()
              + " partial copy of pointer");
        }
        dst.becomeUnknown();
        dst.var = Tnum.UNKNOWN.subreg();
        dst.zext32();
        return;
      }
      Reg r = src.copy();
      r.id = 0;
      ScalarAlu.truncate(r, 4);
      dst.set(r);
      return;
    }
    Reg dst = env.read(s, d, pc);
    env.writable(d, pc);
    if (code == NEG || code == END) {
      if (dst.type != RegType.SCALAR) {
        if (!env.privileged) {
          throw pointerArith(env, pc, d, "R" + d + " pointer arithmetic prohibited");
        }
        dst.becomeUnknown();
        return;
      }
      dst.id = 0;
      if (code == NEG) {
        Reg zero = Reg.constant(0);
        ScalarAlu.apply(zero, dst, SUB, alu64, 0);
        dst.set(zero);
      } else {
        endian(dst, in, alu64);
      }
      return;
    }
    Reg src;
    if (x) {
      src = env.read(s, in.src(), pc);
    } else {
      if ((code == LSH || code == RSH || code == ARSH)
          && (in.imm32() < 0 || in.imm32() >= (alu64 ? 64 : 32))) {
        throw new Reject(pc, Problem.BAD_INSN, -1, "invalid shift " + in.imm32());
      }
      if ((code == DIV || code == MOD) && in.imm32() == 0) {
        throw new Reject(pc, Problem.BAD_INSN, -1, "division by zero");
      }
      src = Reg.constant(alu64 ? in.imm() : in.imm() & Reg.U32_MAX);
    }
    boolean dptr = dst.type != RegType.SCALAR;
    boolean sptr = src.type != RegType.SCALAR;
    if (dptr && sptr) {
      if (code == SUB && env.privileged) {
        dst.becomeUnknown();
        return;
      }
      throw pointerArith(env, pc, d, "R" + d + " pointer " + opName(code) + " pointer prohibited");
    }
    if (dptr || sptr) {
      pointer(env, s, in, pc, dptr ? dst : src, dptr ? src : dst, d, !dptr);
      return;
    }
    dst.id = 0;
    ScalarAlu.apply(dst, src, code, alu64, in.offset());
  }

  private static void endian(Reg dst, Insn in, boolean alu64) {
    int width = in.imm32();
    boolean swap = alu64 || (in.opcode() & X) != 0; // bswap, or to big endian on x86
    if (dst.isConst()) {
      long v = dst.constValue();
      long r = switch (width) {
        case 16 -> swap ? Short.reverseBytes((short) v) & 0xffffL : v & 0xffffL;
        case 32 -> swap ? Integer.reverseBytes((int) v) & Reg.U32_MAX : v & Reg.U32_MAX;
        default -> swap ? Long.reverseBytes(v) : v;
      };
      dst.becomeConst(r);
      return;
    }
    if (!swap) {
      ScalarAlu.truncate(dst, width / 8);
      return;
    }
    dst.becomeUnknown();
    if (width < 64) {
      ScalarAlu.truncate(dst, width / 8);
    }
  }

  static String opName(int code) {
    return switch (code) {
      case ADD -> "+=";
      case SUB -> "-=";
      case MUL -> "*=";
      case DIV -> "/=";
      case OR -> "|=";
      case AND -> "&=";
      case LSH -> "<<=";
      case RSH -> ">>=";
      case MOD -> "%=";
      case XOR -> "^=";
      case ARSH -> "s>>=";
      default -> "?=";
    };
  }

  private static Reject pointerArith(Checker env, int pc, int r, String msg) {
    return new Reject(pc, Problem.POINTER_ARITH, r, msg);
  }

  /** {@code ptr OP scalar} (or {@code scalar + ptr} when {@code swapped}); the result in dst. */
  private static void pointer(Checker env, VState s, Insn in, int pc, Reg ptr, Reg off, int d,
      boolean swapped) throws Reject {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean alu64 = (op & 7) == ALU64;
    Reg dst = s.cur().regs[d];
    if (!alu64) {
      if (code == SUB && env.privileged) {
        dst.becomeUnknown();
        return;
      }
      throw pointerArith(env, pc, d, "R" + d + " 32-bit pointer arithmetic prohibited");
    }
    if (ptr.type.maybeNull()) {
      throw new Reject(pc, Problem.NULL_DEREF, d, "R" + d + " pointer arithmetic on "
          + ptr.typeName() + " prohibited, null-check it first");
    }
    switch (ptr.type) {
      case PTR_TO_CTX, PTR_TO_MAP_VALUE, PTR_TO_MAP_KEY, PTR_TO_STACK, PTR_TO_PACKET,
          PTR_TO_PACKET_META, PTR_TO_MEM, PTR_TO_FUNC, CONST_PTR_TO_DYNPTR,
          PTR_TO_BTF_ID, PTR_TO_UNTRUSTED_MEM -> { }
      case CONST_PTR_TO_MAP -> {
        if (!(off.isConst() && off.constValue() == 0 && code == ADD)) {
          throw pointerArith(env, pc, d, "R" + d + " pointer arithmetic on map_ptr prohibited");
        }
      }
      default -> throw pointerArith(env, pc, d, "R" + d + " pointer arithmetic on "
          + ptr.type.kernelName + " prohibited");
    }
    if (code == SUB && swapped) {
      throw pointerArith(env, pc, d, "R" + d + " tried to subtract pointer from scalar");
    }
    if (code == SUB && ptr.type == RegType.PTR_TO_STACK) {
      throw pointerArith(env, pc, d, "R" + d + " subtraction from stack pointer prohibited");
    }
    if (code != ADD && code != SUB) {
      String what = code == AND || code == OR || code == XOR
          ? "bitwise operator " + opName(code) + " on pointer prohibited"
          : "pointer arithmetic with " + opName(code) + " operator prohibited";
      throw pointerArith(env, pc, d, "R" + d + " " + what);
    }
    // check_reg_sane_offset
    if (off.isConst()) {
      long v = off.constValue();
      if (v <= -MAX_VAR_OFF || v >= MAX_VAR_OFF) {
        throw pointerArith(env, pc, d, "value " + v + " makes " + ptr.type.kernelName
            + " pointer be out of bounds");
      }
    } else if (off.smin == Long.MIN_VALUE) {
      throw new Reject(pc, Problem.UNBOUNDED_INDEX, swapped ? d : in.src(), "math between "
          + ptr.type.kernelName + " pointer and register with unbounded min value is not allowed");
    } else if (off.smin <= -MAX_VAR_OFF || (off.smax >= MAX_VAR_OFF
        // the kernel checks only the minimum; a kernel struct pointer with a variable offset
        // cannot be read (nor untrusted memory outside probe loads), so it may move freely
        && ptr.type != RegType.PTR_TO_BTF_ID && ptr.type != RegType.PTR_TO_UNTRUSTED_MEM)) {
      throw new Reject(pc, Problem.UNBOUNDED_INDEX, swapped ? d : in.src(), "value "
          + off.smin + " makes " + ptr.type.kernelName + " pointer be out of bounds");
    }
    Reg r = ptr.copy();
    if (off.isConst()) {
      long v = code == ADD ? off.constValue() : -off.constValue();
      r.off = (int) (ptr.off + v);
      if (Math.abs((long) ptr.off + v) >= MAX_VAR_OFF) {
        throw pointerArith(env, pc, d, "value " + v + " makes " + ptr.type.kernelName
            + " pointer be out of bounds");
      }
    } else {
      Reg var = ptr.copy();
      var.type = RegType.SCALAR;
      ScalarAlu.apply(var, off, code, true, 0);
      r.var = var.var;
      r.smin = var.smin;
      r.smax = var.smax;
      r.umin = var.umin;
      r.umax = var.umax;
      r.s32min = var.s32min;
      r.s32max = var.s32max;
      r.u32min = var.u32min;
      r.u32max = var.u32max;
      if (r.type.isPacket()) {
        r.id = env.newId();
        r.range = 0;
      }
      if (r.type == RegType.PTR_TO_STACK && !env.privileged) {
        throw new Reject(pc, Problem.POINTER_ARITH, d, "R" + d
            + " variable stack access prohibited for !root, var_off=" + r.var);
      }
    }
    if (!env.privileged) {
      // sanitize_check_bounds: the result must stay inside its object
      if (r.type == RegType.PTR_TO_STACK && (r.off < -StackFrame.SIZE || r.off >= 0 && r.off > 0)) {
        throw new Reject(pc, Problem.POINTER_ARITH, d, "R" + d
            + " stack pointer arithmetic goes out of range, prohibited for !root");
      }
      if (r.type == RegType.PTR_TO_MAP_VALUE) {
        long lo = r.off + r.smin;
        long hi = r.off + r.umax;
        if (lo < 0 || hi >= r.map.valueSize() || r.smin < 0) {
          throw new Reject(pc, Problem.POINTER_ARITH, d, "R" + d
              + " pointer arithmetic of map value goes out of range, prohibited for !root");
        }
      }
    }
    r.sync();
    dst.set(r);
  }
}
