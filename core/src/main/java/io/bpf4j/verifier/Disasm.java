package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.HelperId;

/** One instruction in the kernel verifier log's syntax ({@code r0 = *(u32 *)(r1 +76)}). */
final class Disasm {
  private Disasm() {}

  private static final String[] ALU_OPS = {
    "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian"
  };
  private static final String[] JMP_OPS = {
    "goto", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<="
  };

  static String size(int sizeField) {
    return switch (sizeField) {
      case B -> "u8";
      case H -> "u16";
      case W -> "u32";
      default -> "u64";
    };
  }

  static String format(Insn in, int slot) {
    int op = in.opcode();
    int cls = op & 7;
    String p = cls == ALU || cls == JMP32 ? "w" : "r";
    switch (cls) {
      case ALU, ALU64 -> {
        int code = (op & 0xf0) >> 4;
        String dst = p + in.dst();
        String src = (op & X) != 0 ? p + in.src() : Long.toString(in.imm32());
        if ((op & 0xf0) == NEG) {
          return dst + " = -" + dst;
        }
        if ((op & 0xf0) == END) {
          String kind = cls == ALU64 ? "bswap" : (op & X) != 0 ? "be" : "le";
          return "r" + in.dst() + " = " + kind + in.imm32() + " r" + in.dst();
        }
        if ((op & 0xf0) == MOV && (op & X) != 0 && in.offset() != 0) {
          return dst + " = (s" + in.offset() + ")" + src;
        }
        String o = code < ALU_OPS.length ? ALU_OPS[code] : "?";
        if ((op & 0xf0) == DIV || (op & 0xf0) == MOD) {
          o = in.offset() == 1 ? "s" + o : o;
        }
        return dst + " " + o + " " + src;
      }
      case LDX -> {
        String sx = (op & 0xe0) == MEMSX ? "s" : "u";
        String sz = sx + size(op & 0x18).substring(1);
        return "r" + in.dst() + " = *(" + sz + " *)(r" + in.src() + " " + off(in.offset()) + ")";
      }
      case ST -> {
        return "*(" + size(op & 0x18) + " *)(r" + in.dst() + " " + off(in.offset()) + ") = "
            + in.imm32();
      }
      case STX -> {
        String addr = "*(" + size(op & 0x18) + " *)(r" + in.dst() + " " + off(in.offset()) + ")";
        if ((op & 0xe0) == ATOMIC) {
          String w = (op & 0x18) == DW ? "r" : "w";
          int a = in.imm32();
          if (a == XCHG) {
            return w + in.src() + " = atomic_xchg(" + addr + ", " + w + in.src() + ")";
          }
          if (a == CMPXCHG) {
            return w + "0 = atomic_cmpxchg(" + addr + ", " + w + "0, " + w + in.src() + ")";
          }
          String name = switch (a & ~FETCH) {
            case ADD -> "add";
            case OR -> "or";
            case AND -> "and";
            case XOR -> "xor";
            default -> "?";
          };
          return ((a & FETCH) != 0 ? w + in.src() + " = atomic_fetch_" + name
              : "lock " + addr + " " + name + "=") + ((a & FETCH) != 0 ? "(" + addr + ", "
              + w + in.src() + ")" : " " + w + in.src());
        }
        return addr + " = r" + in.src();
      }
      case LD -> {
        if (op == LDDW) {
          return switch (in.src()) {
            case PSEUDO_MAP_FD, PSEUDO_MAP_IDX -> "r" + in.dst() + " = map[id:" + (int) in.imm() + "]";
            case PSEUDO_MAP_VALUE, PSEUDO_MAP_IDX_VALUE -> "r" + in.dst() + " = map[id:"
                + (int) in.imm() + "][0]+" + (in.imm() >>> 32);
            case PSEUDO_FUNC -> "r" + in.dst() + " = subprog[" + off(in.imm32()) + "]";
            default -> "r" + in.dst() + " = 0x" + Long.toHexString(in.imm()) + " ll";
          };
        }
        String mode = (op & 0xe0) == ABS ? "" : "r" + in.src() + " + ";
        return "r0 = *(" + size(op & 0x18) + " *)skb[" + mode + in.imm32() + "]";
      }
      case JMP, JMP32 -> {
        int code = op & 0xf0;
        if (code == CALL) {
          if (in.isLocalCall()) {
            return "call pc" + off(in.imm32());
          }
          if ((op & X) != 0) {
            return "callx r" + in.dst();
          }
          String n = HelperId.name(in.imm32());
          return "call " + (n == null ? "unknown" : "bpf_" + n) + "#" + in.imm32();
        }
        if (code == EXIT) {
          return "exit";
        }
        if (code == JA) {
          return (cls == JMP32 ? "gotol pc" : "goto pc") + off(in.branchOffset());
        }
        String src = (op & X) != 0 ? p + in.src() : Long.toString(in.imm32());
        return "if " + p + in.dst() + " " + JMP_OPS[code >> 4] + " " + src + " goto pc"
            + off(in.offset());
      }
      default -> {
        return String.format("(%02x) unknown", op);
      }
    }
  }

  private static String off(long o) {
    return o >= 0 ? "+" + o : Long.toString(o);
  }
}
