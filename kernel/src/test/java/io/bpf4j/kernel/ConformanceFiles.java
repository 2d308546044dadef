package io.bpf4j.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The assembled conformance tests ({@code assembled.jsonl} beside {@code tests/}). */
final class ConformanceFiles {
  private ConformanceFiles() {}

  /** One test: its file name, code, memory, expected r0 and expected error. */
  record Case(String file, byte[] code, byte[] mem, long result, String error) {}

  static Path dir() {
    String d = System.getProperty("bpf4j.conformance.dir");
    return d == null ? null : Path.of(d);
  }

  private static String field(String line, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
    return m.find() ? m.group(1) : "";
  }

  static List<Case> load() throws IOException {
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir().resolve("assembled.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      String result = field(line, "result");
      long r = result.isEmpty() ? 0 : Long.parseUnsignedLong(result.replaceFirst("^0x", ""), 16);
      out.add(new Case(field(line, "file"), HexFormat.of().parseHex(field(line, "code")),
          HexFormat.of().parseHex(field(line, "mem").replace(" ", "")), r, field(line, "error")));
    }
    return out;
  }
}
