package io.bpf4j.isa;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Instructions to text, in one of two syntaxes.
 *
 * <ul>
 *   <li>{@link #llvm()}: the "pseudo-C" syntax that {@code llvm-objdump -d} prints for BPF
 *       ({@code r0 = *(u32 *)(r1 + 0x4)}, {@code if r1 > r2 goto +0x3 <LBB0_2>}, {@code lock
 *       *(u64 *)(r0 + 0x0) += r1}, {@code r1 = 0x0 ll}). Forms that LLVM 16 cannot decode (the
 *       cpu v4 additions, stores of an immediate, {@code jset}, 32-bit atomics other than add)
 *       are spelled as later LLVM versions spell them ({@code r0 = (s8)r1}, {@code r0 s/= r1},
 *       {@code r0 = bswap16 r0}, {@code gotol +0x2}, {@code callx r2}); an invalid encoding is
 *       {@code <unknown>}.
 *   <li>{@link #ubpf()}: the assembly syntax of the bpf_conformance suite ({@code mov %r0, 1},
 *       {@code ldxw %r0, [%r1+4]}), which the {@link Assembler} reads back to the same
 *       instructions.
 * </ul>
 *
 * {@snippet :
 * List<Insn> p = Assembler.assemble("mov %r0, 1\nexit");
 * String text = Disassembler.llvm().format(p.get(0)); // "r0 = 0x1"
 * }
 */
public sealed interface Disassembler permits LlvmSyntax, UbpfSyntax {

  /** The syntax of {@code llvm-objdump -d}. */
  static Disassembler llvm() {
    return LlvmSyntax.INSTANCE;
  }

  /** The ubpf-style assembly of the conformance suite. */
  static Disassembler ubpf() {
    return UbpfSyntax.INSTANCE;
  }

  /** One instruction, without a jump-target annotation. */
  String format(Insn in);

  /**
   * A whole program, one instruction per line. The ubpf syntax names jump and call targets
   * with labels ({@code L12:}), so that the {@link Assembler} reads the text back to the same
   * instructions.
   */
  String program(List<Insn> insns);

  /**
   * The listing of one function as {@code llvm-objdump -d} prints it: a header {@code
   * 0000000000000000 <name>:}, then per instruction its slot number, its bytes in hex and its
   * text; a jump names its target ({@code <name+0x18>}).
   *
   * @param insns the instructions of the function
   * @param name the function's symbol
   * @param slotBase the slot of the first instruction in its section
   */
  default String listing(List<Insn> insns, String name, long slotBase) {
    return listing(insns, name, slotBase, Map.of());
  }

  /**
   * As {@link #listing(List, String, long)}, with more symbols of the section (by slot),
   * such as clang's {@code LBB0_2} labels and the other functions: a symbol inside the
   * function starts a block of its own, as in llvm-objdump, and every symbol names the jumps
   * that land on or after it ({@code <LBB0_2>}, {@code <other+0x10>}).
   */
  default String listing(List<Insn> insns, String name, long slotBase, Map<Long, String> labels) {
    return listing(insns, name, slotBase, labels, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * As {@link #listing(List, String, long, Map)}, with the bytes of each instruction shown in
   * {@code order}, the byte order of the object they come from (llvm-objdump shows a
   * big-endian object's bytes as they are in the file).
   */
  default String listing(
      List<Insn> insns, String name, long slotBase, Map<Long, String> labels, ByteOrder order) {
    NavigableMap<Long, String> syms = new TreeMap<>(labels);
    syms.put(slotBase, name);
    StringBuilder sb = new StringBuilder();
    long slot = slotBase;
    for (Insn in : insns) {
      String sym = syms.get(slot);
      if (sym != null) {
        if (slot != slotBase) {
          sb.append('\n');
        }
        sb.append(String.format("%016x <%s>:\n", slot * 8, sym));
      }
      sb.append(String.format("%8d:\t", slot));
      byte[] bytes = InsnCodec.encode(List.of(in), order);
      for (int i = 0; i < bytes.length; i++) {
        sb.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
      }
      sb.append('\t').append(format(in));
      if (in.isBranch() && this instanceof LlvmSyntax) {
        long target = slot + 1 + in.branchOffset();
        Map.Entry<Long, String> e = syms.floorEntry(target);
        if (e != null) {
          long delta = (target - e.getKey()) * 8;
          sb.append(" <").append(e.getValue());
          if (delta != 0) {
            sb.append("+0x").append(Long.toHexString(delta));
          }
          sb.append('>');
        }
      }
      sb.append('\n');
      slot += in.slots();
    }
    return sb.toString();
  }
}
