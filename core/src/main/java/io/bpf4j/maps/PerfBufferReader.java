package io.bpf4j.maps;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Reads the samples that programs write with {@code bpf_perf_event_output} into a
 * {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY}, as libbpf's {@code perf_buffer}: opening the reader
 * gives every index a buffer of {@code bytesPerCpu}; {@link #poll(Duration)} hands each
 * sample to the sample callback with its index, and reports dropped samples to the lost
 * callback.
 */
public final class PerfBufferReader implements AutoCloseable {
  /** Called per sample. */
  @FunctionalInterface
  public interface SampleHandler {
    /** One sample written to {@code cpu}. */
    void onSample(int cpu, MemorySegment data);
  }

  /** Called when samples were dropped because a buffer was full. */
  @FunctionalInterface
  public interface LostHandler {
    /** {@code count} samples of {@code cpu} were lost. */
    void onLost(int cpu, long count);
  }

  private final PerfEventArray map;
  private final SampleHandler samples;
  private final LostHandler lost;

  /**
   * Opens a buffer of {@code bytesPerCpu} at each CPU slot's index of {@code map} (indexes
   * 0 .. {@code min(max_entries, CpuSlots.count()) - 1}, as libbpf's {@code perf_buffer}
   * opens one per possible CPU): an output to a higher index finds no reader (ENOENT).
   */
  public PerfBufferReader(
      BpfMap map, long bytesPerCpu, SampleHandler samples, LostHandler lost) {
    if (!(map instanceof PerfEventArray p)) {
      throw new IllegalArgumentException(map + " is not a perf_event_array map");
    }
    if (bytesPerCpu <= 0) {
      throw new IllegalArgumentException("perf buffer size " + bytesPerCpu + " (must be > 0)");
    }
    this.map = p;
    this.samples = samples;
    this.lost = lost;
    for (int i = 0; i < Math.min(p.entries(), CpuSlots.count()); i++) {
      p.open(i, bytesPerCpu);
    }
  }

  /** Hands over every pending sample; returns how many. */
  public int consume() {
    int n = 0;
    long[] dropped = new long[1];
    for (int i = 0; i < map.entries(); i++) {
      byte[] r;
      while ((r = map.take(i, dropped)) != null || dropped[0] > 0) {
        if (dropped[0] > 0 && lost != null) {
          lost.onLost(i, dropped[0]);
        }
        dropped[0] = 0;
        if (r == null) {
          break;
        }
        samples.onSample(i, MemorySegment.ofArray(r));
        n++;
      }
    }
    return n;
  }

  /** Waits up to {@code timeout} for a sample, then consumes. */
  public int poll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (map) {
      while (!map.anyReady()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return 0;
        }
        try {
          map.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    }
    return consume();
  }

  /** Removes the buffers from the map. */
  @Override
  public void close() {
    for (int i = 0; i < map.entries(); i++) {
      map.closeIndex(i);
    }
  }
}
