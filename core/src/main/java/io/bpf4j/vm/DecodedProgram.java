package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import java.util.List;

/**
 * A validated program in the flat form the interpreter's loop runs: one {@code long} per slot
 * (the packed fields and the 32-bit immediate, so one array load fetches an instruction), the
 * 64-bit constants of {@code lddw} beside it, helpers resolved per slot. Variants that RFC 9669 tells
 * apart by the offset field (signed division, sign-extending moves) and local calls get
 * internal opcodes of their own so that the loop dispatches on one byte.
 *
 * <pre>
 *  prog[pc]:  | immediate (32, signed) | offset (16, signed) | src (4) | dst (4) | opcode (8) |
 * </pre>
 */
final class DecodedProgram {
  // Internal opcodes: byte values that are no valid eBPF opcode.
  static final int SDIV32_K = 0xe4;
  static final int SDIV32_X = 0xec;
  static final int SDIV64_K = 0xe7;
  static final int SDIV64_X = 0xef;
  static final int SMOD32_K = 0xf4;
  static final int SMOD32_X = 0xfc;
  static final int SMOD64_K = 0xf7;
  static final int SMOD64_X = 0xfe;
  static final int MOVSX8_32 = 0xe5;
  static final int MOVSX16_32 = 0xed;
  static final int MOVSX8_64 = 0xf5;
  static final int MOVSX16_64 = 0xfd;
  static final int MOVSX32_64 = 0xe6;
  static final int CALL_LOCAL_OP = 0xf6;
  /**
   * Probe loads ({@link ProbeLoads}): {@code LDX | 0x20 | size} and, sign-extending, {@code
   * LDX | 0x40 | size}, the kernel's {@code BPF_PROBE_MEM} and {@code BPF_PROBE_MEMSX}.
   */
  static final int PROBE_W = 0x21;
  static final int PROBE_H = 0x29;
  static final int PROBE_B = 0x31;
  static final int PROBE_DW = 0x39;
  static final int PROBE_SX_W = 0x41;
  static final int PROBE_SX_H = 0x49;
  static final int PROBE_SX_B = 0x51;
  /** Not an instruction: the second slot of lddw, and the slot after the last one. */
  static final int TRAP = 0xff;

  final long[] prog;
  /** The 64-bit constant of the lddw at a slot. */
  final long[] wide;
  final Helper[] helpers;
  final HelperTable table;
  /** Number of real slots (the code arrays have one more: a trap after the end). */
  final int slots;
  /**
   * The subprograms that {@code lddw rX, BPF_PSEUDO_FUNC} instructions name, as slots, sorted:
   * the values a callback argument may hold.
   */
  final int[] callbackSlots;

  private DecodedProgram(long[] prog, long[] wide, Helper[] helpers, HelperTable table, int slots,
      int[] callbackSlots) {
    this.prog = prog;
    this.wide = wide;
    this.helpers = helpers;
    this.table = table;
    this.slots = slots;
    this.callbackSlots = callbackSlots;
  }

  /** True when {@code fn} is the slot of a subprogram some {@code lddw} of a function names. */
  boolean isCallback(long fn) {
    return fn >= 0 && fn < slots && java.util.Arrays.binarySearch(callbackSlots, (int) fn) >= 0;
  }

  /** Validates {@code insns} and decodes them; the reasons of rejection name the slot. */
  static DecodedProgram decode(List<Insn> insns, HelperTable table)
      throws InvalidProgramException {
    return decode(insns, table, Fusion.defaultLevel());
  }

  /** As {@link #decode(List, HelperTable)}, with the superinstructions of {@code fusion}. */
  static DecodedProgram decode(List<Insn> insns, HelperTable table, Fusion.Level fusion)
      throws InvalidProgramException {
    return decode(insns, table, fusion, new java.util.BitSet());
  }

  /** As {@link #decode(List, HelperTable, Fusion.Level)}, with probe loads at those slots. */
  static DecodedProgram decode(List<Insn> insns, HelperTable table, Fusion.Level fusion,
      java.util.BitSet probeLoads) throws InvalidProgramException {
    if (insns.isEmpty()) {
      throw new InvalidProgramException(-1, "the program has no instructions");
    }
    int slots = InsnCodec.slotCount(insns);
    long[] prog = new long[slots + 1];
    long[] wide = new long[slots + 1];
    Helper[] helpers = new Helper[slots + 1];
    boolean[] secondHalf = new boolean[slots + 1];
    int pc = 0;
    for (Insn in : insns) {
      String p = InsnCodec.problem(in);
      if (p != null) {
        throw new InvalidProgramException(pc, p);
      }
      int op = internalOpcode(in, pc);
      if (in.cls() == LDX && probeLoads.get(pc)) {
        op = (op & ~0xe0) | ((op & 0xe0) == MEMSX ? 0x40 : 0x20);
      }
      if (writesDst(in) && in.dst() == FP) {
        throw new InvalidProgramException(pc, "r10 (the frame pointer) is read-only");
      }
      if (in.cls() == STX && (in.opcode() & 0xe0) == ATOMIC
          && ((int) in.imm() & FETCH) != 0 && (int) in.imm() != CMPXCHG && in.src() == FP) {
        throw new InvalidProgramException(pc, "r10 (the frame pointer) is read-only");
      }
      if (in.isHelperCall()) {
        int id = (int) in.imm();
        Helper h = table.get(id);
        if (h == null) {
          throw new InvalidProgramException(pc, HelperTable.missing(id));
        }
        helpers[pc] = h;
      }
      int packed = op | in.dst() << 8 | in.src() << 12 | in.offset() << 16;
      prog[pc] = (long) (int) in.imm() << 32 | (packed & 0xffffffffL);
      if (in.isLddw()) {
        // a function's address is its first slot (see Interpreter: callbacks)
        wide[pc] = in.src() == PSEUDO_FUNC ? pc + 1L + (int) in.imm() : in.imm();
        prog[pc + 1] = TRAP;
        secondHalf[pc + 1] = true;
      }
      pc += in.slots();
    }
    prog[slots] = TRAP;
    // second pass: every jump and call lands on the start of an instruction
    pc = 0;
    java.util.TreeSet<Integer> callbacks = new java.util.TreeSet<>();
    for (Insn in : insns) {
      int target = -1;
      String what = null;
      if (in.isLddw() && in.src() == PSEUDO_FUNC) {
        target = pc + 1 + (int) in.imm();
        what = "function address";
        callbacks.add(target);
      } else if (in.isBranch()) {
        target = pc + 1 + in.branchOffset();
        what = "jump";
      } else if (in.isLocalCall()) {
        target = pc + 1 + (int) in.imm();
        what = "call";
      }
      if (what != null) {
        if (target < 0 || target >= slots) {
          throw new InvalidProgramException(
              pc, what + " to instruction " + target + " is outside the program (0.." + (slots - 1) + ")");
        }
        if (secondHalf[target]) {
          throw new InvalidProgramException(
              pc, what + " to instruction " + target + " lands in the middle of an lddw");
        }
      }
      pc += in.slots();
    }
    Fusion.fuse(prog, slots, fusion);
    int[] callbackSlots = callbacks.stream().mapToInt(Integer::intValue).toArray();
    return new DecodedProgram(prog, wide, helpers, table, slots, callbackSlots);
  }

  private static int internalOpcode(Insn in, int pc) throws InvalidProgramException {
    int op = in.opcode();
    int cls = op & 0x07;
    int off = in.offset();
    if (cls == ALU || cls == ALU64) {
      boolean x = (op & X) != 0;
      boolean wide = cls == ALU64;
      switch (op & 0xf0) {
        case DIV -> {
          return off == 0 ? op : wide ? (x ? SDIV64_X : SDIV64_K) : (x ? SDIV32_X : SDIV32_K);
        }
        case MOD -> {
          return off == 0 ? op : wide ? (x ? SMOD64_X : SMOD64_K) : (x ? SMOD32_X : SMOD32_K);
        }
        case MOV -> {
          if (!x || off == 0) {
            return op;
          }
          return switch (off) {
            case 8 -> wide ? MOVSX8_64 : MOVSX8_32;
            case 16 -> wide ? MOVSX16_64 : MOVSX16_32;
            default -> MOVSX32_64;
          };
        }
        default -> {
          return op;
        }
      }
    }
    if (op == LDDW && in.src() != PSEUDO_NONE && in.src() != PSEUDO_FUNC) {
      throw new InvalidProgramException(
          pc, "lddw with pseudo source " + in.src() + " (" + pseudoName(in.src())
              + ") was not resolved by the loader");
    }
    if (op == (JMP | CALL)) {
      if (in.src() == CALL_LOCAL) {
        return CALL_LOCAL_OP;
      }
      if (in.src() == CALL_KFUNC) {
        throw new InvalidProgramException(
            pc, "call of kernel function (kfunc, BTF id " + in.imm()
                + "): kernel functions are not available in this VM");
      }
    }
    return op;
  }

  private static String pseudoName(int src) {
    return switch (src) {
      case PSEUDO_MAP_FD -> "map fd";
      case PSEUDO_MAP_VALUE -> "map value";
      case PSEUDO_BTF_ID -> "BTF id";
      case PSEUDO_FUNC -> "function";
      case PSEUDO_MAP_IDX -> "map index";
      case PSEUDO_MAP_IDX_VALUE -> "map index value";
      default -> "unknown";
    };
  }

  /** True for instructions that write their dst register. */
  private static boolean writesDst(Insn in) {
    int cls = in.cls();
    return cls == ALU || cls == ALU64 || cls == LDX || in.isLddw();
  }
}
