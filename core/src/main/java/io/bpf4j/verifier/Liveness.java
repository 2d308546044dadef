package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/**
 * Static facts that make state pruning effective, by slot and register: which registers are
 * live (may be read before written) and which may flow into something that needs their exact
 * value (an address, a jump, a helper argument, the return value). Registers that are dead
 * are ignored when states are compared, and scalars whose value never matters compare equal —
 * a static stand-in for the kernel's liveness and precision marks.
 */
final class Liveness {
  final int[] live;
  final int[] precise;

  private Liveness(int[] live, int[] precise) {
    this.live = live;
    this.precise = precise;
  }

  private static final int ARGS = 0b111110; // r1..r5
  private static final int CLOBBER = 0b111111; // r0..r5

  static Liveness of(Cfg cfg) {
    int n = cfg.slots;
    int[] live = new int[n];
    int[] prec = new int[n];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = n - 1; i >= 0; i--) {
        Insn in = cfg.at[i];
        if (in == null) {
          continue;
        }
        int outL = 0;
        int outP = 0;
        if (in.isCall()) {
          int next = i + 1;
          outL = live[next];
          outP = prec[next];
        } else {
          for (int s : cfg.succ[i]) {
            outL |= live[s];
            outP |= prec[s];
          }
        }
        int l = transferLive(in, outL);
        int p = transferPrecise(in, outP);
        if (l != live[i] || p != prec[i]) {
          live[i] = l;
          prec[i] = p;
          changed = true;
        }
      }
    }
    return new Liveness(live, prec);
  }

  private static int bit(int r) {
    return 1 << r;
  }

  private static int transferLive(Insn in, int out) {
    int op = in.opcode();
    int cls = op & 7;
    int d = bit(in.dst());
    int s = bit(in.src());
    switch (cls) {
      case ALU, ALU64 -> {
        int code = op & 0xf0;
        boolean x = (op & X) != 0;
        if (code == MOV) {
          return (out & ~d) | (x ? s : 0);
        }
        return out | d | (x ? s : 0);
      }
      case LDX -> {
        return (out & ~d) | s;
      }
      case ST -> {
        return out | d;
      }
      case STX -> {
        int r = out | d | s;
        if ((op & 0xe0) == ATOMIC && in.imm32() == CMPXCHG) {
          r |= 1;
        }
        return r;
      }
      case LD -> {
        if (op == LDDW) {
          return out & ~d;
        }
        return (out & ~CLOBBER) | bit(6) | ((op & 0xe0) == IND ? s : 0);
      }
      default -> {
        int code = op & 0xf0;
        if (code == CALL) {
          return (out & ~CLOBBER) | ARGS;
        }
        if (code == EXIT) {
          return 1 | (out & 0);
        }
        if (code == JA) {
          return out;
        }
        return out | d | ((op & X) != 0 ? s : 0);
      }
    }
  }

  private static int transferPrecise(Insn in, int out) {
    int op = in.opcode();
    int cls = op & 7;
    int d = bit(in.dst());
    int s = bit(in.src());
    switch (cls) {
      case ALU, ALU64 -> {
        int code = op & 0xf0;
        boolean x = (op & X) != 0;
        if (code == MOV) {
          return (out & d) != 0 ? (out & ~d) | (x ? s : 0) : out;
        }
        return (out & d) != 0 && x ? out | s : out;
      }
      case LDX -> {
        return (out & ~d) | s;
      }
      case ST -> {
        return out | d;
      }
      case STX -> {
        // the stored value matters too: a spill is filled back exactly (into a register that a
        // jump may test), and pruning compares spills whatever this pass says of registers
        return out | d | s | ((op & 0xe0) == ATOMIC ? 1 : 0);
      }
      case LD -> {
        if (op == LDDW) {
          return out & ~d;
        }
        return (out & ~CLOBBER) | bit(6) | ((op & 0xe0) == IND ? s : 0);
      }
      default -> {
        int code = op & 0xf0;
        if (code == CALL) {
          return (out & ~CLOBBER) | ARGS;
        }
        if (code == EXIT) {
          return 1;
        }
        if (code == JA) {
          return out;
        }
        return out | d | ((op & X) != 0 ? s : 0);
      }
    }
  }
}
