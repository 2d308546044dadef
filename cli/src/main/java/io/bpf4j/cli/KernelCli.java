package io.bpf4j.cli;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.ObjectKind;
import io.bpf4j.kernel.sys.SysException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** What the kernel commands share: selecting objects as bpftool does, byte words, JSON. */
final class KernelCli {
  private KernelCli() {}

  /** A piece of work against the kernel; a refusal becomes one clean line. */
  interface Work<T> {
    T run() throws CliException;
  }

  static <T> T kernel(Work<T> w) throws CliException {
    try {
      return w.run();
    } catch (SysException e) {
      throw CliException.failure(e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw CliException.failure(e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /**
   * Checks {@code --backend} of a command that lists what is resident in the kernel: kernel
   * (the default) is fine; jvm is a usage error, since a fresh JVM process holds nothing.
   */
  static void kernelOnly(Args a, String cmd, String what) throws CliException {
    String b = a.value("--backend");
    if (b == null || b.equals("kernel")) {
      return;
    }
    if (b.equals("jvm")) {
      throw CliException.usage("--backend jvm: the JVM backend keeps no " + what
          + " resident between processes, so a fresh '" + cmd + "' has none to show (use --backend kernel)");
    }
    throw CliException.usage("--backend " + b + ": say kernel or jvm");
  }

  /** Every id of a kind, ascending. */
  static List<Integer> ids(Bpf bpf, ObjectKind kind) {
    List<Integer> ids = new ArrayList<>();
    for (int id = bpf.nextId(kind, 0); id > 0; id = bpf.nextId(kind, id)) {
      ids.add(id);
    }
    return ids;
  }

  /**
   * Opens the map that {@code words[at..]} names: {@code id N}, {@code pinned PATH} or
   * {@code name NAME}; returns it and how many words it took (always 2).
   */
  static KernelMap map(Bpf bpf, List<String> words, int at, String cmd) throws CliException {
    if (words.size() < at + 2) {
      throw CliException.usage("'" + cmd + "' needs a map: id N | pinned PATH | name NAME");
    }
    String how = words.get(at);
    String what = words.get(at + 1);
    return switch (how) {
      case "id" -> KernelMap.fromId(bpf, parseInt(what, "map id"));
      case "pinned" -> KernelMap.fromPin(bpf, what);
      case "name" -> {
        for (int id : ids(bpf, ObjectKind.MAP)) {
          try (KernelMap m = KernelMap.fromId(bpf, id)) {
            if (m.info().name().equals(what)) {
              yield KernelMap.fromId(bpf, id);
            }
          } catch (SysException gone) {
            // the map went away while we walked the ids
          }
        }
        throw CliException.failure("no map named '" + what + "'");
      }
      default -> throw CliException.usage("'" + how + "': say id N, pinned PATH or name NAME");
    };
  }

  /** A kernel object id: a u32, decimal or 0x hex. */
  static int parseInt(String s, String what) throws CliException {
    long v;
    try {
      v = Long.decode(s);
    } catch (NumberFormatException e) {
      if (s.matches("-?(0[xX]\\p{XDigit}+|\\d+)")) {
        throw CliException.usage(what + " '" + s + "' is not an id (0..4294967295)");
      }
      throw CliException.usage(what + " '" + s + "' is not a number");
    }
    if (v < 0 || v > 0xffffffffL) {
      throw CliException.usage(what + " '" + s + "' is not an id (0..4294967295)");
    }
    return (int) v;
  }

  /**
   * Bytes as bpftool reads them: words after {@code key}/{@code value}, decimal unless
   * prefixed by the word {@code hex} or written {@code 0x..}.
   */
  static byte[] bytes(List<String> words, int from, int to, String what) throws CliException {
    boolean hex = from < to && words.get(from).equals("hex");
    if (hex) {
      from++;
    }
    byte[] out = new byte[to - from];
    for (int i = from; i < to; i++) {
      String w = words.get(i);
      try {
        int v = hex ? Integer.parseInt(w.startsWith("0x") ? w.substring(2) : w, 16) : Integer.decode(w);
        if (v < 0 || v > 255) {
          throw new NumberFormatException();
        }
        out[i - from] = (byte) v;
      } catch (NumberFormatException e) {
        throw CliException.usage(what + " byte '" + w + "' is not 0..255");
      }
    }
    return out;
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }

  static String jsonHex(byte[] b) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      sb.append(i > 0 ? "," : "").append(Json.quote(String.format("0x%02x", b[i] & 0xff)));
    }
    return sb.append(']').toString();
  }

  /** A boot-relative nanosecond time as bpftool shows it (wall clock, ISO 8601). */
  static String loadedAt(long bootNs) {
    double uptime;
    try {
      uptime = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0]);
    } catch (Exception e) {
      return "?";
    }
    long bootEpochMs = System.currentTimeMillis() - (long) (uptime * 1000);
    Instant t = Instant.ofEpochMilli(bootEpochMs + bootNs / 1_000_000);
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC).format(t);
  }
}
