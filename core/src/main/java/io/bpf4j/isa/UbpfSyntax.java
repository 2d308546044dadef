package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ubpf-style assembly that the {@link Assembler} reads. */
final class UbpfSyntax implements Disassembler {
  static final UbpfSyntax INSTANCE = new UbpfSyntax();

  private UbpfSyntax() {}

  private static final String[] ALU_NAMES = {
    "add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "neg", "mod", "xor", "mov", "arsh"
  };

  private static final String[] JUMP_NAMES = {
    "ja", "jeq", "jgt", "jge", "jset", "jne", "jsgt", "jsge", null, null, "jlt", "jle", "jslt",
    "jsle"
  };

  private static final String[] SIZE_NAMES = {"w", "h", "b", "dw"};

  private static final String[] LDDW_KINDS = {
    "", "map_fd", "map_value", "btf_id", "func", "map_idx", "map_idx_value"
  };

  @Override
  public String format(Insn in) {
    return format(in, null);
  }

  /** Formats with {@code target} (a label) in place of a jump or local-call offset. */
  String format(Insn in, String target) {
    String p = InsnCodec.problem(in);
    if (p != null) {
      return "<invalid: " + p + ">";
    }
    int op = in.opcode();
    String dst = "%r" + in.dst();
    String src = "%r" + in.src();
    return switch (op & 0x07) {
      case ALU, ALU64 -> alu(in, dst, src);
      case JMP, JMP32 -> jump(in, dst, src, target);
      case LD -> {
        if (op == LDDW) {
          String kind = in.src() == 0 ? "" : LDDW_KINDS[in.src()] + " ";
          String value = in.src() == PSEUDO_FUNC && target != null ? target
              : "0x" + Long.toHexString(in.imm());
          yield "lddw " + dst + ", " + kind + value;
        }
        String size = SIZE_NAMES[(op & 0x18) >> 3];
        yield (op & 0xe0) == ABS ? "ldabs" + size + " " + in.imm()
            : "ldind" + size + " " + src + ", " + in.imm();
      }
      case LDX -> ((op & 0xe0) == MEMSX ? "ldxs" : "ldx") + SIZE_NAMES[(op & 0x18) >> 3] + " "
          + dst + ", " + mem(in.src(), in.offset());
      case ST -> "st" + SIZE_NAMES[(op & 0x18) >> 3] + " " + mem(in.dst(), in.offset()) + ", "
          + in.imm();
      default -> {
        String m = mem(in.dst(), in.offset());
        if ((op & 0xe0) == MEM) {
          yield "stx" + SIZE_NAMES[(op & 0x18) >> 3] + " " + m + ", " + src;
        }
        String suffix = (op & 0x18) == DW ? "" : "32";
        int a = in.imm32();
        String name = switch (a) {
          case XCHG -> "xchg";
          case CMPXCHG -> "cmpxchg";
          default -> ((a & FETCH) != 0 ? "fetch " : "") + switch (a & ~FETCH) {
            case ADD -> "add";
            case OR -> "or";
            case AND -> "and";
            default -> "xor";
          };
        };
        yield "lock " + name + suffix + " " + m + ", " + src;
      }
    };
  }

  private static String alu(Insn in, String dst, String src) {
    int op = in.opcode();
    boolean is64 = (op & 0x07) == ALU64;
    String suffix = is64 ? "" : "32";
    int code = op & 0xf0;
    boolean x = (op & X) != 0;
    if (code == END) {
      String kind = is64 ? "bswap" : x ? "be" : "le";
      return kind + in.imm() + " " + dst;
    }
    if (code == NEG) {
      return "neg" + suffix + " " + dst;
    }
    if (code == MOV && x && in.offset() != 0) {
      return "movsx" + in.offset() + (is64 ? "64" : "32") + " " + dst + ", " + src;
    }
    String name = ALU_NAMES[code >> 4];
    if ((code == DIV || code == MOD) && in.offset() == 1) {
      name = "s" + name;
    }
    return name + suffix + " " + dst + ", " + (x ? src : Long.toString(in.imm()));
  }

  private static String jump(Insn in, String dst, String src, String target) {
    int op = in.opcode();
    int code = op & 0xf0;
    boolean is32 = (op & 0x07) == JMP32;
    String where = target != null ? target : rel(in.branchOffset());
    return switch (code) {
      case EXIT -> "exit";
      case CALL -> {
        if ((op & X) != 0) {
          yield "call " + dst;
        }
        yield switch (in.src()) {
          case CALL_LOCAL -> "call local " + (target != null ? target : rel(in.imm()));
          case CALL_KFUNC -> "call kfunc " + in.imm();
          default -> "call " + in.imm();
        };
      }
      case JA -> (is32 ? "ja32 " : "ja ") + where;
      default -> JUMP_NAMES[code >> 4] + (is32 ? "32 " : " ") + dst + ", "
          + ((op & X) != 0 ? src : Long.toString(in.imm())) + ", " + where;
    };
  }

  private static String mem(int reg, int off) {
    return "[%r" + reg + (off < 0 ? "-" + (-off) : "+" + off) + "]";
  }

  private static String rel(long off) {
    return off < 0 ? Long.toString(off) : "+" + off;
  }

  @Override
  public String program(List<Insn> insns) {
    int[] slotOf = new int[insns.size()];
    int slots = 0;
    for (int i = 0; i < insns.size(); i++) {
      slotOf[i] = slots;
      slots += insns.get(i).slots();
    }
    Map<Integer, String> labels = new TreeMap<>();
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < insns.size(); i++) {
      Insn in = insns.get(i);
      int t = Integer.MIN_VALUE;
      if (in.isBranch()) {
        t = slotOf[i] + 1 + in.branchOffset();
      } else if (in.isLocalCall() || (in.isLddw() && in.src() == PSEUDO_FUNC)) {
        t = (int) (slotOf[i] + 1 + in.imm());
      }
      targets.add(t);
      if (t >= 0 && t < slots && java.util.Arrays.binarySearch(slotOf, t) >= 0) {
        labels.put(t, "L" + t);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < insns.size(); i++) {
      String label = labels.get(slotOf[i]);
      if (label != null) {
        sb.append(label).append(":\n");
      }
      sb.append(format(insns.get(i), labels.get(targets.get(i)))).append('\n');
    }
    return sb.toString();
  }
}
