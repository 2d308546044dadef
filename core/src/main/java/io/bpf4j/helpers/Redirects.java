package io.bpf4j.helpers;

/**
 * What {@code bpf_redirect} recorded: the JVM backend has no devices to send to, so the
 * helper records the target of the calling thread's last call and returns the verdict
 * ({@code XDP_REDIRECT} = 4 for XDP programs, {@code TC_ACT_REDIRECT} = 7 otherwise); the
 * hook that ran the program reads it with {@link #last()}.
 *
 * @param ifindex the target interface index
 * @param flags the flags ({@code BPF_F_INGRESS} = 1)
 */
public record Redirects(int ifindex, long flags) {
  private static final ThreadLocal<Redirects> LAST = new ThreadLocal<>();

  /** The calling thread's last redirect, or null. */
  public static Redirects last() {
    return LAST.get();
  }

  /** Forgets the calling thread's last redirect. */
  public static void clear() {
    LAST.remove();
  }

  static void record(int ifindex, long flags) {
    LAST.set(new Redirects(ifindex, flags));
  }
}
