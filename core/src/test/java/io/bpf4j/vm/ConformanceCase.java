package io.bpf4j.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bpf_conformance {@code .data} file, read for the tests: its sections by name ({@code asm},
 * {@code raw}, {@code mem}, {@code result}, {@code error}), comments removed. Until the
 * assembler exists, the code of {@code asm}-only files comes from {@code assembled.jsonl}.
 */
record ConformanceCase(String name, Map<String, String> sections) {

  static ConformanceCase read(Path file) {
    try {
      Map<String, StringBuilder> secs = new LinkedHashMap<>();
      StringBuilder cur = null;
      for (String line : Files.readAllLines(file)) {
        int hash = line.indexOf('#');
        String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (l.startsWith("--")) {
          cur = new StringBuilder();
          secs.put(l.substring(2).strip(), cur);
        } else if (cur != null && !l.isEmpty()) {
          cur.append(l).append('\n');
        }
      }
      Map<String, String> out = new LinkedHashMap<>();
      secs.forEach((k, v) -> out.put(k, v.toString()));
      return new ConformanceCase(file.getFileName().toString(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean has(String section) {
    return sections.containsKey(section);
  }

  /** The input memory, or an empty array. */
  byte[] mem() {
    return hexBytes(sections.getOrDefault("mem", ""));
  }

  /** The expected r0. */
  long result() {
    String s = sections.get("result").strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    return Long.parseUnsignedLong(s, 16);
  }

  /** The {@code -- raw} code: 64-bit words ({@code 0x...}) or bytes, little-endian. */
  byte[] raw() {
    String[] toks = sections.get("raw").strip().split("\\s+");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String t : toks) {
      if (t.startsWith("0x")) {
        long w = Long.parseUnsignedLong(t.substring(2), 16);
        for (int i = 0; i < 8; i++) {
          out.write((int) (w >>> (8 * i)));
        }
      } else {
        out.write(Integer.parseInt(t, 16));
      }
    }
    return out.toByteArray();
  }

  static byte[] hexBytes(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return new byte[0];
    }
    String[] toks = s.split("\\s+");
    byte[] b = new byte[toks.length];
    for (int i = 0; i < toks.length; i++) {
      b[i] = (byte) Integer.parseInt(toks[i], 16);
    }
    return b;
  }

  static byte[] hexString(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  private static final Pattern FILE = Pattern.compile("\"file\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([0-9a-fA-F]*)\"");

  /** {@code assembled.jsonl} of {@code dir}: file name to code, empty when there is none. */
  static Map<String, byte[]> assembled(Path dir) {
    Path f = dir.resolve("assembled.jsonl");
    Map<String, byte[]> m = new HashMap<>();
    if (!Files.isRegularFile(f)) {
      return m;
    }
    try {
      List<String> lines = Files.readAllLines(f);
      for (String line : lines) {
        Matcher fm = FILE.matcher(line);
        Matcher cm = CODE.matcher(line);
        if (fm.find() && cm.find()) {
          m.put(fm.group(1), hexString(cm.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
