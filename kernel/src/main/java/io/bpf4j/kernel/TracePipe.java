package io.bpf4j.kernel;

import io.bpf4j.kernel.link.Tracepoint;
import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The kernel's trace pipe ({@code /sys/kernel/tracing/trace_pipe}), where
 * {@code bpf_trace_printk} writes: read without blocking, a line at a time. Reading consumes
 * the lines, as {@code bpftool prog tracelog} and {@code cat trace_pipe} do.
 */
public final class TracePipe implements AutoCloseable {
  private static final int O_RDONLY_NONBLOCK_CLOEXEC = 0 | 04000 | 02000000;
  private static final int EAGAIN = 11;
  private final Sys sys;
  private final int fd;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment buf = arena.allocate(8192);
  private final StringBuilder partial = new StringBuilder();

  private TracePipe(Sys sys, int fd) {
    this.sys = sys;
    this.fd = fd;
  }

  /** Opens the trace pipe (mounting tracefs when it is not mounted). */
  public static TracePipe open() {
    Sys sys = Sys.system();
    String path = Tracepoint.tracefs().resolve("trace_pipe").toString();
    int fd = (int) Sys.check(sys.open(path, O_RDONLY_NONBLOCK_CLOEXEC), "open " + path);
    return new TracePipe(sys, fd);
  }

  /** Hands every complete line available now to {@code line}; returns how many. */
  public int poll(Consumer<String> line) {
    int n = 0;
    while (true) {
      long r = sys.syscall(readNumber(), fd, buf.address(), buf.byteSize());
      if (r == -EAGAIN || r == 0) {
        return n;
      }
      Sys.check(r, "read trace_pipe");
      partial.append(new String(buf.asSlice(0, r).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
          StandardCharsets.UTF_8));
      int nl;
      while ((nl = partial.indexOf("\n")) >= 0) {
        line.accept(partial.substring(0, nl));
        partial.delete(0, nl + 1);
        n++;
      }
    }
  }

  private static long readNumber() {
    return System.getProperty("os.arch").equals("aarch64") ? 63 : 0; // __NR_read
  }

  @Override
  public void close() {
    sys.close(fd);
    arena.close();
  }
}
