package io.bpf4j.isa;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test file of the bpf_conformance suite ({@code .data}), parsed: {@code #} starts a
 * comment, a line {@code -- NAME} starts a section.
 *
 * <ul>
 *   <li>{@code -- asm}: the program in the {@link Assembler}'s syntax;
 *   <li>{@code -- raw}: code that replaces the assembled program: one little-endian 64-bit word
 *       per token ({@code 0x0000000000000095}), or 8 hex bytes per line;
 *   <li>{@code -- mem}: hex bytes of the input memory;
 *   <li>{@code -- result}: the expected r0 (hex with {@code 0x}, or decimal);
 *   <li>{@code -- error}: the expected error text;
 *   <li>other sections ({@code -- c}, notes) are kept in {@link #others()}.
 * </ul>
 *
 * @param asm the assembly text, or null without an {@code asm} section
 * @param asmLine the 1-based file line of the first assembly line (0 without one)
 * @param raw the raw code bytes, or null without a {@code raw} section
 * @param mem the input memory bytes (empty without a {@code mem} section)
 * @param result the expected r0, or null without a {@code result} section
 * @param error the expected error text, or null without an {@code error} section
 * @param others the text of any other section, by name
 */
public record DataFile(
    String asm, int asmLine, byte[] raw, byte[] mem, Long result, String error,
    Map<String, String> others) {

  /** Copies the map and the arrays. */
  public DataFile {
    others = Map.copyOf(others);
    mem = mem == null ? new byte[0] : mem.clone();
    raw = raw == null ? null : raw.clone();
  }

  /** A copy of the raw code bytes, or null without a {@code raw} section. */
  @Override
  public byte[] raw() {
    return raw == null ? null : raw.clone();
  }

  /** A copy of the input memory bytes. */
  @Override
  public byte[] mem() {
    return mem.clone();
  }

  /** Reads and parses a file; errors name the file. */
  public static DataFile read(Path file) throws IOException, AsmException {
    String text = Files.readString(file);
    try {
      return parse(text);
    } catch (AsmException e) {
      throw new AsmException(e.line(), file + ": " + e.reason());
    }
  }

  /** Parses the text of a {@code .data} file. */
  public static DataFile parse(String text) throws AsmException {
    String[] lines = text.split("\r?\n", -1);
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    Map<String, Integer> starts = new LinkedHashMap<>();
    String current = null;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("--")) {
        current = l.substring(2).strip();
        if (sections.containsKey(current)) {
          throw new AsmException(i + 1, "section '-- " + current + "' appears twice");
        }
        sections.put(current, new StringBuilder());
        starts.put(current, i + 2);
        continue;
      }
      if (current == null) {
        if (!l.strip().isEmpty() && !l.strip().startsWith("#")) {
          throw new AsmException(i + 1, "text before the first section: '" + l.strip() + "'");
        }
        continue;
      }
      sections.get(current).append(l).append('\n');
    }
    String asm = text(sections.remove("asm"));
    int asmLine = asm == null ? 0 : starts.get("asm");
    StringBuilder rawText = sections.remove("raw");
    byte[] raw = rawText == null ? null : raw(rawText.toString(), starts.get("raw"));
    StringBuilder memText = sections.remove("mem");
    byte[] mem = memText == null ? new byte[0] : hexBytes(memText.toString(), starts.get("mem"));
    StringBuilder resText = sections.remove("result");
    Long result = null;
    if (resText != null) {
      String r = stripComments(resText.toString()).strip();
      result = parseResult(r, starts.get("result"));
    }
    String error = text(sections.remove("error"));
    if (error != null) {
      error = error.strip();
    }
    Map<String, String> others = new LinkedHashMap<>();
    sections.forEach((k, v) -> others.put(k, v.toString()));
    return new DataFile(asm, asmLine, raw, mem, result, error, others);
  }

  /**
   * The program: the raw code when there is a {@code raw} section, else the assembled
   * {@code asm}; the raw code is decoded with validation.
   *
   * @throws AsmException when the assembly is wrong or there is no program
   * @throws InvalidInsnException when the raw code is not valid
   */
  public List<Insn> program() throws AsmException, InvalidInsnException {
    if (raw != null) {
      return InsnCodec.decode(raw);
    }
    if (asm == null) {
      throw new AsmException(0, "no '-- asm' or '-- raw' section: there is no program");
    }
    return Assembler.assemble(asm, asmLine);
  }

  /** The program as little-endian bytes: the raw code as it is, or the assembled code. */
  public byte[] code() throws AsmException {
    if (raw != null) {
      return raw();
    }
    if (asm == null) {
      throw new AsmException(0, "no '-- asm' or '-- raw' section: there is no program");
    }
    return InsnCodec.encode(Assembler.assemble(asm, asmLine));
  }

  private static String text(StringBuilder sb) {
    return sb == null ? null : sb.toString();
  }

  private static String stripComments(String s) {
    StringBuilder out = new StringBuilder();
    for (String l : s.split("\n", -1)) {
      int h = l.indexOf('#');
      out.append(h >= 0 ? l.substring(0, h) : l).append('\n');
    }
    return out.toString();
  }

  private static Long parseResult(String r, int line) throws AsmException {
    try {
      BigInteger v = r.startsWith("0x") || r.startsWith("0X")
          ? new BigInteger(r.substring(2), 16) : new BigInteger(r);
      if (v.bitLength() > 64) {
        throw new AsmException(line, "result " + r + " does not fit in 64 bits");
      }
      return v.longValue();
    } catch (NumberFormatException e) {
      throw new AsmException(line, "result '" + r + "' is not a number");
    }
  }

  /** Raw code: 8 hex bytes per line, or one 64-bit little-endian word per token. */
  static byte[] raw(String text, int firstLine) throws AsmException {
    ByteBuffer out = ByteBuffer.allocate(text.length() * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      int h = l.indexOf('#');
      if (h >= 0) {
        l = l.substring(0, h);
      }
      String[] toks = l.strip().isEmpty() ? new String[0] : l.strip().split("\\s+");
      boolean bytes = toks.length > 1;
      for (String t : toks) {
        if (bytes) {
          if (!t.matches("[0-9a-fA-F]{2}")) {
            throw new AsmException(firstLine + i, "raw byte '" + t + "' is not two hex digits");
          }
          out.put((byte) Integer.parseInt(t, 16));
        } else {
          String w = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
          if (!w.matches("[0-9a-fA-F]{1,16}")) {
            throw new AsmException(firstLine + i, "raw word '" + t + "' is not a 64-bit hex value");
          }
          out.putLong(Long.parseUnsignedLong(w, 16));
        }
      }
    }
    byte[] b = new byte[out.position()];
    out.flip().get(b);
    return b;
  }

  /** Space-separated hex bytes (over several lines). */
  static byte[] hexBytes(String text, int firstLine) throws AsmException {
    List<Byte> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      int h = l.indexOf('#');
      if (h >= 0) {
        l = l.substring(0, h);
      }
      for (String t : l.strip().split("\\s+")) {
        if (t.isEmpty()) {
          continue;
        }
        String x = t.startsWith("0x") ? t.substring(2) : t;
        if (x.length() % 2 != 0 || !x.matches("[0-9a-fA-F]+")) {
          throw new AsmException(firstLine + i, "'" + t + "' is not hex bytes");
        }
        for (byte b : HexFormat.of().parseHex(x)) {
          out.add(b);
        }
      }
    }
    byte[] b = new byte[out.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = out.get(i);
    }
    return b;
  }
}
