package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.Helper;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A deliberately naive reference evaluator for the JIT's property tests, written from RFC 9669
 * independently of the JIT's emitters (no shared code): a switch per instruction on an array
 * of registers. The project's interpreter replaces it as the oracle once it is on main.
 */
final class RefEval {
  private final List<Insn> insns;
  private final int[] indexOfSlot;
  private final int[] slotOf;
  private final HelperTable helpers;
  private final MemorySegment stack;
  private final RunState state = new RunState();
  /** Sees the registers before each instruction (index, registers); for analysis tests. */
  private java.util.function.ObjIntConsumer<long[]> tracer = (r, pc) -> {};

  RefEval(List<Insn> insns, HelperTable helpers, Arena arena) {
    this.insns = insns;
    this.helpers = helpers;
    slotOf = new int[insns.size() + 1];
    int s = 0;
    for (int i = 0; i < insns.size(); i++) {
      slotOf[i] = s;
      s += insns.get(i).slots();
    }
    slotOf[insns.size()] = s;
    indexOfSlot = new int[s + 1];
    for (int i = 0; i <= insns.size(); i++) {
      indexOfSlot[slotOf[i]] = i;
    }
    stack = arena.allocate(8 * 512, 64);
  }

  RefEval trace(java.util.function.ObjIntConsumer<long[]> t) {
    this.tracer = t;
    return this;
  }

  long run(long ctx, long len) {
    state.reset(ctx, len);
    long[] r = new long[11];
    r[1] = ctx;
    r[2] = len;
    r[10] = stack.address() + 512;
    return exec(0, r, 1);
  }

  private int next(int i, int rel) {
    return indexOfSlot[slotOf[i] + insns.get(i).slots() + rel];
  }

  private long exec(int pc, long[] r, int depth) {
    if (depth > 8) {
      throw new IllegalStateException("depth");
    }
    while (true) {
      Insn in = insns.get(pc);
      tracer.accept(r, pc);
      int op = in.opcode();
      int cls = op & 7;
      int nextPc = pc + 1;
      switch (cls) {
        case ALU, ALU64 -> alu(in, r);
        case LD -> r[in.dst()] = in.imm();
        case LDX -> {
          int sz = sizeBytes(op & 0x18);
          long a = r[in.src()] + in.offset();
          r[in.dst()] = (op & 0xe0) == MEMSX ? Memory.loadSigned(a, sz) : Memory.load(a, sz);
        }
        case ST -> Memory.store(r[in.dst()] + in.offset(), sizeBytes(op & 0x18), in.imm());
        case STX -> {
          long a = r[in.dst()] + in.offset();
          int sz = sizeBytes(op & 0x18);
          if ((op & 0xe0) == ATOMIC) {
            atomic(in, r, a, sz);
          } else {
            Memory.store(a, sz, r[in.src()]);
          }
        }
        default -> {
          int code = op & 0xf0;
          if (code == EXIT) {
            return r[0];
          }
          if (code == CALL) {
            if (in.src() == CALL_LOCAL) {
              long[] callee = new long[11];
              System.arraycopy(r, 1, callee, 1, 5);
              callee[10] = r[10] + 512;
              r[0] = exec(next(pc, (int) in.imm()), callee, depth + 1);
            } else {
              long id = (op & X) != 0 ? r[in.dst()] : in.imm();
              Helper h = helpers.get((int) id);
              r[0] = h.call(state, r[1], r[2], r[3], r[4], r[5]);
            }
            if (state.stopped()) {
              return state.stopValue();
            }
          } else if (taken(in, r)) {
            nextPc = next(pc, in.branchOffset());
          }
        }
      }
      pc = nextPc;
    }
  }

  private static boolean taken(Insn in, long[] r) {
    int op = in.opcode();
    int code = op & 0xf0;
    if (code == JA) {
      return true;
    }
    long a = r[in.dst()];
    long b = (op & X) != 0 ? r[in.src()] : in.imm();
    if ((op & 7) == JMP32) {
      a = (int) a;
      b = (int) b;
      if (code == JGT || code == JGE || code == JLT || code == JLE || code == JSET) {
        a &= 0xffffffffL;
        b &= 0xffffffffL;
      }
    }
    return switch (code) {
      case JEQ -> a == b;
      case JNE -> a != b;
      case JSET -> (a & b) != 0;
      case JGT -> Long.compareUnsigned(a, b) > 0;
      case JGE -> Long.compareUnsigned(a, b) >= 0;
      case JLT -> Long.compareUnsigned(a, b) < 0;
      case JLE -> Long.compareUnsigned(a, b) <= 0;
      case JSGT -> a > b;
      case JSGE -> a >= b;
      case JSLT -> a < b;
      case JSLE -> a <= b;
      default -> throw new IllegalStateException("jump " + code);
    };
  }

  private static void alu(Insn in, long[] r) {
    int op = in.opcode();
    boolean w = (op & 7) == ALU64;
    int code = op & 0xf0;
    long d = r[in.dst()];
    long s = (op & X) != 0 ? r[in.src()] : in.imm();
    long v;
    if (code == END) {
      int width = in.imm32();
      boolean swap = w || (op & X) != 0;
      v = switch (width) {
        case 16 -> (swap ? Short.reverseBytes((short) d) : d) & 0xffff;
        case 32 -> (swap ? Integer.reverseBytes((int) d) : d) & 0xffffffffL;
        default -> swap ? Long.reverseBytes(d) : d;
      };
      r[in.dst()] = v;
      return;
    }
    if (!w) {
      d &= 0xffffffffL;
      s &= 0xffffffffL;
    }
    boolean signed = in.offset() == 1;
    v = switch (code) {
      case ADD -> d + s;
      case SUB -> d - s;
      case MUL -> d * s;
      case OR -> d | s;
      case AND -> d & s;
      case XOR -> d ^ s;
      case LSH -> w ? d << (s & 63) : d << (s & 31);
      case RSH -> w ? d >>> (s & 63) : d >>> (s & 31);
      case ARSH -> w ? d >> (s & 63) : ((int) d) >> (s & 31);
      case NEG -> -d;
      case MOV -> {
        if ((op & X) == 0 || in.offset() == 0) {
          yield s;
        }
        long src = r[in.src()];
        yield switch (in.offset()) {
          case 8 -> (byte) src;
          case 16 -> (short) src;
          default -> (int) src;
        };
      }
      case DIV -> {
        if (s == 0) {
          yield 0;
        }
        if (signed) {
          yield w ? d / s : (int) d / (int) s;
        }
        yield Long.divideUnsigned(d, s);
      }
      case MOD -> {
        if (s == 0) {
          yield d;
        }
        if (signed) {
          yield w ? d % s : (int) d % (int) s;
        }
        yield Long.remainderUnsigned(d, s);
      }
      default -> throw new IllegalStateException("alu " + code);
    };
    r[in.dst()] = w ? v : v & 0xffffffffL;
  }

  private static void atomic(Insn in, long[] r, long a, int sz) {
    int op = in.imm32();
    long old = Memory.load(a, sz);
    long src = r[in.src()];
    long mask = sz == 8 ? -1L : 0xffffffffL;
    long nv;
    switch (op & ~FETCH) {
      case ADD -> nv = old + src;
      case OR -> nv = old | src;
      case AND -> nv = old & src;
      case XOR -> nv = old ^ src;
      case XCHG & ~FETCH -> nv = src;
      default -> {
        // cmpxchg
        nv = ((old ^ r[0]) & mask) == 0 ? src : old;
        Memory.store(a, sz, nv);
        r[0] = old;
        return;
      }
    }
    Memory.store(a, sz, nv);
    if ((op & FETCH) != 0) {
      r[in.src()] = old;
    }
  }
}
