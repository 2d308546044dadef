package io.bpf4j.helpers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code bpf_trace_printk} writes: the JVM backend's {@code /sys/kernel/tracing/trace_pipe}.
 * Lines look like the kernel's ({@code "<comm>-<tid> [<cpu>] ....1 <sec>.<usec>:
 * bpf_trace_printk: <message>"}); {@link #poll(Duration)} reads them one at a time as
 * {@code cat trace_pipe} does, and the last {@value #CAPACITY} unread lines are kept (older
 * ones are dropped and counted). {@link #global()} is the pipe the standard helpers use by
 * default.
 */
public final class TracePipe {
  /** Lines kept while nobody reads. */
  public static final int CAPACITY = 4096;

  private static final TracePipe GLOBAL = new TracePipe();

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private long dropped;

  /** A new, empty pipe. */
  public TracePipe() {}

  /** The process-wide pipe. */
  public static TracePipe global() {
    return GLOBAL;
  }

  /** Appends one message with the kernel's line prefix for the calling thread. */
  void write(String comm, long tid, int cpu, String message) {
    long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
    String line =
        String.format(
            "%16s-%-7d [%03d] ....1 %d.%06d: bpf_trace_printk: %s",
            comm, tid, cpu, us / 1_000_000, us % 1_000_000, message);
    synchronized (this) {
      if (lines.size() == CAPACITY) {
        lines.poll();
        dropped++;
      }
      lines.add(line);
      notifyAll();
    }
  }

  /** The next line, waiting up to {@code timeout}; null when none came. */
  public synchronized String poll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lines.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return lines.poll();
  }

  /** Every unread line, removed from the pipe. */
  public synchronized List<String> drain() {
    List<String> out = new ArrayList<>(lines);
    lines.clear();
    return out;
  }

  /** Lines dropped because nobody read them in time. */
  public synchronized long dropped() {
    return dropped;
  }
}
