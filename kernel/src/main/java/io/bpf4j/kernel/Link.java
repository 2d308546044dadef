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
}
