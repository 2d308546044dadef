package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmemTraceTest {
  @Test
  void listenersSeeAllocAndFreeWithTheKernelsFields() {
    try (SlabAllocator slab = SlabAllocator.create(
        SlabConfig.defaults().withReaperInterval(Duration.ZERO))) {
      KmemCache c = slab.createCache("traced", 20, 8, null);
      List<KmemEvent> events = new ArrayList<>();
      long p;
      try (var _ = KmemTrace.attach(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC, events::add);
          var _ = KmemTrace.attach(KmemTrace.Tracepoint.KMEM_CACHE_FREE, events::add)) {
        p = c.alloc();
        c.free(p);
      }
      c.free(c.alloc()); // detached: no event
      events.removeIf(e -> !e.name().equals("traced")); // other tests' caches
      assertEquals(2, events.size(), events.toString());
      KmemEvent alloc = events.get(0);
      assertEquals(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC, alloc.tracepoint());
      assertEquals(p, alloc.ptr());
      assertEquals(20, alloc.bytesReq());
      assertEquals(24, alloc.bytesAlloc());
      assertEquals(KmemCache.GFP_KERNEL, alloc.gfpFlags());
      assertTrue(KmemTrace.callSiteName(alloc.callSite()).startsWith(
          "io.bpf4j.slab.KmemTraceTest.listenersSeeAllocAndFreeWithTheKernelsFields("),
          KmemTrace.callSiteName(alloc.callSite()));
      assertTrue(alloc.toString().startsWith("kmem_cache_alloc: call_site=io.bpf4j"));
      assertEquals(KmemTrace.Tracepoint.KMEM_CACHE_FREE, events.get(1).tracepoint());
      assertEquals(p, events.get(1).ptr());
    }
  }

  @Test
  void recordsHaveTheKernelLayout() {
    KmemEvent e = new KmemEvent(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC, 0x1234, 0xabcdef, "kmalloc-64",
        50, 64, KmemCache.GFP_KERNEL, 7);
    KmemEvent f = new KmemEvent(KmemTrace.Tracepoint.KMEM_CACHE_FREE, 0x1234, 0xabcdef, "x", 0, 0,
        0, 7);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment r = arena.allocate(128);
      assertEquals(61 + 11, e.writeTo(r));
      assertEquals(1, r.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
      assertEquals(7, r.get(ValueLayout.JAVA_INT_UNALIGNED, 4));
      assertEquals(0x1234, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 8));
      assertEquals(0xabcdef, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 16));
      assertEquals((11 << 16) | 61, r.get(ValueLayout.JAVA_INT_UNALIGNED, 24));
      assertEquals(50, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 32));
      assertEquals(64, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 40));
      assertEquals(0xcc0, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 48));
      assertEquals("kmalloc-64", r.getString(61));
      assertEquals(28 + 2, f.writeTo(r));
      assertEquals(2, r.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
      assertEquals((2 << 16) | 28, r.get(ValueLayout.JAVA_INT_UNALIGNED, 24));
      assertEquals("x", r.getString(28));
    }
  }

  @Test
  void aThrowingListenerDoesNotFailTheAllocation() {
    try (SlabAllocator slab = SlabAllocator.create(
        SlabConfig.defaults().withReaperInterval(Duration.ZERO));
        var _ = KmemTrace.attach(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC, e -> {
          throw new IllegalStateException("boom");
        })) {
      long before = KmemTrace.dropped();
      assertNotEquals(0, slab.createCache("t2", 8, 8, null).alloc());
      assertTrue(KmemTrace.dropped() > before);
    }
  }

  @Test
  void fieldsEndWhereTheRecordsFixedPartEnds() {
    for (var tp : KmemTrace.Tracepoint.values()) {
      TraceField last = tp.fields().getLast();
      int end = last.offset() + last.size();
      assertEquals(tp == KmemTrace.Tracepoint.KMEM_CACHE_ALLOC ? 61 : 28, end, tp.name());
    }
  }

  /** The kernel is the oracle: when tracefs is mounted, its format files list our fields. */
  @Test
  void fieldsMatchTheKernelsFormatFile() throws Exception {
    for (var tp : KmemTrace.Tracepoint.values()) {
      java.nio.file.Path format = java.nio.file.Path.of("/sys/kernel/tracing/events/kmem",
          tp.fullName().substring(5), "format");
      org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(format),
          "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
      List<String> lines = java.nio.file.Files.readAllLines(format).stream()
          .filter(l -> l.startsWith("\tfield:")).toList();
      assertEquals(lines, tp.fields().stream().map(TraceField::formatLine).toList());
    }
  }
}
