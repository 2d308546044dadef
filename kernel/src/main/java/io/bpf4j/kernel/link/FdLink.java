package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.Link;
import java.util.List;

/** A link that is a set of file descriptors: closing them (last first) detaches. */
class FdLink implements Link {
  private final List<Fd> fds;
  private final String description;
  private final Runnable onClose;

  FdLink(List<Fd> fds, String description, Runnable onClose) {
    this.fds = List.copyOf(fds);
    this.description = description;
    this.onClose = onClose;
  }

  FdLink(Fd fd, String description) {
    this(List.of(fd), description, null);
  }

  /** The first descriptor (the BPF link, or the perf event when attached the legacy way). */
  public int fd() {
    return fds.getFirst().get();
  }

  @Override
  public void close() {
    RuntimeException first = null;
    if (onClose != null) {
      try {
        onClose.run();
      } catch (RuntimeException e) {
        first = e;
      }
    }
    for (int i = fds.size() - 1; i >= 0; i--) {
      fds.get(i).close();
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  static void closeAll(List<Fd> fds) {
    for (int i = fds.size() - 1; i >= 0; i--) {
      fds.get(i).close();
    }
  }
}
