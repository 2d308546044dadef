package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.sys.Sys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tracepoint attachment: a {@code BPF_PROG_TYPE_TRACEPOINT} program on a static kernel
 * tracepoint ({@code syscalls/sys_enter_openat}), through a perf event of type
 * {@code PERF_TYPE_TRACEPOINT} whose config is the tracepoint's id from tracefs, and a BPF
 * link ({@code BPF_PERF_EVENT}) on it.
 */
public final class Tracepoint {
  private Tracepoint() {}

  /**
   * Where tracefs is mounted (the usual place, then the old one under debugfs); when it is
   * nowhere, mounts it at {@code /sys/kernel/tracing} ({@code mount -t tracefs nodev ...}).
   */
  public static synchronized Path tracefs() {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (String p : new String[] {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
        if (Files.isDirectory(Path.of(p, "events"))) {
          return Path.of(p);
        }
      }
      if (attempt == 0) {
        Sys sys = Sys.system();
        try (Arena a = Arena.ofConfined()) {
          sys.syscall(sys.numbers().mount(), a.allocateFrom("nodev").address(),
              a.allocateFrom("/sys/kernel/tracing").address(), a.allocateFrom("tracefs").address(), 0, 0);
        }
      }
    }
    throw new IllegalStateException(
        "tracefs is not mounted and mounting it failed: mount -t tracefs nodev /sys/kernel/tracing");
  }

  /** The tracepoint's id ({@code events/CATEGORY/NAME/id}). */
  public static long id(String category, String name) {
    Path p = tracefs().resolve("events").resolve(category).resolve(name).resolve("id");
    try {
      return Long.parseLong(Files.readString(p).strip());
    } catch (IOException e) {
      throw new IllegalArgumentException("no tracepoint " + category + "/" + name + " (" + p + ")", e);
    }
  }

  /** Attaches {@code prog} to tracepoint {@code category/name}. */
  public static Link attach(KernelProgram prog, String category, String name) {
    return attach(Bpf.system(), prog, category, name);
  }

  /** Same, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, String category, String name) {
    long id = id(category, name);
    Fd pe = PerfEvents.open(bpf.sys(), PerfEvents.TYPE_TRACEPOINT, id, 1, 0, 1 /* disabled */,
        0, 0, -1, 0, "tracepoint " + category + "/" + name);
    return new FdLink(PerfEvents.attach(bpf, prog, pe), "tracepoint " + category + "/" + name, null);
  }
}
