package io.bpf4j.kernel;

import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.kernel.sys.SysException;
import java.lang.foreign.MemorySegment;

/**
 * The two mmap'd areas of a kernel ring buffer map ({@code RINGBUF} or {@code USER_RINGBUF}):
 * the consumer page at offset 0 and, one page further, the producer page followed by the data
 * (mapped twice by the kernel, so no record wraps). Which side may write which area depends
 * on the map type, hence the protections as arguments.
 */
record RingMapping(long pageSize, long size, long consumerAddr, long producerAddr,
    MemorySegment consumer, MemorySegment producer, MemorySegment data) {
  static final int PROT_READ = 1;
  static final int PROT_READ_WRITE = 3;
  private static final int MAP_SHARED = 1;
  private static final long PAGE = 4096;

  /** Maps ring buffer {@code map} of {@code size} data bytes; {@code what} names it in errors. */
  static RingMapping open(Sys sys, KernelMap map, long size, String what, int consumerProt,
      int dataProt) {
    long c = sys.mmap(PAGE, consumerProt, MAP_SHARED, map.fd(), 0);
    if (c < 0 && c > -4096) {
      throw new SysException("mmap(" + what + " consumer page)", (int) -c);
    }
    long p = sys.mmap(PAGE + 2 * size, dataProt, MAP_SHARED, map.fd(), PAGE);
    if (p < 0 && p > -4096) {
      sys.munmap(c, PAGE);
      throw new SysException("mmap(" + what + " data)", (int) -p);
    }
    MemorySegment producer = MemorySegment.ofAddress(p).reinterpret(PAGE + 2 * size);
    return new RingMapping(PAGE, size, c, p, MemorySegment.ofAddress(c).reinterpret(PAGE),
        producer, producer.asSlice(PAGE));
  }

  /** Unmaps both areas. */
  void close(Sys sys) {
    sys.munmap(consumerAddr, pageSize);
    sys.munmap(producerAddr, pageSize + 2 * size);
  }
}
