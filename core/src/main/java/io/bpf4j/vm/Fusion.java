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
 *       into the add instead of through the register file.
 * </ul>
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

  private static final int ADD64_K = 0x07;
  private static final int ADD64_X = 0x0f;
  private static final int JLT_X = 0xad;
  private static final int JLT_K = 0xa5;
  private static final int JNE_X = 0x5d;
  private static final int JNE_K = 0x55;

  /** Rewrites the first slot of every fusable pair of {@code prog}'s first {@code slots}. */
  static void fuse(long[] prog, int slots) {
    for (int pc = 0; pc + 1 < slots; pc++) {
      long a = prog[pc];
      long b = prog[pc + 1];
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
      }
      if (fused >= 0) {
        prog[pc] = packed | fused;
      }
    }
  }
}
