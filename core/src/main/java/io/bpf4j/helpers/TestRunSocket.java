package io.bpf4j.helpers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The socket a test run gives its skb. The kernel's {@code BPF_PROG_TEST_RUN} of a tc, socket
 * filter or cgroup skb program allocates a socket with no address whose owner is uid 0 and
 * sets it as the skb's {@code sk} for all the repeats; {@code bpf_get_socket_cookie} gives it a
 * cookie at its first use, from a counter shared by every socket, and {@code
 * bpf_get_socket_uid} returns its owner. The JVM backend's test run opens one of these around
 * its repeats ({@code io.bpf4j.jvm.JvmProgram#testRun}); an skb program run on any other
 * context (a hook, a Java caller's own {@code __sk_buff}) has no socket, as an skb from the
 * wire before socket lookup: cookie 0 and the overflow uid.
 */
public final class TestRunSocket implements AutoCloseable {
  /** What {@code bpf_get_socket_uid} returns for an skb without a socket (overflowuid). */
  public static final long OVERFLOW_UID = 65534;

  private static final AtomicLong COOKIES = new AtomicLong();
  private static final ThreadLocal<TestRunSocket> CURRENT = new ThreadLocal<>();

  private final long skb;
  private final TestRunSocket outer;
  private long cookie;

  private TestRunSocket(long skb, TestRunSocket outer) {
    this.skb = skb;
    this.outer = outer;
  }

  /** Gives the {@code __sk_buff} at {@code skb} a socket on this thread until closed. */
  public static TestRunSocket open(long skb) {
    TestRunSocket s = new TestRunSocket(skb, CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /** The socket of the {@code __sk_buff} at {@code skb} on this thread, or null. */
  static TestRunSocket of(long skb) {
    TestRunSocket s = CURRENT.get();
    return s != null && s.skb == skb ? s : null;
  }

  /** {@code bpf_get_socket_cookie(skb)}. */
  static long cookie(long skb) {
    TestRunSocket s = of(skb);
    if (s == null) {
      return 0;
    }
    if (s.cookie == 0) {
      s.cookie = COOKIES.incrementAndGet();
    }
    return s.cookie;
  }

  /** {@code bpf_get_socket_uid(skb)}. */
  static long uid(long skb) {
    return of(skb) == null ? OVERFLOW_UID : 0;
  }

  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
