package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The user-space side of a {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY}: one
 * {@code PERF_COUNT_SW_BPF_OUTPUT} perf event per CPU, its ring mmap'd and stored in the map
 * at the CPU's index, woken by epoll. {@code bpf_perf_event_output} records come to a
 * callback ({@code PERF_RECORD_SAMPLE} raw data), losses to another.
 */
public final class PerfBuffer implements AutoCloseable {
  private static final VarHandle LONG = JAVA_LONG.varHandle();
  private static final long PAGE = 4096;

  private final Sys sys;
  private final List<Fd> events = new ArrayList<>();
  private final List<MemorySegment> rings = new ArrayList<>();
  private final long ringBytes;
  private final Epoll epoll;

  private PerfBuffer(Bpf bpf, KernelMap map, int pagesPerCpu) {
    if (map.info().type() != MapType.PERF_EVENT_ARRAY) {
      throw new IllegalArgumentException(map + " is not a perf event array");
    }
    if (Integer.bitCount(pagesPerCpu) != 1) {
      throw new IllegalArgumentException("pages per CPU " + pagesPerCpu + " (must be a power of 2)");
    }
    this.sys = bpf.sys();
    this.ringBytes = (1 + pagesPerCpu) * PAGE;
    this.epoll = new Epoll(sys);
    try (Arena a = Arena.ofConfined()) {
      int cpus = Math.min(KernelMap.possibleCpus(), map.info().maxEntries());
      for (int cpu = 0; cpu < cpus; cpu++) {
        MemorySegment attr = a.allocate(128, 8);
        attr.set(JAVA_INT, 0, 1); // PERF_TYPE_SOFTWARE
        attr.set(JAVA_INT, 4, 128); // size
        attr.set(JAVA_LONG, 8, 10); // PERF_COUNT_SW_BPF_OUTPUT
        attr.set(JAVA_LONG, 16, 1); // sample_period
        attr.set(JAVA_LONG, 24, 1 << 10); // PERF_SAMPLE_RAW
        attr.set(JAVA_INT, 48, 1); // wakeup_events
        long r = sys.perfEventOpen(attr, -1, cpu, -1, 8 /* PERF_FLAG_FD_CLOEXEC */);
        if (r < 0) {
          throw new SysException("perf_event_open(bpf-output on cpu " + cpu + ")", (int) -r);
        }
        Fd fd = Fd.adopt(sys, (int) r);
        events.add(fd);
        long addr = sys.mmap(ringBytes, 3, 1, fd.get(), 0);
        if (addr < 0 && addr > -4096) {
          throw new SysException("mmap(perf ring of cpu " + cpu + ")", (int) -addr);
        }
        rings.add(MemorySegment.ofAddress(addr).reinterpret(ringBytes));
        MemorySegment key = a.allocate(4, 4);
        key.set(JAVA_INT, 0, cpu);
        MemorySegment val = a.allocate(4, 4);
        val.set(JAVA_INT, 0, fd.get());
        map.update(key, val, KernelMap.ANY);
        epoll.add(fd.get(), cpu);
        Sys.check(sys.ioctl(fd.get(), 0x2400 /* PERF_EVENT_IOC_ENABLE */, 0), "ioctl(ENABLE)");
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Opens one ring of {@code pagesPerCpu} pages (a power of 2) per CPU for {@code map}. */
  public static PerfBuffer open(KernelMap map, int pagesPerCpu) {
    return new PerfBuffer(Bpf.system(), map, pagesPerCpu);
  }

  /**
   * Waits up to {@code timeoutMillis} (0: no wait), then hands every sample to {@code
   * sample} and every loss count to {@code lost}; returns the number of samples.
   */
  public int poll(int timeoutMillis, Consumer<MemorySegment> sample, LongConsumer lost) {
    int n = consume(sample, lost);
    if (n > 0 || timeoutMillis == 0) {
      return n;
    }
    epoll.await(timeoutMillis);
    return consume(sample, lost);
  }

  private int consume(Consumer<MemorySegment> sample, LongConsumer lost) {
    int n = 0;
    long dataSize = ringBytes - PAGE;
    try (Arena a = Arena.ofConfined()) {
      for (MemorySegment ring : rings) {
        long head = (long) LONG.getAcquire(ring, 1024L); // data_head
        long tail = ring.get(JAVA_LONG, 1032); // data_tail
        MemorySegment data = ring.asSlice(PAGE, dataSize);
        while (tail < head) {
          long at = tail % dataSize;
          int hdrType = readInt(data, at, dataSize);
          int size = Short.toUnsignedInt(readShort(data, at + 6, dataSize));
          MemorySegment rec = a.allocate(size);
          for (int i = 0; i < size; i++) { // a record may wrap around the ring's end
            rec.set(JAVA_BYTE, i, data.get(JAVA_BYTE, (at + i) % dataSize));
          }
          if (hdrType == 9 /* PERF_RECORD_SAMPLE */) {
            int raw = rec.get(JAVA_INT, 8);
            sample.accept(rec.asSlice(12, Math.min(raw, size - 12)));
            n++;
          } else if (hdrType == 2 /* PERF_RECORD_LOST */) {
            lost.accept(rec.get(JAVA_LONG, 16));
          }
          tail += size;
        }
        LONG.setRelease(ring, 1032L, tail);
      }
    }
    return n;
  }

  private static int readInt(MemorySegment d, long at, long size) {
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (d.get(JAVA_BYTE, (at + i) % size) & 0xff);
    }
    return v;
  }

  private static short readShort(MemorySegment d, long at, long size) {
    return (short) ((d.get(JAVA_BYTE, at % size) & 0xff) | (d.get(JAVA_BYTE, (at + 1) % size) & 0xff) << 8);
  }

  @Override
  public void close() {
    epoll.close();
    for (MemorySegment r : rings) {
      sys.munmap(r.address(), ringBytes);
    }
    rings.clear();
    for (Fd fd : events) {
      fd.close();
    }
    events.clear();
  }

}
