package io.bpf4j.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs bpftool for the tests that compare with the kernel. */
final class Bpftool {
  private Bpftool() {}

  record Result(int code, String out, String err) {}

  static String path() {
    for (String p : List.of("/usr/sbin/bpftool", "/usr/bin/bpftool", "/sbin/bpftool")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  /** Null when bpftool is usable, else why not. */
  static String unavailable() {
    if (path() == null) {
      return "bpftool is not installed";
    }
    if (!Files.isDirectory(Path.of("/sys/fs/bpf"))) {
      return "bpffs is not mounted at /sys/fs/bpf";
    }
    try {
      Result r = run("prog", "show", "-j");
      return r.code() == 0 ? null : "bpftool cannot use bpf(): " + r.err().strip();
    } catch (IOException e) {
      return "bpftool does not run: " + e.getMessage();
    }
  }

  static Result run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(path());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    try {
      // stderr on its own thread: 'bpftool -d' writes more debug output than a pipe holds,
      // and reading stdout to its end first would wait for a bpftool blocked on stderr
      var errRead = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      var out = p.getInputStream().readAllBytes();
      var err = errRead.join();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("bpftool timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Removes a pin directory tree (unlinking pins releases the kernel objects). */
  static void removeTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A JSON field's raw value from bpftool's one-line JSON output (numbers and strings). */
  static String field(String json, String name) {
    String key = "\"" + name + "\":";
    int i = json.indexOf(key);
    if (i < 0) {
      return null;
    }
    int s = i + key.length();
    if (json.charAt(s) == '"') {
      return json.substring(s + 1, json.indexOf('"', s + 1));
    }
    int e = s;
    while (e < json.length() && ",}]".indexOf(json.charAt(e)) < 0) {
      e++;
    }
    return json.substring(s, e);
  }
}
