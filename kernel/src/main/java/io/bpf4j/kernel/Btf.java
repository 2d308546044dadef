package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A BTF object in the kernel ({@code BPF_BTF_LOAD}): the type information of a program or
 * map, uploaded from the raw {@code .BTF} section bytes; owns its file descriptor.
 */
public final class Btf implements AutoCloseable {
  private final Bpf bpf;
  private final Fd fd;

  private Btf(Bpf bpf, Fd fd) {
    this.bpf = bpf;
    this.fd = fd;
  }

  /**
   * Uploads raw BTF ({@code struct btf_header} followed by types and strings). On refusal
   * the exception carries the kernel's BTF log.
   */
  public static Btf load(Bpf bpf, byte[] raw) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment data = a.allocateFrom(JAVA_BYTE, raw);
      int size = 0;
      int level = 0;
      while (true) {
        try (Arena la = Arena.ofConfined()) {
          MemorySegment log = size == 0 ? null : la.allocate(size);
          MemorySegment at = Bpf.attr(la);
          at.set(JAVA_LONG, 0, data.address()); // btf
          at.set(JAVA_LONG, 8, log == null ? 0 : log.address()); // btf_log_buf
          at.set(JAVA_INT, 16, raw.length); // btf_size
          at.set(JAVA_INT, 20, size); // btf_log_size
          at.set(JAVA_INT, 24, level); // btf_log_level
          long r = bpf.tryCall(BpfCmd.BTF_LOAD, at);
          if (r >= 0) {
            return new Btf(bpf, bpf.fd(r));
          }
          int errno = (int) -r;
          if (log == null && errno != Errno.EPERM) {
            size = 64 * 1024; // refused: ask again with a log to say why
            level = 1;
            continue;
          }
          if (errno == Errno.ENOSPC && size < KernelProgram.MAX_LOG) {
            size *= 4;
            continue;
          }
          throw new BpfException(BpfCmd.BTF_LOAD, errno, log == null ? "" : Bpf.cString(log, 0, size));
        }
      }
    }
  }

  /** Opens the BTF object with this id (e.g. 1 is usually vmlinux). */
  public static Btf fromId(Bpf bpf, int id) {
    return new Btf(bpf, bpf.fdById(ObjectKind.BTF, id));
  }

  /** The file descriptor. */
  public int fd() {
    return fd.get();
  }

  /** What the kernel says about it. */
  public BtfInfo info() {
    return BtfInfo.of(bpf, fd.get());
  }

  @Override
  public void close() {
    fd.close();
  }
}
