package io.bpf4j.hooks;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed tracefs format files (core/src/test/resources/tracepoint). */
final class Formats {
  private Formats() {}

  static Path dir() {
    String root = System.getProperty("bpf4j.root");
    Path d = (root != null ? Path.of(root) : Path.of("..")).resolve("core/src/test/resources/tracepoint");
    return Files.isDirectory(d) ? d : Path.of("src/test/resources/tracepoint");
  }

  static TracepointFormat load(String event) throws Exception {
    return TracepointFormat.read(dir().resolve(event + ".format"));
  }
}
