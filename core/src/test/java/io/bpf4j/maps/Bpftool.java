package io.bpf4j.maps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel map driven through {@code bpftool -j} (pinned under /sys/fs/bpf), for the
 * differential tests. bpftool's exit status carries the failed command's errno (256 - errno).
 */
final class Bpftool implements AutoCloseable {
  private final Path pin;

  private Bpftool(Path pin) {
    this.pin = pin;
  }

  /** Null when bpftool, root or bpffs is missing; else why not, in {@link #whyNot()}. */
  static String whyNot() {
    if (!Files.isExecutable(Path.of("/usr/sbin/bpftool"))
        && !Files.isExecutable(Path.of("/usr/bin/bpftool"))) {
      return "bpftool is not installed";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "needs root to create kernel maps";
    }
    if (!Files.isDirectory(Path.of("/sys/fs/bpf"))) {
      return "bpffs is not mounted at /sys/fs/bpf";
    }
    Result r = exec("bpftool", "-j", "version");
    return r.rc == 0 ? null : "bpftool does not run: " + r.out;
  }

  record Result(int rc, String out) {
    /** The errno of a failed command, 0 on success. */
    int errno() {
      Matcher m = Pattern.compile("Unknown error (\\d+)").matcher(out);
      if (rc != 0 && m.find()) {
        return Integer.parseInt(m.group(1)); // kernel-internal errnos above 255
      }
      return rc == 0 ? 0 : 256 - rc;
    }
  }

  static Result exec(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timeout");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  /** Creates a pinned kernel map like {@code spec}. */
  static Bpftool create(BpfMapSpec spec) {
    Path pin = Path.of("/sys/fs/bpf/bpf4j_diff_" + ProcessHandle.current().pid() + "_"
        + System.nanoTime());
    Result r = exec("bpftool", "map", "create", pin.toString(), "type",
        spec.type().name().toLowerCase(), "key", "" + spec.keySize(), "value",
        "" + spec.valueSize(), "entries", "" + spec.maxEntries(), "name", "bpf4j_diff",
        "flags", "" + spec.flags());
    if (r.rc != 0) {
      throw new IllegalStateException("bpftool map create failed: " + r.out);
    }
    return new Bpftool(pin);
  }

  private static List<String> hex(byte[] b) {
    List<String> out = new ArrayList<>();
    out.add("hex");
    for (byte x : b) {
      out.add(String.format("%02x", x & 0xff));
    }
    return out;
  }

  Result run(String cmd, byte[] key, byte[] value, String flag) {
    List<String> args = new ArrayList<>(List.of("bpftool", "-j", "map", cmd, "pinned", pin.toString()));
    if (key != null) {
      args.add("key");
      args.addAll(hex(key));
    }
    if (value != null) {
      args.add("value");
      args.addAll(hex(value));
    }
    if (flag != null) {
      args.add(flag);
    }
    return exec(args.toArray(String[]::new));
  }

  private static final Pattern ARRAY = Pattern.compile("\"(value|next_key)\":\\[([^\\]]*)\\]");

  /** The bytes of the first {@code "value"} or {@code "next_key"} array in {@code json}. */
  static byte[] bytesOf(String json, String field) {
    Matcher m = ARRAY.matcher(json);
    while (m.find()) {
      if (m.group(1).equals(field)) {
        String body = m.group(2).trim();
        if (body.isEmpty()) {
          return new byte[0];
        }
        String[] parts = body.split(",");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
          b[i] = (byte) Integer.parseInt(parts[i].trim().replace("\"", "").substring(2), 16);
        }
        return b;
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(pin);
    } catch (IOException e) {
      // the kernel frees the map with its last reference; nothing else to do
    }
  }
}
