package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.ABS;

/**
 * The legacy packet loads ({@code BPF_LD | BPF_ABS} and {@code BPF_LD | BPF_IND}, RFC 9669
 * section 5.5): r0 = the 1, 2 or 4 bytes at an offset into the packet (here: the context
 * buffer), read in network byte order. An offset outside the packet ends the program with r0 =
 * 0, as in the kernel.
 */
final class Legacy {
  private Legacy() {}

  /** Performs the load into r0; false when the offset is outside the packet. */
  static boolean load(long[] r, int ins, long imm, long ctx, long ctxLen) {
    int op = ins & 0xff;
    int size =
        switch (op & 0x18) {
          case 0x00 -> 4;
          case 0x08 -> 2;
          default -> 1;
        };
    long off = (op & 0xe0) == ABS ? (int) imm : (int) (r[(ins >>> 12) & 15] + imm);
    if (off < 0 || off + size > ctxLen) {
      return false;
    }
    long a = ctx + off;
    r[0] =
        switch (size) {
          case 4 -> Integer.reverseBytes(Memory.ALL.get(Memory.U32, a)) & 0xffffffffL;
          case 2 -> Short.reverseBytes(Memory.ALL.get(Memory.U16, a)) & 0xffffL;
          default -> Memory.ALL.get(Memory.U8, a) & 0xffL;
        };
    return true;
  }
}
