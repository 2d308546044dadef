package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles the ubpf-style assembly of the bpf_conformance suite into instructions.
 *
 * <p>One instruction per line; {@code #} starts a comment; {@code name:} defines a label
 * (alone or before an instruction). Registers are {@code %r0}..{@code %r10}, memory operands
 * {@code [%r1+4]} / {@code [%r10-8]} / {@code [%r1]}, jump targets a label or a signed slot
 * offset ({@code +2}, {@code -3}). Mnemonics:
 *
 * <pre>
 *  add sub mul div sdiv mod smod or and xor lsh rsh arsh mov neg   (64-bit; suffix 32 for ALU32,
 *                                                                   optional suffix 64)
 *  movsx832 movsx1632 movsx864 movsx1664 movsx3264                 sign-extending moves
 *  le16 le32 le64 be16 be32 be64 bswap16 bswap32 bswap64 (= swap16 swap32 swap64)
 *  ldxb ldxh ldxw ldxdw ldxsb ldxsh ldxsw    stb sth stw stdw    stxb stxh stxw stxdw
 *  lddw %r1, 0x1122334455667788       lddw %r1, map_fd 3   (also map_value, btf_id, func,
 *                                                           map_idx, map_idx_value)
 *  lddw %r1, func NAME                the address of the function at label NAME
 *  ldabsb/h/w 12    ldindb/h/w %r3, 12                      legacy packet loads
 *  ja L   ja32 L (= gotol L)   jeq jgt jge jset jne jsgt jsge jlt jle jslt jsle (suffix 32)
 *  call 5   call local NAME   call %r2 (= callx %r2)   exit
 *  lock [fetch] add|or|and|xor[32] [%r10-8], %r1   lock xchg[32] ...   lock cmpxchg[32] ...
 * </pre>
 *
 * <p>A text holding a line {@code -- asm} is taken as a whole {@link DataFile}: only its
 * {@code asm} section is assembled, with the file's line numbers.
 *
 * <p>A jump to {@code exit} where no label of that name exists goes to the first {@code exit}
 * instruction of the program, as the conformance files expect. Every error is an
 * {@link AsmException} with the line number and the problem.
 */
public final class Assembler {
  private Assembler() {}

  /** One source line holding an instruction. */
  record Line(int no, String mnemonic, List<String> operands, String text) {}

  /** Assembles a program whose first line is line 1. */
  public static List<Insn> assemble(String text) throws AsmException {
    return assemble(text, 1);
  }

  /**
   * Assembles a program whose first line has number {@code firstLine} in its file (so errors
   * name the file's line).
   */
  public static List<Insn> assemble(String text, int firstLine) throws AsmException {
    if (text.lines().anyMatch(l -> l.strip().equals("-- asm"))) {
      // a whole .data file: assemble its asm section, numbering lines as in the file
      DataFile f = DataFile.parse(text);
      return assemble(f.asm(), f.asmLine() + firstLine - 1);
    }
    List<Line> lines = new ArrayList<>();
    Map<String, Integer> labels = new HashMap<>();
    List<Integer> slots = new ArrayList<>();
    int slot = 0;
    String[] src = text.split("\r?\n", -1);
    for (int i = 0; i < src.length; i++) {
      int no = firstLine + i;
      String s = src[i];
      int hash = s.indexOf('#');
      if (hash >= 0) {
        s = s.substring(0, hash);
      }
      s = s.strip();
      while (true) {
        int colon = s.indexOf(':');
        if (colon <= 0 || !isIdent(s.substring(0, colon).strip())) {
          break;
        }
        String name = s.substring(0, colon).strip();
        if (labels.put(name, slot) != null) {
          throw new AsmException(no, "duplicate label '" + name + "'");
        }
        s = s.substring(colon + 1).strip();
      }
      if (s.isEmpty()) {
        continue;
      }
      if (s.startsWith("--")) {
        throw new AsmException(no, "unknown directive '" + s + "'");
      }
      int sp = indexOfSpace(s);
      String mnemonic = (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
      String rest = sp < 0 ? "" : s.substring(sp + 1).strip();
      List<String> ops = new ArrayList<>();
      if (!rest.isEmpty()) {
        for (String o : rest.split(",", -1)) {
          ops.add(o.strip());
        }
      }
      lines.add(new Line(no, mnemonic, ops, s));
      slots.add(slot);
      slot += mnemonic.equals("lddw") ? 2 : 1;
    }
    if (lines.isEmpty()) {
      throw new AsmException(firstLine, "the program has no instructions");
    }
    InsnEncoder enc = new InsnEncoder(labels, lines, slots);
    List<Insn> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      out.add(enc.encode(i));
    }
    return out;
  }

  /** Assembles to little-endian bytes. */
  public static byte[] assembleBytes(String text) throws AsmException {
    return InsnCodec.encode(assemble(text));
  }

  static boolean isIdent(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_'
        || s.charAt(0) == '.')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The ALU operation codes by ubpf mnemonic (without the 32/64 suffix). */
  static final Map<String, Integer> ALU_OPS = Map.ofEntries(
      Map.entry("add", ADD), Map.entry("sub", SUB), Map.entry("mul", MUL),
      Map.entry("div", DIV), Map.entry("sdiv", DIV), Map.entry("or", OR),
      Map.entry("and", AND), Map.entry("lsh", LSH), Map.entry("rsh", RSH),
      Map.entry("neg", NEG), Map.entry("mod", MOD), Map.entry("smod", MOD),
      Map.entry("xor", XOR), Map.entry("mov", MOV), Map.entry("arsh", ARSH));

  /** The jump codes by ubpf mnemonic (without the 32 suffix). */
  static final Map<String, Integer> JUMP_OPS = Map.ofEntries(
      Map.entry("jeq", JEQ), Map.entry("jgt", JGT), Map.entry("jge", JGE),
      Map.entry("jset", JSET), Map.entry("jne", JNE), Map.entry("jsgt", JSGT),
      Map.entry("jsge", JSGE), Map.entry("jlt", JLT), Map.entry("jle", JLE),
      Map.entry("jslt", JSLT), Map.entry("jsle", JSLE));

  /** Size fields by the suffix of ldx/st/stx. */
  static final Map<String, Integer> SIZES =
      Map.of("b", B, "h", H, "w", W, "dw", DW);

  /** lddw source kinds by keyword. */
  static final Map<String, Integer> LDDW_KINDS = Map.of(
      "map_fd", PSEUDO_MAP_FD, "map_value", PSEUDO_MAP_VALUE, "btf_id", PSEUDO_BTF_ID,
      "func", PSEUDO_FUNC, "map_idx", PSEUDO_MAP_IDX, "map_idx_value", PSEUDO_MAP_IDX_VALUE);

  /** Atomic operations by keyword (without fetch). */
  static final Map<String, Integer> ATOMIC_OPS =
      Map.of("add", ADD, "or", OR, "and", AND, "xor", XOR, "xchg", XCHG, "cmpxchg", CMPXCHG);
}
