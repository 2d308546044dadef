package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.MAX_CALL_DEPTH;
import static io.bpf4j.isa.Opcodes.STACK_SIZE;

import static io.bpf4j.vm.Memory.ALL;
import static io.bpf4j.vm.Memory.U16;
import static io.bpf4j.vm.Memory.U32;
import static io.bpf4j.vm.Memory.U64;
import static io.bpf4j.vm.Memory.U8;

import java.util.Arrays;

/**
 * The interpreter's loop: one {@code tableswitch} on the opcode byte of a pre-decoded program
 * ({@link DecodedProgram}), registers in a {@code long[]}, memory through {@link Memory#ALL}.
 * In checked mode ({@code cs != null}) every access is tested first and taken jumps count
 * against the instruction budget. Allocates nothing.
 */
final class Exec {
  private Exec() {}

  private static final long LOW32 = 0xffffffffL;

  /** The helper {@code callx rD} calls: the one whose id is in {@code rD}. */
  private static Helper callxTarget(DecodedProgram p, long id, int d, int pc) {
    Helper h = id >= 0 && id <= 0xffff ? p.table.get((int) id) : null;
    if (h == null) {
      throw new ExecutionException(
          pc, "callx: no helper with id " + id + " (the value of r" + d + ")");
    }
    return h;
  }

  /** Runs {@code p} once on this thread's context {@code t}; returns r0. */
  static long run(DecodedProgram p, ThreadContext t, long budget, long ctx, long ctxLen) {
    final long[] r = t.regs;
    t.state.reset(ctx, ctxLen);
    Arrays.fill(r, 0);
    r[1] = ctx;
    r[2] = ctxLen;
    r[10] = t.stackTop;
    return loop(p, t, budget, ctx, ctxLen, 0, 0);
  }

  /**
   * Runs the subprogram at {@code slot} once in frame 0 with r1..r5 ({@code lent}: regions
   * the run may use, besides the fixed ones); returns r0.
   */
  static long runAt(DecodedProgram p, ThreadContext t, long budget, int slot, Region[] lent,
      long r1, long r2, long r3, long r4, long r5) {
    final long[] r = t.regs;
    t.state.reset(0, 0);
    for (Region g : lent) {
      t.state.allowRegion(g.address(), g.size(), g.writable());
    }
    Arrays.fill(r, 0);
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    r[10] = t.stackTop;
    return loop(p, t, budget, 0, 0, slot, 0);
  }

  /**
   * Runs from slot {@code start} in frame {@code base} (r10 and the arguments already in the
   * registers) until that frame's {@code exit}; returns r0. {@link #run} enters it at slot 0,
   * frame 0; a callback ({@link SubprogramState}) at its subprogram, one frame above its caller.
   */
  static long loop(DecodedProgram p, ThreadContext t, long budget, long ctx, long ctxLen,
      int start, int base) {
    final long[] prog = p.prog;
    final long[] r = t.regs;
    final CheckedState cs = t.checked;
    final RunState state = t.state;
    final long top = t.stackTop;
    int pc = start;
    int depth = base;
    long n = 0;
    try {
      for (; ; ) {
        final long w = prog[pc];
        final int ins = (int) w;
        final long imm = w >> 32;
        final int d = (ins >>> 8) & 15;
        final int s = (ins >>> 12) & 15;
        n++;
        switch (ins & 0xff) {
          case 0x07 -> r[d] += imm;
          case 0x0f -> r[d] += r[s];
          case 0x04 -> r[d] = ((int) r[d] + (int) imm) & LOW32;
          case 0x0c -> r[d] = ((int) r[d] + (int) r[s]) & LOW32;
          case 0x17 -> r[d] -= imm;
          case 0x1f -> r[d] -= r[s];
          case 0x14 -> r[d] = ((int) r[d] - (int) imm) & LOW32;
          case 0x1c -> r[d] = ((int) r[d] - (int) r[s]) & LOW32;
          case 0x27 -> r[d] *= imm;
          case 0x2f -> r[d] *= r[s];
          case 0x24 -> r[d] = ((int) r[d] * (int) imm) & LOW32;
          case 0x2c -> r[d] = ((int) r[d] * (int) r[s]) & LOW32;
          case 0x47 -> r[d] |= imm;
          case 0x4f -> r[d] |= r[s];
          case 0x44 -> r[d] = ((int) r[d] | (int) imm) & LOW32;
          case 0x4c -> r[d] = ((int) r[d] | (int) r[s]) & LOW32;
          case 0x57 -> r[d] &= imm;
          case 0x5f -> r[d] &= r[s];
          case 0x54 -> r[d] = ((int) r[d] & (int) imm) & LOW32;
          case 0x5c -> r[d] = ((int) r[d] & (int) r[s]) & LOW32;
          case 0xa7 -> r[d] ^= imm;
          case 0xaf -> r[d] ^= r[s];
          case 0xa4 -> r[d] = ((int) r[d] ^ (int) imm) & LOW32;
          case 0xac -> r[d] = ((int) r[d] ^ (int) r[s]) & LOW32;
          case 0x67 -> r[d] <<= imm;
          case 0x6f -> r[d] <<= r[s];
          case 0x77 -> r[d] >>>= imm;
          case 0x7f -> r[d] >>>= r[s];
          case 0xc7 -> r[d] >>= imm;
          case 0xcf -> r[d] >>= r[s];
          case 0x64 -> r[d] = ((int) r[d] << (int) imm) & LOW32;
          case 0x6c -> r[d] = ((int) r[d] << (int) r[s]) & LOW32;
          case 0x74 -> r[d] = ((int) r[d] >>> (int) imm) & LOW32;
          case 0x7c -> r[d] = ((int) r[d] >>> (int) r[s]) & LOW32;
          case 0xc4 -> r[d] = ((int) r[d] >> (int) imm) & LOW32;
          case 0xcc -> r[d] = ((int) r[d] >> (int) r[s]) & LOW32;
          case 0x87 -> r[d] = -r[d];
          case 0x84 -> r[d] = -(int) r[d] & LOW32;
          case 0xb7 -> r[d] = imm;
          case 0xbf -> r[d] = r[s];
          case 0xb4 -> r[d] = imm & LOW32;
          case 0xbc -> r[d] = r[s] & LOW32;
          case 0xe5 -> r[d] = (byte) r[s] & LOW32;
          case 0xed -> r[d] = (short) r[s] & LOW32;
          case 0xf5 -> r[d] = (byte) r[s];
          case 0xfd -> r[d] = (short) r[s];
          case 0xe6 -> r[d] = (int) r[s];
          case 0x37 -> r[d] = Alu.udiv64(r[d], imm);
          case 0x3f -> r[d] = Alu.udiv64(r[d], r[s]);
          case 0x34 -> r[d] = Alu.udiv32(r[d], imm);
          case 0x3c -> r[d] = Alu.udiv32(r[d], r[s]);
          case 0x97 -> r[d] = Alu.umod64(r[d], imm);
          case 0x9f -> r[d] = Alu.umod64(r[d], r[s]);
          case 0x94 -> r[d] = Alu.umod32(r[d], imm);
          case 0x9c -> r[d] = Alu.umod32(r[d], r[s]);
          case 0xe7 -> r[d] = Alu.sdiv64(r[d], imm);
          case 0xef -> r[d] = Alu.sdiv64(r[d], r[s]);
          case 0xe4 -> r[d] = Alu.sdiv32(r[d], imm);
          case 0xec -> r[d] = Alu.sdiv32(r[d], r[s]);
          case 0xf7 -> r[d] = Alu.smod64(r[d], imm);
          case 0xfe -> r[d] = Alu.smod64(r[d], r[s]);
          case 0xf4 -> r[d] = Alu.smod32(r[d], imm);
          case 0xfc -> r[d] = Alu.smod32(r[d], r[s]);
          case 0xd4 -> r[d] = Alu.toLe(r[d], (int) imm);
          case 0xdc -> r[d] = Alu.swap(r[d], (int) imm);
          case 0xd7 -> r[d] = Alu.swap(r[d], (int) imm);
          case 0x18 -> {
            r[d] = p.wide[pc];
            pc++;
          }
          case 0x05 -> pc = take(pc, ins >> 16, n, budget);
          case 0x06 -> pc = take(pc, (int) imm, n, budget);
          case 0x15 -> pc = r[d] == imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x1d -> pc = r[d] == r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x16 -> pc = (int) r[d] == (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x1e -> pc = (int) r[d] == (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x55 -> pc = r[d] != imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x5d -> pc = r[d] != r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x56 -> pc = (int) r[d] != (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x5e -> pc = (int) r[d] != (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x45 -> pc = (r[d] & imm) != 0 ? take(pc, ins >> 16, n, budget) : pc;
          case 0x4d -> pc = (r[d] & r[s]) != 0 ? take(pc, ins >> 16, n, budget) : pc;
          case 0x46 -> pc = ((int) r[d] & (int) imm) != 0 ? take(pc, ins >> 16, n, budget) : pc;
          case 0x4e -> pc = ((int) r[d] & (int) r[s]) != 0 ? take(pc, ins >> 16, n, budget) : pc;
          case 0x25 -> pc = ugt(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x2d -> pc = ugt(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x26 -> pc = ugt32(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x2e -> pc = ugt32(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x35 -> pc = uge(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x3d -> pc = uge(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x36 -> pc = uge32(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x3e -> pc = uge32(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xa5 -> pc = ult(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xad -> pc = ult(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xa6 -> pc = ult32(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xae -> pc = ult32(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xb5 -> pc = ule(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xbd -> pc = ule(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xb6 -> pc = ule32(r[d], imm) ? take(pc, ins >> 16, n, budget) : pc;
          case 0xbe -> pc = ule32(r[d], r[s]) ? take(pc, ins >> 16, n, budget) : pc;
          case 0x65 -> pc = r[d] > imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x6d -> pc = r[d] > r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x66 -> pc = (int) r[d] > (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x6e -> pc = (int) r[d] > (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x75 -> pc = r[d] >= imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x7d -> pc = r[d] >= r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0x76 -> pc = (int) r[d] >= (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0x7e -> pc = (int) r[d] >= (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0xc5 -> pc = r[d] < imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0xcd -> pc = r[d] < r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0xc6 -> pc = (int) r[d] < (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0xce -> pc = (int) r[d] < (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0xd5 -> pc = r[d] <= imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0xdd -> pc = r[d] <= r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case 0xd6 -> pc = (int) r[d] <= (int) imm ? take(pc, ins >> 16, n, budget) : pc;
          case 0xde -> pc = (int) r[d] <= (int) r[s] ? take(pc, ins >> 16, n, budget) : pc;
          case DecodedProgram.PROBE_W -> r[d] = ProbeLoads.load(r[s] + (ins >> 16), 4);
          case DecodedProgram.PROBE_H -> r[d] = ProbeLoads.load(r[s] + (ins >> 16), 2);
          case DecodedProgram.PROBE_B -> r[d] = ProbeLoads.load(r[s] + (ins >> 16), 1);
          case DecodedProgram.PROBE_DW -> r[d] = ProbeLoads.load(r[s] + (ins >> 16), 8);
          case DecodedProgram.PROBE_SX_W -> r[d] = ProbeLoads.loadSigned(r[s] + (ins >> 16), 4);
          case DecodedProgram.PROBE_SX_H -> r[d] = ProbeLoads.loadSigned(r[s] + (ins >> 16), 2);
          case DecodedProgram.PROBE_SX_B -> r[d] = ProbeLoads.loadSigned(r[s] + (ins >> 16), 1);
          case 0x61 -> r[d] = ALL.get(U32, rd(r[s], ins, 4, cs, pc, depth)) & LOW32;
          case 0x69 -> r[d] = ALL.get(U16, rd(r[s], ins, 2, cs, pc, depth)) & 0xffffL;
          case 0x71 -> r[d] = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth)) & 0xffL;
          case 0x79 -> r[d] = ALL.get(U64, rd(r[s], ins, 8, cs, pc, depth));
          case 0x81 -> r[d] = ALL.get(U32, rd(r[s], ins, 4, cs, pc, depth));
          case 0x89 -> r[d] = ALL.get(U16, rd(r[s], ins, 2, cs, pc, depth));
          case 0x91 -> r[d] = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth));
          case 0x62 -> ALL.set(U32, wr(r[d], ins, 4, cs, pc, depth), (int) imm);
          case 0x6a -> ALL.set(U16, wr(r[d], ins, 2, cs, pc, depth), (short) imm);
          case 0x72 -> ALL.set(U8, wr(r[d], ins, 1, cs, pc, depth), (byte) imm);
          case 0x7a -> ALL.set(U64, wr(r[d], ins, 8, cs, pc, depth), imm);
          case 0x63 -> ALL.set(U32, wr(r[d], ins, 4, cs, pc, depth), (int) r[s]);
          case 0x6b -> ALL.set(U16, wr(r[d], ins, 2, cs, pc, depth), (short) r[s]);
          case 0x73 -> ALL.set(U8, wr(r[d], ins, 1, cs, pc, depth), (byte) r[s]);
          case 0x7b -> ALL.set(U64, wr(r[d], ins, 8, cs, pc, depth), r[s]);
          case Fusion.ADDK_JLTX -> {
            long v = r[d] + imm;
            r[d] = v;
            n++;
            pc++;
            if (ult(v, r[s])) {
              pc = take(pc, ins >> 16, n, budget);
            }
          }
          case Fusion.ADDK_JLTK -> {
            long v = r[d] + imm;
            r[d] = v;
            n++;
            pc++;
            if (ult(v, prog[pc] >> 32)) {
              pc = take(pc, ins >> 16, n, budget);
            }
          }
          case Fusion.ADDK_JNEX -> {
            long v = r[d] + imm;
            r[d] = v;
            n++;
            pc++;
            if (v != r[s]) {
              pc = take(pc, ins >> 16, n, budget);
            }
          }
          case Fusion.ADDK_JNEK -> {
            long v = r[d] + imm;
            r[d] = v;
            n++;
            pc++;
            if (v != prog[pc] >> 32) {
              pc = take(pc, ins >> 16, n, budget);
            }
          }
          case Fusion.LDXB_ADDX -> {
            long v = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth)) & 0xffL;
            r[d] = v;
            r[(int) imm] += v;
            n++;
            pc++;
          }
          case Fusion.LDXH_ADDX -> {
            long v = ALL.get(U16, rd(r[s], ins, 2, cs, pc, depth)) & 0xffffL;
            r[d] = v;
            r[(int) imm] += v;
            n++;
            pc++;
          }
          case Fusion.LDXW_ADDX -> {
            long v = ALL.get(U32, rd(r[s], ins, 4, cs, pc, depth)) & LOW32;
            r[d] = v;
            r[(int) imm] += v;
            n++;
            pc++;
          }
          case Fusion.LDXDW_ADDX -> {
            long v = ALL.get(U64, rd(r[s], ins, 8, cs, pc, depth));
            r[d] = v;
            r[(int) imm] += v;
            n++;
            pc++;
          }
          case Fusion.LDXB_XORX -> {
            long v = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth)) & 0xffL;
            r[d] = v;
            r[(int) imm] ^= v;
            n++;
            pc++;
          }
          case Fusion.LDXB_ORX -> {
            long v = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth)) & 0xffL;
            r[d] = v;
            r[(int) imm] |= v;
            n++;
            pc++;
          }
          case Fusion.LDXB_XORX_MULK -> {
            long v = ALL.get(U8, rd(r[s], ins, 1, cs, pc, depth)) & 0xffL;
            r[d] = v;
            int c = (int) imm;
            r[c] = (r[c] ^ v) * (prog[pc + 2] >> 32);
            n += 2;
            pc += 2;
          }
          case Fusion.MOVX_XORX -> {
            r[d] = r[s] ^ r[(int) imm];
            n++;
            pc++;
          }
          case Fusion.MOVX_RSHK -> {
            r[d] = r[s] >>> imm;
            n++;
            pc++;
          }
          case Fusion.MOVX_LSHK -> {
            r[d] = r[s] << imm;
            n++;
            pc++;
          }
          case Fusion.MOVX_ANDK -> {
            r[d] = r[s] & imm;
            n++;
            pc++;
          }
          case Fusion.ADDK_ADDK -> {
            r[d] += imm;
            r[s] += prog[pc + 1] >> 32;
            n++;
            pc++;
          }
          case Fusion.MOVX_MOVX -> {
            r[d] = r[s];
            r[(int) imm & 15] = r[(int) imm >>> 4];
            n++;
            pc++;
          }
          case Fusion.ZEXT -> {
            r[d] &= LOW32;
            n++;
            pc++;
          }
          case Fusion.MOVX_ZEXT -> {
            r[d] = r[s] & LOW32;
            n += 2;
            pc += 2;
          }
          case Fusion.MOVX_ADDK -> {
            r[d] = r[s] + imm;
            n++;
            pc++;
          }
          case Fusion.MOVX_ADDX -> {
            r[d] = r[s] + r[(int) imm];
            n++;
            pc++;
          }
          case 0xc3 -> Atomics.execute(r, ins, (int) imm, false, cs, pc, depth);
          case 0xdb -> Atomics.execute(r, ins, (int) imm, true, cs, pc, depth);
          case 0x20, 0x28, 0x30, 0x40, 0x48, 0x50 -> {
            if (!Legacy.load(r, ins, imm, ctx, ctxLen)) {
              t.instructions = n;
              return 0;
            }
          }
          case 0x85, 0x8d -> {
            Helper h = (ins & 0xff) == 0x85 ? p.helpers[pc] : callxTarget(p, r[d], d, pc);
            if (cs != null) {
              cs.pc = pc;
              cs.depth = depth;
            }
            r[0] = h.call(state, r[1], r[2], r[3], r[4], r[5]);
            if (state.stopped()) {
              if (depth > base && state.resumeInCaller()) { // a tail call ended this subprogram
                r[0] = state.stopValue();
                depth--;
                int f = depth * 4;
                r[6] = t.saved[f];
                r[7] = t.saved[f + 1];
                r[8] = t.saved[f + 2];
                r[9] = t.saved[f + 3];
                r[10] = top - (long) depth * STACK_SIZE;
                pc = t.retPc[depth];
              } else {
                t.instructions = n;
                return state.stopValue();
              }
            }
          }
          case DecodedProgram.CALL_LOCAL_OP -> {
            if (depth + 1 >= MAX_CALL_DEPTH) {
              throw new ExecutionException(
                  pc, "call depth would exceed " + MAX_CALL_DEPTH + " frames");
            }
            int f = depth * 4;
            t.retPc[depth] = pc;
            t.saved[f] = r[6];
            t.saved[f + 1] = r[7];
            t.saved[f + 2] = r[8];
            t.saved[f + 3] = r[9];
            depth++;
            r[10] = top - (long) depth * STACK_SIZE;
            pc = take(pc, (int) imm, n, budget);
          }
          case 0x95 -> {
            if (depth == base) {
              t.instructions = n;
              return r[0];
            }
            depth--;
            int f = depth * 4;
            r[6] = t.saved[f];
            r[7] = t.saved[f + 1];
            r[8] = t.saved[f + 2];
            r[9] = t.saved[f + 3];
            r[10] = top - (long) depth * STACK_SIZE;
            pc = t.retPc[depth];
          }
          default -> throw new ExecutionException(
              pc, pc >= p.slots ? "ran past the last instruction without exit"
                  : String.format("no instruction at this slot (opcode 0x%02x)", ins & 0xff));
        }
        pc++;
      }
    } catch (ExecutionException e) {
      t.instructions = n;
      if (e.pc() < 0) { // a helper's error: name the instruction that called it
        throw new ExecutionException(pc, e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      t.instructions = n;
      throw new ExecutionException(pc, "failed: " + e);
    }
  }

  /** A taken jump: the new pc (before the loop's increment); checks the budget. */
  private static int take(int pc, int offset, long n, long budget) {
    if (n > budget) {
      throw budgetUsedUp(pc, budget);
    }
    return pc + offset;
  }

  /** The address of a load at {@code base + offset}, checked in checked mode. */
  private static long rd(long base, int ins, int size, CheckedState cs, int pc, int depth) {
    long a = base + (ins >> 16);
    if (cs != null) {
      cs.check(pc, a, size, false, depth);
    }
    return a;
  }

  /** The address of a store at {@code base + offset}, checked in checked mode. */
  private static long wr(long base, int ins, int size, CheckedState cs, int pc, int depth) {
    long a = base + (ins >> 16);
    if (cs != null) {
      cs.check(pc, a, size, true, depth);
    }
    return a;
  }

  private static boolean ugt(long a, long b) {
    return a + Long.MIN_VALUE > b + Long.MIN_VALUE;
  }

  private static boolean uge(long a, long b) {
    return a + Long.MIN_VALUE >= b + Long.MIN_VALUE;
  }

  private static boolean ult(long a, long b) {
    return a + Long.MIN_VALUE < b + Long.MIN_VALUE;
  }

  private static boolean ule(long a, long b) {
    return a + Long.MIN_VALUE <= b + Long.MIN_VALUE;
  }

  private static boolean ugt32(long a, long b) {
    return (int) a + Integer.MIN_VALUE > (int) b + Integer.MIN_VALUE;
  }

  private static boolean uge32(long a, long b) {
    return (int) a + Integer.MIN_VALUE >= (int) b + Integer.MIN_VALUE;
  }

  private static boolean ult32(long a, long b) {
    return (int) a + Integer.MIN_VALUE < (int) b + Integer.MIN_VALUE;
  }

  private static boolean ule32(long a, long b) {
    return (int) a + Integer.MIN_VALUE <= (int) b + Integer.MIN_VALUE;
  }

  static ExecutionException budgetUsedUp(int pc, long budget) {
    return new ExecutionException(
        pc, "instruction budget of " + budget + " used up (an endless loop?)");
  }
}
