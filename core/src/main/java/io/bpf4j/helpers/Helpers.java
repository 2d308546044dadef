package io.bpf4j.helpers;

import io.bpf4j.maps.CpuSlots;
import io.bpf4j.maps.MapHelpers;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hot helpers as static methods that a JIT calls directly (no {@code RunState}, no
 * allocation): arguments and results exactly as the kernel's helpers take and return them.
 * {@code map} is the map pointer a program holds ({@code io.bpf4j.maps.BpfMap#address()}).
 */
public final class Helpers {
  private Helpers() {}

  /** {@code bpf_map_lookup_elem(map, key)}: the value's address, or 0 (NULL). */
  public static long mapLookupElem(long map, long key) {
    return MapHelpers.lookup(map, key);
  }

  /** {@code bpf_map_update_elem(map, key, value, flags)}: 0 or a negative errno. */
  public static long mapUpdateElem(long map, long key, long value, long flags) {
    return MapHelpers.update(map, key, value, flags);
  }

  /** {@code bpf_map_delete_elem(map, key)}: 0 or a negative errno. */
  public static long mapDeleteElem(long map, long key) {
    return MapHelpers.delete(map, key);
  }

  /** {@code bpf_map_push_elem(map, value, flags)}. */
  public static long mapPushElem(long map, long value, long flags) {
    return MapHelpers.push(map, value, flags);
  }

  /** {@code bpf_map_pop_elem(map, value)}. */
  public static long mapPopElem(long map, long value) {
    return MapHelpers.pop(map, value);
  }

  /** {@code bpf_map_peek_elem(map, value)}. */
  public static long mapPeekElem(long map, long value) {
    return MapHelpers.peek(map, value);
  }

  /** {@code bpf_ktime_get_ns()}: monotonic nanoseconds ({@link System#nanoTime()}). */
  public static long ktimeGetNs() {
    return System.nanoTime();
  }

  /**
   * {@code bpf_ktime_get_boot_ns()}: nanoseconds including suspend; on the JVM backend the
   * same monotonic clock as {@link #ktimeGetNs()}.
   */
  public static long ktimeGetBootNs() {
    return System.nanoTime();
  }

  /** {@code bpf_ktime_get_coarse_ns()}: the monotonic clock at a 4 ms (HZ=250) tick. */
  public static long ktimeGetCoarseNs() {
    long t = System.nanoTime();
    return t - Math.floorMod(t, 4_000_000L);
  }

  /** {@code bpf_get_prandom_u32()}: a pseudo-random u32. */
  public static long getPrandomU32() {
    return ThreadLocalRandom.current().nextInt() & 0xffffffffL;
  }

  /** {@code bpf_get_smp_processor_id()}: the running thread's CPU slot. */
  public static long getSmpProcessorId() {
    return CpuSlots.current();
  }
}
