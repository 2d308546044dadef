package io.bpf4j.vm;

/**
 * Superinstructions: frequent pairs of adjacent instructions that the loop ({@link Exec}) runs
 * with one dispatch, chosen at load time. The first slot of a pair gets an internal opcode and
 * the operands of both halves that fit; the second slot keeps its own decoded form, so a jump
 * to it still runs it alone. A fused pair counts as two instructions, fails with the slot of the
 * half that fails and checks the budget on a taken jump exactly as the pair would unfused.
 *
 * <ul>
 *   <li>{@code dst += K; if dst <op> src/K goto} (a loop's back edge) for {@code jlt}, {@code
 *       jne}: the add's immediate, the jump's src and offset in the first slot (the jump's
 *       immediate, for the {@code K} forms, is read from the second slot);
 *   <li>{@code x = *(size *)(src + off); dst += x} with {@code dst != x}: the load's fields and
 *       the add's dst (in the immediate field) in the first slot; the loaded value goes straight
 *       into the add instead of through the register file. For byte loads also {@code dst ^= x}
 *       and {@code dst |= x} (hashes, and assembling a word from packet bytes).
 *   <li>{@code rX <<= 32; rX >>= 32}, the zero extension that clang emits for every 32-bit
 *       value used as 64 bits (without alu32), and {@code rX = rY; rX <<= 32; rX >>= 32}, a
 *       triple that counts as three instructions;
 *   <li>{@code rX = rY; rX += K}, {@code rX = rY; rX += rZ}, {@code rX = rY; rX ^= rZ} ({@code
 *       rZ != rX}), {@code rX = rY; rX >>= K}, {@code rX = rY; rX <<= K}, {@code rX = rY; rX &=
 *       K}: a copy that is changed at once, eBPF's two-address form of a three-address
 *       operation (address arithmetic, loop counters, masks, swaps);
 *   <li>{@code rA += K1; rB += K2} (two induction variables; K2 is read from the second slot,
 *       which keeps its immediate) and {@code rA = rB; rC = rD} (arguments before a call),
 *       each only where the second instruction starts no group of its own;
 *   <li>{@code rA = *(u8 *)(rB + off); rC ^= rA; rC *= K} ({@code rC != rA}), the step of
 *       FNV-1a and of other xor-multiply hashes over bytes: a triple, the multiplier read from
 *       the third slot (whose first slot therefore keeps its immediate when it starts a group
 *       itself).
 * </ul>
 *
 * <p>These were chosen from the instructions clang generates for the loops of the benchmark
 * programs ({@code bench/bpf/jitbench.h}: hash, primes, sort, calls; the remaining single
 * dispatches of their hot loops were counted per slot), idioms of compiled eBPF in general
 * rather than of one program. Measured and dropped (docs/PERFORMANCE.md): a longer
 * straight-line superinstruction with the chain's register in a Java local, a generic pair of
 * two ALU operations on one register through a nested switch (2026-11-22) and on any registers
 * (2026-12-07), and a copy-then-remainder pair whose case made other programs slower.
 */
final class Fusion {
  private Fusion() {}

  // Internal opcodes: byte values of class LD that are no valid eBPF opcode.
  static final int ADDK_JLTX = 0x60;
  static final int ADDK_JLTK = 0x68;
  static final int ADDK_JNEX = 0x70;
  static final int ADDK_JNEK = 0x78;
  static final int LDXB_ADDX = 0x80;
  static final int LDXH_ADDX = 0x88;
  static final int LDXW_ADDX = 0x90;
  static final int LDXDW_ADDX = 0x98;

  static final int LDXB_XORX = 0xa0;
  static final int LDXB_ORX = 0xa8;
  static final int ZEXT = 0xb0;
  static final int MOVX_ZEXT = 0xb8;
  static final int MOVX_ADDK = 0xc0;
  static final int MOVX_ADDX = 0xc8;
  static final int LDXB_XORX_MULK = 0xd0;
  static final int MOVX_XORX = 0xd8;
  static final int MOVX_RSHK = 0xe0;
  static final int MOVX_LSHK = 0xe8;
  static final int MOVX_ANDK = 0xf0;
  static final int ADDK_ADDK = 0xf8;
  static final int MOVX_MOVX = 0x38;

  private static final int ADD64_K = 0x07;
  private static final int XOR64_X = 0xaf;
  private static final int OR64_X = 0x4f;
  private static final int MOV64_X = 0xbf;
  private static final int LSH64_K = 0x67;
  private static final int RSH64_K = 0x77;
  private static final int ADD64_X = 0x0f;
  private static final int MUL64_K = 0x27;
  private static final int AND64_K = 0x57;
  private static final int JLT_X = 0xad;
  private static final int JLT_K = 0xa5;
  private static final int JNE_X = 0x5d;
  private static final int JNE_K = 0x55;

  /** Which groups loading fuses. */
  enum Level {
    /** None: one dispatch per instruction. */
    NONE,
    /** The groups before 2026-11-22 06:00 UTC, for A/B measurements against them. */
    BASIC,
    /** All groups (the default). */
    ALL
  }

  /**
   * The level of the system property {@code bpf4j.interp.fusion} ({@code none}, {@code basic},
   * {@code all}; default {@code all}), read when a program is loaded: a knob for measurements.
   */
  static Level defaultLevel() {
    String v = System.getProperty("bpf4j.interp.fusion", "all");
    return switch (v) {
      case "none" -> Level.NONE;
      case "basic" -> Level.BASIC;
      default -> Level.ALL;
    };
  }

  /** Rewrites the first slot of every group of {@code prog}'s first {@code slots}. */
  static void fuse(long[] prog, int slots, Level level) {
    if (level == Level.NONE) {
      return;
    }
    boolean all = level == Level.ALL;
    long[] orig = prog.clone();
    // slots whose immediate a group before them reads: a group there must keep it
    boolean[] immRead = new boolean[slots + 1];
    for (int pc = 0; pc + 1 < slots; pc++) {
      long f = group(orig, pc, slots, all);
      if (f != 0 && immRead[pc] && (f >>> 32) != (orig[pc] >>> 32)) {
        f = 0; // a group before this slot reads its immediate
      }
      if (f != 0) {
        prog[pc] = f;
        int op = (int) f & 0xff;
        if (op == LDXB_XORX_MULK) {
          immRead[pc + 2] = true;
        } else if (op == ADDK_ADDK) {
          immRead[pc + 1] = true;
        }
      }
    }
  }

  /** The group that starts at {@code pc}, as its rewritten first slot, or 0 for none. */
  private static long group(long[] orig, int pc, int slots, boolean all) {
    if (pc + 1 >= slots) {
      return 0;
    }
    long a = orig[pc];
    long b = orig[pc + 1];
    int opA = (int) a & 0xff;
    int opB = (int) b & 0xff;
    int dA = ((int) a >>> 8) & 15;
    int sA = ((int) a >>> 12) & 15;
    int dB = ((int) b >>> 8) & 15;
    int sB = ((int) b >>> 12) & 15;
    int fused = -1;
    long packed = 0;
    if (opA == ADD64_K && dB == dA) {
      fused = switch (opB) {
        case JLT_X -> ADDK_JLTX;
        case JLT_K -> ADDK_JLTK;
        case JNE_X -> ADDK_JNEX;
        case JNE_K -> ADDK_JNEK;
        default -> -1;
      };
      // the add's dst and immediate, the jump's src and offset
      packed = (a & 0xffffffff00000000L) | dA << 8 | sB << 12 | (b & 0xffff0000L);
    } else if (opB == ADD64_X && sB == dA && dB != dA) {
      fused = switch (opA) {
        case 0x71 -> LDXB_ADDX;
        case 0x69 -> LDXH_ADDX;
        case 0x61 -> LDXW_ADDX;
        case 0x79 -> LDXDW_ADDX;
        default -> -1;
      };
      // the load's dst, src and offset, the add's dst as the immediate
      packed = (long) dB << 32 | dA << 8 | sA << 12 | (a & 0xffff0000L);
    } else if (opA == 0x71 && (opB == XOR64_X || opB == OR64_X) && sB == dA && dB != dA) {
      fused = opB == XOR64_X ? LDXB_XORX : LDXB_ORX;
      packed = (long) dB << 32 | dA << 8 | sA << 12 | (a & 0xffff0000L);
      if (all && opB == XOR64_X && pc + 2 < slots
          && ((int) orig[pc + 2] & 0xfff) == (MUL64_K | dB << 8)) {
        // rA = *(u8 *)(rB + off); rC ^= rA; rC *= K (FNV-1a): K is read from the third slot
        fused = LDXB_XORX_MULK;
      }
    } else if (isZext(a, b)) {
      fused = ZEXT;
      packed = dA << 8;
    } else if (opA == MOV64_X && dB == dA && sA != dA) {
      if (pc + 2 < slots && isZext(b, orig[pc + 2])) {
        // rX = rY; rX <<= 32; rX >>= 32
        fused = MOVX_ZEXT;
        packed = dA << 8 | sA << 12;
      } else if (opB == ADD64_K) {
        fused = MOVX_ADDK;
        packed = (b & 0xffffffff00000000L) | dA << 8 | sA << 12;
      } else if (opB == ADD64_X && sB != dA) {
        fused = MOVX_ADDX;
        packed = (long) sB << 32 | dA << 8 | sA << 12;
      } else if (all && opB == XOR64_X && sB != dA) {
        fused = MOVX_XORX;
        packed = (long) sB << 32 | dA << 8 | sA << 12;
      } else if (all && (opB == RSH64_K || opB == LSH64_K || opB == AND64_K)) {
        fused = opB == RSH64_K ? MOVX_RSHK : opB == LSH64_K ? MOVX_LSHK : MOVX_ANDK;
        packed = (b & 0xffffffff00000000L) | dA << 8 | sA << 12;
      }
    }
    if (fused < 0 && all && opA == ADD64_K && opB == ADD64_K
        && group(orig, pc + 1, slots, true) == 0) {
      // rA += K1; rB += K2 (two induction variables): B in the src field, K2 read from slot 2
      fused = ADDK_ADDK;
      packed = (a & 0xffffffff00000000L) | dA << 8 | dB << 12;
    } else if (fused < 0 && all && opA == MOV64_X && opB == MOV64_X
        && group(orig, pc + 1, slots, true) == 0) {
      // rA = rB; rC = rD (arguments before a call, shuffles): C and D in the immediate
      fused = MOVX_MOVX;
      packed = (long) (dB | sB << 4) << 32 | dA << 8 | sA << 12;
    }
    return fused >= 0 ? packed | fused : 0;
  }

  /** True for {@code rX <<= 32; rX >>= 32}: the 64-bit zero extension of the low half. */
  private static boolean isZext(long a, long b) {
    return ((int) a & 0xf0ff) == LSH64_K && (a >> 32) == 32
        && ((int) b & 0xf0ff) == RSH64_K && (b >> 32) == 32
        && (((int) a >>> 8) & 15) == (((int) b >>> 8) & 15);
  }
}
