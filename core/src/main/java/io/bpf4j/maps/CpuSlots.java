package io.bpf4j.maps;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM backend's "CPUs": a fixed number of slots (system property {@code bpf4j.cpus},
 * default the number of available processors). Each thread gets a slot on first use, round
 * robin; per-CPU maps keep one value per slot and {@code bpf_get_smp_processor_id} returns
 * the slot. Threads beyond the slot count share slots, so per-CPU values are only private
 * to a thread when there are no more running threads than slots (the kernel's guarantee
 * rests on disabled preemption, which the JVM has no equivalent of).
 */
public final class CpuSlots {
  private CpuSlots() {}

  private static final int COUNT =
      Math.max(1, Integer.getInteger("bpf4j.cpus", Runtime.getRuntime().availableProcessors()));
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final ThreadLocal<int[]> SLOT =
      ThreadLocal.withInitial(() -> new int[] {Math.floorMod(NEXT.getAndIncrement(), COUNT)});

  /** The number of slots (the kernel's {@code num_possible_cpus()}). */
  public static int count() {
    return COUNT;
  }

  /** The calling thread's slot, in {@code [0, count())}. */
  public static int current() {
    return SLOT.get()[0];
  }

  /** Pins the calling thread to {@code slot} (tests, or a runner that owns a CPU). */
  public static void bind(int slot) {
    if (slot < 0 || slot >= COUNT) {
      throw new IllegalArgumentException("cpu slot " + slot + " (must be 0.." + (COUNT - 1) + ")");
    }
    SLOT.get()[0] = slot;
  }
}
