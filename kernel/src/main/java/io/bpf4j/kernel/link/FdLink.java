package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.Link;
import java.util.List;

/** A link that is a set of file descriptors: closing them (last first) detaches. */
class FdLink implements Link {
  private final List<Fd> fds;
  private final String description;
  private final Runnable onClose;
  private final Fd bpfLink;

  /** Owns {@code fds}; {@code bpfLink} (one of them, or null) is the BPF link among them. */
  FdLink(List<Fd> fds, Fd bpfLink, String description, Runnable onClose) {
    this.fds = List.copyOf(fds);
    this.bpfLink = bpfLink;
    this.description = description;
    this.onClose = onClose;
  }

  FdLink(Fd fd, String description) {
    this(List.of(fd), fd, description, null);
  }

  /** For perf-event attachments: the descriptors are [event, link] (or [event] by ioctl). */
  static FdLink perf(List<Fd> fds, String description) {
    return new FdLink(fds, fds.size() >= 2 ? fds.get(1) : null, description, null);
  }

  @Override
  public java.util.Optional<io.bpf4j.kernel.LinkInfo> info() {
    if (bpfLink == null || !bpfLink.isOpen()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(io.bpf4j.kernel.LinkInfo.of(io.bpf4j.kernel.Bpf.system(), bpfLink.get()));
    } catch (io.bpf4j.kernel.BpfException notALink) {
      return java.util.Optional.empty(); // attached through the perf ioctl: no BPF link
    }
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
