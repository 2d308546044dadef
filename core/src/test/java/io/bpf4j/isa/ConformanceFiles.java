package io.bpf4j.isa;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the bpf_conformance files are; tests that need them are skipped, loudly, without. */
final class ConformanceFiles {
  private ConformanceFiles() {}

  static Path dir() {
    String d = System.getProperty("bpf4j.conformance.dir");
    Path p = d == null ? null : Path.of(d);
    assumeTrue(p != null && Files.isDirectory(p.resolve("tests")),
        "conformance files not found at bpf4j.conformance.dir=" + d
            + " (CI has ../shared/conformance beside the clone)");
    return p;
  }

  static List<Path> files(String sub) throws IOException {
    try (Stream<Path> s = Files.list(dir().resolve(sub))) {
      return s.filter(p -> p.toString().endsWith(".data")).sorted().toList();
    }
  }

  private static final Pattern ENTRY =
      Pattern.compile("\"file\":\"([^\"]+)\".*\"code\":\"([0-9a-fA-F]*)\"");

  /** File name to the expected code in hex, from assembled.jsonl. */
  static Map<String, String> assembled() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir().resolve("assembled.jsonl"))) {
      Matcher m = ENTRY.matcher(line);
      if (m.find()) {
        out.put(m.group(1), m.group(2).toLowerCase());
      }
    }
    return out;
  }
}
