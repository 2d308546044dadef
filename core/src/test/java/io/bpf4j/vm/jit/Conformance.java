package io.bpf4j.vm.jit;

import io.bpf4j.vm.HelperTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The conformance cases of {@code assembled.jsonl} and the ubpf plugin's test helpers. */
final class Conformance {
  private Conformance() {}

  /** One line of {@code assembled.jsonl}. */
  record Case(String file, byte[] code, byte[] mem, long result) {}

  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}]*)");

  /** The directory, or null when the property is not set or the directory is missing. */
  static Path dir() {
    String d = System.getProperty("bpf4j.conformance.dir");
    if (d == null || !Files.isDirectory(Path.of(d))) {
      return null;
    }
    return Path.of(d);
  }

  static List<Case> cases(Path dir) throws IOException {
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("assembled.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = FIELD.matcher(line);
      String file = null;
      String code = "";
      String mem = "";
      String result = "0x0";
      while (m.find()) {
        String v = m.group(2);
        if (v.startsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        switch (m.group(1)) {
          case "file" -> file = v;
          case "code" -> code = v;
          case "mem" -> mem = v.replace(" ", "");
          case "result" -> result = v;
          default -> {}
        }
      }
      long r = Long.parseUnsignedLong(result.replaceFirst("^0x", ""), 16);
      out.add(new Case(file, HexFormat.of().parseHex(code), HexFormat.of().parseHex(mem), r));
    }
    return out;
  }

  /** The helpers of the ubpf test plugin (the project's official table). */
  static HelperTable helpers() {
    return io.bpf4j.vm.ConformanceHelpers.table();
  }
}
