package io.bpf4j.kernel;

/**
 * A program attached to a hook; closing it detaches the program. The implementations are
 * in {@code io.bpf4j.kernel.link}, one class per mechanism (tracepoint, raw tracepoint,
 * uprobe, perf event, socket filter, XDP, tc, cgroup skb).
 */
public interface Link extends AutoCloseable {
  /** Detaches (and closes every file descriptor the attachment holds). */
  @Override
  void close();

  /** Where it is attached, in words ("tracepoint syscalls/sys_enter_openat", "xdp on veth0"). */
  String describe();

  /**
   * What the kernel says about the BPF link ({@code BPF_OBJ_GET_INFO_BY_FD}): its id, type
   * and program; empty for attachments that are not BPF links (socket filters, perf events
   * attached through the ioctl).
   */
  default java.util.Optional<LinkInfo> info() {
    return java.util.Optional.empty();
  }
}
