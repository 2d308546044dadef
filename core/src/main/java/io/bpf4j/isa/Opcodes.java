package io.bpf4j.isa;

/**
 * The eBPF opcode space of RFC 9669, as named constants.
 *
 * <p>An opcode byte has one of two layouts, chosen by its three low bits, the <em>class</em>:
 *
 * <pre>
 *  arithmetic and jumps (ALU, ALU64, JMP, JMP32)     loads and stores (LD, LDX, ST, STX)
 *  +----------+--------+-----------+                  +--------+--------+-----------+
 *  | code (4) | src (1)| class (3) |                  |mode (3)|size (2)| class (3) |
 *  +----------+--------+-----------+                  +--------+--------+-----------+
 *   7      4      3      2       0                     7     5  4     3  2       0
 * </pre>
 *
 * <p>A full opcode is the bitwise OR of a class, a code or a mode, and a source or a size:
 * {@code ALU64 | ADD | X} is {@code 0x0f}, "r_dst += r_src"; {@code LDX | MEM | W} is
 * {@code 0x61}, "r_dst = *(u32 *)(r_src + off)".
 */
public final class Opcodes {
  private Opcodes() {}

  // ---- classes (op & 0x07) ----
  /** Non-standard loads: only {@code lddw} (64-bit immediate) and the legacy packet loads. */
  public static final int LD = 0x00;
  /** Load into a register: {@code dst = *(size *)(src + off)}. */
  public static final int LDX = 0x01;
  /** Store an immediate: {@code *(size *)(dst + off) = imm}. */
  public static final int ST = 0x02;
  /** Store a register, and the atomic operations: {@code *(size *)(dst + off) = src}. */
  public static final int STX = 0x03;
  /** 32-bit arithmetic; the result is zero-extended to 64 bits. */
  public static final int ALU = 0x04;
  /** 64-bit jumps, calls and exit. */
  public static final int JMP = 0x05;
  /** 32-bit jumps: the comparison uses the low 32 bits of the operands. */
  public static final int JMP32 = 0x06;
  /** 64-bit arithmetic. */
  public static final int ALU64 = 0x07;

  // ---- source (op & 0x08), for arithmetic and jumps ----
  /** The operand is the 32-bit immediate, sign-extended to 64 bits ({@code BPF_K}). */
  public static final int K = 0x00;
  /** The operand is the source register ({@code BPF_X}). */
  public static final int X = 0x08;

  // ---- arithmetic codes (op & 0xf0) ----
  /** {@code dst += src}. */
  public static final int ADD = 0x00;
  /** {@code dst -= src}. */
  public static final int SUB = 0x10;
  /** {@code dst *= src}. */
  public static final int MUL = 0x20;
  /** {@code dst /= src}, unsigned; offset 1 makes it signed ({@code SDIV}); by zero gives 0. */
  public static final int DIV = 0x30;
  /** {@code dst |= src}. */
  public static final int OR = 0x40;
  /** {@code dst &= src}. */
  public static final int AND = 0x50;
  /** {@code dst <<= src}, the shift masked to the operand width (31 or 63). */
  public static final int LSH = 0x60;
  /** {@code dst >>= src}, logical, the shift masked to the operand width. */
  public static final int RSH = 0x70;
  /** {@code dst = -dst}; source must be {@code K} and the immediate 0. */
  public static final int NEG = 0x80;
  /** {@code dst %= src}, unsigned; offset 1 makes it signed ({@code SMOD}); by zero leaves dst. */
  public static final int MOD = 0x90;
  /** {@code dst ^= src}. */
  public static final int XOR = 0xa0;
  /** {@code dst = src}; with {@code X} and offset 8/16/32, sign-extending ({@code MOVSX}). */
  public static final int MOV = 0xb0;
  /** {@code dst >>= src}, arithmetic (sign-filling), the shift masked to the operand width. */
  public static final int ARSH = 0xc0;
  /**
   * Byte swap, width 16/32/64 in the immediate. In class {@code ALU} the source bit picks the
   * target order ({@code K}: to little endian, {@code X}: to big endian); in class {@code ALU64}
   * with source {@code K} it swaps unconditionally ({@code bswap}).
   */
  public static final int END = 0xd0;
  /** {@link #END} in class {@code ALU}: convert to little endian ({@code le16/le32/le64}). */
  public static final int TO_LE = 0x00;
  /** {@link #END} in class {@code ALU}: convert to big endian ({@code be16/be32/be64}). */
  public static final int TO_BE = 0x08;

  // ---- jump codes (op & 0xf0) ----
  /** Unconditional jump: {@code pc += off} in {@code JMP}, {@code pc += imm} in {@code JMP32}. */
  public static final int JA = 0x00;
  /** Jump if {@code dst == src}. */
  public static final int JEQ = 0x10;
  /** Jump if {@code dst > src}, unsigned. */
  public static final int JGT = 0x20;
  /** Jump if {@code dst >= src}, unsigned. */
  public static final int JGE = 0x30;
  /** Jump if {@code dst & src} is not zero. */
  public static final int JSET = 0x40;
  /** Jump if {@code dst != src}. */
  public static final int JNE = 0x50;
  /** Jump if {@code dst > src}, signed. */
  public static final int JSGT = 0x60;
  /** Jump if {@code dst >= src}, signed. */
  public static final int JSGE = 0x70;
  /**
   * Call: source 0 a helper by id in the immediate, 1 a local function at {@code pc + imm + 1},
   * 2 a kernel function by BTF id; with {@code X} ({@code callx}) the target is in dst.
   */
  public static final int CALL = 0x80;
  /** Return from the current function with the value in r0. */
  public static final int EXIT = 0x90;
  /** Jump if {@code dst < src}, unsigned. */
  public static final int JLT = 0xa0;
  /** Jump if {@code dst <= src}, unsigned. */
  public static final int JLE = 0xb0;
  /** Jump if {@code dst < src}, signed. */
  public static final int JSLT = 0xc0;
  /** Jump if {@code dst <= src}, signed. */
  public static final int JSLE = 0xd0;

  // ---- load/store modes (op & 0xe0) ----
  /** 64-bit immediate load ({@code lddw}), the only use of {@code LD | IMM}: two slots. */
  public static final int IMM = 0x00;
  /** Legacy packet load at an absolute offset (socket filters only). */
  public static final int ABS = 0x20;
  /** Legacy packet load at an offset from a register (socket filters only). */
  public static final int IND = 0x40;
  /** Regular memory access. */
  public static final int MEM = 0x60;
  /** Sign-extending load ({@code LDX} only). */
  public static final int MEMSX = 0x80;
  /** Atomic read-modify-write ({@code STX}, sizes W and DW only); the operation is in imm. */
  public static final int ATOMIC = 0xc0;

  // ---- sizes (op & 0x18) ----
  /** Word, 4 bytes. */
  public static final int W = 0x00;
  /** Half word, 2 bytes. */
  public static final int H = 0x08;
  /** Byte. */
  public static final int B = 0x10;
  /** Double word, 8 bytes. */
  public static final int DW = 0x18;

  // ---- atomic operations (imm of STX | ATOMIC) ----
  /** Flag: the old value is returned in the source register (or r0 for cmpxchg). */
  public static final int FETCH = 0x01;
  /** {@code xchg}: {@code src = xchg(*(dst + off), src)}; always fetches. */
  public static final int XCHG = 0xe0 | FETCH;
  /** {@code cmpxchg}: {@code r0 = cmpxchg(*(dst + off), r0, src)}; always fetches. */
  public static final int CMPXCHG = 0xf0 | FETCH;

  // ---- source values of lddw (the src field), as in linux/bpf.h ----
  /** Plain 64-bit constant. */
  public static final int PSEUDO_NONE = 0;
  /** {@code BPF_PSEUDO_MAP_FD}: imm is a map file descriptor; the register gets the map. */
  public static final int PSEUDO_MAP_FD = 1;
  /** {@code BPF_PSEUDO_MAP_VALUE}: imm is a map fd, next imm an offset into its value. */
  public static final int PSEUDO_MAP_VALUE = 2;
  /** {@code BPF_PSEUDO_BTF_ID}: imm is a kernel variable's BTF id. */
  public static final int PSEUDO_BTF_ID = 3;
  /** {@code BPF_PSEUDO_FUNC}: imm is a relative instruction offset of a subprogram. */
  public static final int PSEUDO_FUNC = 4;
  /** {@code BPF_PSEUDO_MAP_IDX}: imm is an index into the program's map table. */
  public static final int PSEUDO_MAP_IDX = 5;
  /** {@code BPF_PSEUDO_MAP_IDX_VALUE}: like {@code MAP_VALUE} with a map index. */
  public static final int PSEUDO_MAP_IDX_VALUE = 6;

  // ---- call sources (the src field of CALL) ----
  /** Call of a helper by its id. */
  public static final int CALL_HELPER = 0;
  /** {@code BPF_PSEUDO_CALL}: bpf-to-bpf call, imm is relative to the next instruction. */
  public static final int CALL_LOCAL = 1;
  /** {@code BPF_PSEUDO_KFUNC_CALL}: call of a kernel function by BTF id. */
  public static final int CALL_KFUNC = 2;

  // ---- limits ----
  /** Size of one stack frame in bytes. */
  public static final int STACK_SIZE = 512;
  /** Deepest nesting of bpf-to-bpf calls (frames, the main function included). */
  public static final int MAX_CALL_DEPTH = 8;
  /** Number of registers r0..r10; r10 is the read-only frame pointer. */
  public static final int REGISTER_COUNT = 11;
  /** The frame pointer register. */
  public static final int FP = 10;
  /** Most instructions (slots) a privileged program may have, as the kernel allows. */
  public static final int MAX_INSNS = 1_000_000;
  /** Longest chain of tail calls. */
  public static final int MAX_TAIL_CALLS = 33;

  /** The class of an opcode. */
  public static int cls(int op) {
    return op & 0x07;
  }

  /** The arithmetic or jump code of an opcode. */
  public static int code(int op) {
    return op & 0xf0;
  }

  /** The source bit of an arithmetic or jump opcode. */
  public static int source(int op) {
    return op & 0x08;
  }

  /** The mode of a load or store opcode. */
  public static int mode(int op) {
    return op & 0xe0;
  }

  /** The size field of a load or store opcode. */
  public static int size(int op) {
    return op & 0x18;
  }

  /** Bytes accessed by a load or store of this size field: 1, 2, 4 or 8. */
  public static int sizeBytes(int sizeField) {
    return switch (sizeField) {
      case B -> 1;
      case H -> 2;
      case W -> 4;
      default -> 8;
    };
  }

  /** True for the arithmetic classes. */
  public static boolean isAlu(int op) {
    int c = cls(op);
    return c == ALU || c == ALU64;
  }

  /** True for the jump classes. */
  public static boolean isJump(int op) {
    int c = cls(op);
    return c == JMP || c == JMP32;
  }

  /** The {@code lddw} opcode, {@code LD | IMM | DW} = 0x18. */
  public static final int LDDW = LD | IMM | DW;
}
