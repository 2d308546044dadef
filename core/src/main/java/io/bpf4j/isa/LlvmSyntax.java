package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import java.util.List;

/** The pseudo-C syntax of {@code llvm-objdump -d} for BPF. */
final class LlvmSyntax implements Disassembler {
  static final LlvmSyntax INSTANCE = new LlvmSyntax();

  private LlvmSyntax() {}

  private static final String[] ALU_OPS = {
    "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", null, "%=", "^=", "=", "s>>=", null
  };

  private static final String[] JUMP_OPS = {
    null, "==", ">", ">=", "&", "!=", "s>", "s>=", null, null, "<", "<=", "s<", "s<="
  };

  @Override
  public String format(Insn in) {
    if (InsnCodec.problem(in) != null) {
      return "<unknown>";
    }
    int op = in.opcode();
    return switch (op & 0x07) {
      case ALU, ALU64 -> alu(in);
      case JMP, JMP32 -> jump(in);
      case LD -> ld(in);
      case LDX -> String.format("r%d = *(%s *)(%s)", in.dst(),
          ((op & 0xe0) == MEMSX ? "s" : "u") + bits(op), addr(in.src(), in.offset()));
      case ST -> String.format("*(u%d *)(%s) = %s", bits(op), addr(in.dst(), in.offset()),
          hex(in.imm()));
      default -> stx(in);
    };
  }

  @Override
  public String program(List<Insn> insns) {
    StringBuilder sb = new StringBuilder();
    for (Insn in : insns) {
      sb.append(format(in)).append('\n');
    }
    return sb.toString();
  }

  private static String alu(Insn in) {
    int op = in.opcode();
    boolean is64 = (op & 0x07) == ALU64;
    String r = is64 ? "r" : "w";
    String dst = r + in.dst();
    int code = op & 0xf0;
    boolean x = (op & X) != 0;
    if (code == NEG) {
      return dst + " = -" + dst;
    }
    if (code == END) {
      String kind = is64 ? "bswap" : x ? "be" : "le";
      return "r" + in.dst() + " = " + kind + in.imm() + " r" + in.dst();
    }
    String src = x ? r + in.src() : hex(in.imm());
    if (code == MOV && x && in.offset() != 0) {
      return dst + " = (s" + in.offset() + ")" + src;
    }
    String sym = ALU_OPS[code >> 4];
    if ((code == DIV || code == MOD) && in.offset() == 1) {
      sym = "s" + sym;
    }
    return dst + " " + sym + " " + src;
  }

  private static String jump(Insn in) {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean is32 = (op & 0x07) == JMP32;
    return switch (code) {
      case JA -> is32 ? "gotol " + rel(in.imm()) : "goto " + rel(in.offset());
      case EXIT -> "exit";
      case CALL -> (op & X) != 0 ? "callx r" + in.dst() : "call " + hex(in.imm());
      default -> {
        String r = is32 ? "w" : "r";
        String src = (op & X) != 0 ? r + in.src() : hex(in.imm());
        yield "if " + r + in.dst() + " " + JUMP_OPS[code >> 4] + " " + src + " goto "
            + rel(in.offset());
      }
    };
  }

  private static String ld(Insn in) {
    int op = in.opcode();
    if (op == LDDW) {
      if (in.src() != 0) {
        return String.format("ld_pseudo\tr%d, 0x%x, 0x%x", in.dst(), in.src(),
            in.imm() & 0xffffffffL);
      }
      return "r" + in.dst() + " = " + hex(in.imm()) + " ll";
    }
    String where = (op & 0xe0) == ABS ? hex(in.imm()) : "r" + in.src();
    return String.format("r0 = *(u%d *)skb[%s]", bits(op), where);
  }

  private static String stx(Insn in) {
    int op = in.opcode();
    String addr = addr(in.dst(), in.offset());
    if ((op & 0xe0) == MEM) {
      return String.format("*(u%d *)(%s) = r%d", bits(op), addr, in.src());
    }
    boolean is64 = (op & 0x18) == DW;
    String r = is64 ? "r" : "w";
    String size = is64 ? "u64" : "u32";
    int a = in.imm32();
    String src = r + in.src();
    return switch (a) {
      case XCHG -> String.format("%s = xchg%s(%s, %s)", src, is64 ? "_64" : "32_32", addr, src);
      case CMPXCHG -> String.format("%s0 = cmpxchg%s(%s, %s0, %s)", r, is64 ? "_64" : "32_32",
          addr, r, src);
      default -> {
        String name = switch (a & ~FETCH) {
          case ADD -> "add";
          case OR -> "or";
          case AND -> "and";
          default -> "xor";
        };
        if ((a & FETCH) != 0) {
          yield String.format("%s = atomic_fetch_%s((%s *)(%s), %s)", src, name, size, addr, src);
        }
        // llvm-objdump without +alu32 prints the 32-bit add with a 64-bit register name
        String operand = a == ADD ? "r" + in.src() : src;
        yield String.format("lock *(%s *)(%s) %s %s", size, addr, ALU_OPS[a >> 4], operand);
      }
    };
  }

  private static int bits(int op) {
    return sizeBytes(op & 0x18) * 8;
  }

  private static String addr(int reg, int off) {
    return off < 0 ? "r" + reg + " - 0x" + Integer.toHexString(-off)
        : "r" + reg + " + 0x" + Integer.toHexString(off);
  }

  private static String rel(long off) {
    return off < 0 ? "-0x" + Long.toHexString(-off) : "+0x" + Long.toHexString(off);
  }

  /** A signed value in hex as LLVM prints immediates: {@code 0x2a}, {@code -0x7}. */
  static String hex(long v) {
    if (v == Long.MIN_VALUE) {
      return "-0x8000000000000000";
    }
    return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
  }
}
