package io.bpf4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program to run, read from a file: a bpf_conformance {@code .data} file (code from its
 * {@code -- raw} section, or for {@code -- asm} files of the conformance suite from the
 * suite's {@code assembled.jsonl}), raw little-endian bytecode ({@code .bin}), or hex text
 * (bytes like {@code b7 00 00 00 2a 00 00 00}, or 64-bit words like {@code 0x0000002a000000b7}).
 *
 * @param origin the file, for messages
 * @param code little-endian bytecode
 * @param mem the input memory of a {@code .data} file, or null
 * @param expected the expected r0 of a {@code .data} file, or null
 * @param expectedError the expected error of a {@code .data} file, or null
 */
record ProgramInput(String origin, byte[] code, byte[] mem, Long expected, String expectedError) {

  /** Reads {@code file}; a failure names the file and what is wrong. */
  static ProgramInput read(Path file) throws CliException {
    if (!Files.isRegularFile(file)) {
      throw CliException.failure(file + ": no such file");
    }
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".bin")) {
        return new ProgramInput(file.toString(), Files.readAllBytes(file), null, null, null);
      }
      String text = Files.readString(file);
      if (name.endsWith(".data")) {
        return fromData(file, text);
      }
      if (name.endsWith(".asm") || name.endsWith(".s")) {
        throw CliException.failure(
            file + ": assembly needs the assembler (io.bpf4j.isa.Assembler), which this build"
                + " does not have yet; give raw code (.bin, hex text, or a .data file with -- raw)");
      }
      return new ProgramInput(file.toString(), hex(stripComments(text), file + ""), null, null, null);
    } catch (IOException e) {
      throw CliException.failure(file + ": cannot read: " + e.getMessage());
    }
  }

  private static ProgramInput fromData(Path file, String text)
      throws CliException, IOException {
    Map<String, String> sec = sections(text);
    String where = file.toString();
    byte[] code;
    if (sec.containsKey("raw")) {
      code = hex(sec.get("raw"), where + ", section raw");
    } else if (sec.containsKey("asm")) {
      code = assembled(file);
      if (code == null) {
        throw CliException.failure(
            where + ": has only an -- asm section, and assembling needs the assembler"
                + " (io.bpf4j.isa.Assembler), which this build does not have yet");
      }
    } else {
      throw CliException.failure(where + ": no -- asm or -- raw section: no program");
    }
    if (code.length == 0) {
      throw CliException.failure(where + ": the program is empty");
    }
    byte[] mem = sec.containsKey("mem") ? hex(sec.get("mem"), where + ", section mem") : null;
    Long expected = null;
    if (sec.containsKey("result")) {
      String r = sec.get("result").strip();
      try {
        expected = Long.parseUnsignedLong(r.startsWith("0x") ? r.substring(2) : r, 16);
      } catch (NumberFormatException e) {
        throw CliException.failure(where + ", section result: '" + r + "' is not a hex number");
      }
    }
    String err = sec.containsKey("error") ? sec.get("error").strip() : null;
    return new ProgramInput(where, code, mem, expected, err);
  }

  /** Sections of a {@code .data} file by name, comments removed. */
  static Map<String, String> sections(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String cur = null;
    StringBuilder sb = new StringBuilder();
    for (String line : stripComments(text).split("\n")) {
      String l = line.strip();
      if (l.startsWith("--")) {
        if (cur != null) {
          out.put(cur, sb.toString());
        }
        cur = l.substring(2).strip();
        sb.setLength(0);
      } else if (cur != null && !l.isEmpty()) {
        sb.append(l).append('\n');
      }
    }
    if (cur != null) {
      out.put(cur, sb.toString());
    }
    return out;
  }

  private static String stripComments(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int h = line.indexOf('#');
      sb.append(h >= 0 ? line.substring(0, h) : line).append('\n');
    }
    return sb.toString();
  }

  /**
   * Hex text to bytes: {@code 0x}-prefixed tokens are 64-bit little-endian words, other tokens
   * are bytes written in order (two hex digits each).
   */
  static byte[] hex(String text, String where) throws CliException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String t : text.strip().split("\\s+")) {
      if (t.isEmpty()) {
        continue;
      }
      try {
        if (t.startsWith("0x") || t.startsWith("0X")) {
          long w = Long.parseUnsignedLong(t.substring(2), 16);
          for (int i = 0; i < 8; i++) {
            out.write((int) (w >>> (8 * i)));
          }
        } else {
          if (t.length() % 2 != 0) {
            throw new NumberFormatException();
          }
          for (int i = 0; i < t.length(); i += 2) {
            out.write(Integer.parseInt(t.substring(i, i + 2), 16));
          }
        }
      } catch (NumberFormatException e) {
        throw CliException.failure(where + ": '" + t + "' is not hex bytes");
      }
    }
    return out.toByteArray();
  }

  private static final Pattern LINE =
      Pattern.compile("\"file\"\\s*:\\s*\"([^\"]*)\".*\"code\"\\s*:\\s*\"([0-9a-fA-F]*)\"");

  /**
   * The code of a conformance test from the suite's {@code assembled.jsonl} (next to the file
   * or one directory up), or null.
   */
  static byte[] assembled(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    for (Path d : new Path[] {dir, dir.getParent()}) {
      Path j = d == null ? null : d.resolve("assembled.jsonl");
      if (j == null || !Files.isRegularFile(j)) {
        continue;
      }
      String want = file.getFileName().toString();
      for (String line : Files.readAllLines(j)) {
        Matcher m = LINE.matcher(line);
        if (m.find() && m.group(1).equals(want)) {
          return HexFormat.of().parseHex(m.group(2));
        }
      }
    }
    return null;
  }
}
