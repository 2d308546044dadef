package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.vm.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlabAllocatorTest {
  private final SlabAllocator slab = SlabAllocator.create(
      SlabConfig.defaults().withReaperInterval(Duration.ZERO).withEmptySlabs(0, Duration.ZERO));

  @AfterEach
  void close() {
    slab.close();
  }

  @Test
  void objectsAreDistinctAlignedAndWritable() {
    KmemCache c = slab.createCache("elem48", 48, 16, null);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      long p = c.alloc();
      assertEquals(0, p % 16, "alignment");
      assertTrue(seen.add(p), "handed out twice");
      Memory.ALL.asSlice(p, 48).fill((byte) i);
    }
    SlabStats s = c.stats();
    assertEquals(1000, s.inUse());
    assertEquals(s.objects(), s.inUse() + s.cached() + s.free());
    assertEquals(s.memoryBytes(),
        s.inUseBytes() + s.cachedBytes() + s.freeBytes() + s.wastedBytes());
    for (long p : seen) {
      c.free(p);
    }
    assertEquals(0, c.stats().inUse());
  }

  @Test
  void freedObjectIsReusedFirst() {
    KmemCache c = slab.createCache("reuse", 64, 8, null);
    long a = c.alloc();
    c.alloc();
    c.free(a);
    assertEquals(a, c.alloc());
  }

  @Test
  void slabinfoHasTheKernelShape() {
    KmemCache c = slab.createCache("bpf_elem", 100, 8, null);
    List<Long> objs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      objs.add(c.alloc());
    }
    SlabInfo r = c.info();
    assertEquals("bpf_elem", r.name());
    assertEquals(104, r.objSize(), "100 rounded to 8");
    assertEquals(1, r.pagesPerSlab());
    assertEquals(4096 / 104, r.objPerSlab());
    assertEquals(r.numSlabs() * r.objPerSlab(), r.numObjs());
    assertTrue(r.activeObjs() >= 50 && r.activeObjs() <= r.numObjs());
    assertEquals(r.numSlabs(), r.activeSlabs());
    String text = slab.slabinfo();
    assertTrue(text.startsWith("slabinfo - version: 2.1\n# name "), text);
    assertTrue(text.lines().anyMatch(l -> l.matches(
        "bpf_elem\\s+\\d+\\s+\\d+\\s+104\\s+39\\s+1 : tunables\\s+64\\s+32\\s+0 : slabdata"
            + "\\s+\\d+\\s+\\d+\\s+0")), text);
  }

  @Test
  void kmallocSizeClasses() {
    assertEquals("kmalloc-96", slab.cacheFor(65).name());
    assertEquals("kmalloc-8", slab.cacheFor(1).name());
    assertEquals("kmalloc-2k", slab.cacheFor(1025).name());
    assertSame(slab.cacheFor(100), slab.cacheFor(128));
    assertThrows(IllegalArgumentException.class, () -> slab.cacheFor(0));
  }

  @Test
  void badArgumentsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> slab.createCache("z", 0, 8, null));
    assertEquals("object size 0 (must be 1..131072)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> slab.createCache("a", 8, 3, null));
    assertTrue(e.getMessage().startsWith("alignment 3"));
    e = assertThrows(IllegalArgumentException.class, () -> slab.createCache("a b", 8, 8, null));
    assertEquals("cache name 'a b' (must be one word)", e.getMessage());
    KmemCache one = slab.createCache("dup", 8, 8, null);
    KmemCache two = slab.createCache("dup", 8, 8, null); // as in the kernel: two maps, one name
    assertNotSame(one, two);
    assertSame(one, slab.cache("dup"));
  }

  @Test
  void largeObjectsGetLargerSlabs() {
    KmemCache c = slab.createCache("big", 100_000, 8, null);
    long p = c.alloc();
    assertNotEquals(0, p);
    SlabInfo r = c.info();
    assertTrue(r.pagesPerSlab() * 4096L >= 100_000, r.toString());
    assertTrue(r.objPerSlab() >= 1);
    c.free(p);
  }

  @Test
  void constructorRunsOncePerObjectWhenTheSlabIsMade() {
    int[] calls = {0};
    KmemCache c = slab.createCache("ctor", 32, 8, o -> {
      calls[0]++;
      o.fill((byte) 0x5a);
    });
    long p = c.alloc();
    assertEquals(0x5a, Memory.ALL.get(Memory.U8, p));
    assertEquals(c.info().objPerSlab(), calls[0]);
    assertEquals(0, Memory.ALL.get(Memory.U8, c.allocZeroed()));
  }

  @Test
  void emptySlabsAreReleasedByTheReaper() {
    KmemCache c = slab.createCache("reap", 256, 8, null);
    List<Long> objs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      objs.add(c.alloc());
    }
    long slabs = c.info().numSlabs();
    assertTrue(slabs >= 12);
    long freeBefore = slab.freePages();
    objs.forEach(c::free);
    slab.reap();
    slab.reap(); // the depot's magazines unused since the first reap go back now
    assertEquals(0, c.info().numSlabs(), c.stats().toString());
    assertEquals(freeBefore + slabs, slab.freePages());
  }

  @Test
  void emptySlabsWaitForTheirDelay() {
    try (SlabAllocator s = SlabAllocator.create(SlabConfig.defaults()
        .withReaperInterval(Duration.ZERO).withEmptySlabs(0, Duration.ofHours(1)))) {
      KmemCache c = s.createCache("late", 512, 8, null);
      long p = c.alloc();
      c.free(p);
      s.reap();
      s.reap();
      long kept = c.info().numSlabs();
      assertTrue(kept >= 1, "kept for an hour");
      assertEquals(kept, c.shrink());
      assertEquals(0, c.info().numSlabs());
    }
  }

  @Test
  void colouringShiftsSlabs() {
    KmemCache c = slab.createCache("colour", 200, 8, null);
    Set<Long> offsets = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      offsets.add(c.alloc() % 4096 % 200);
    }
    assertTrue(offsets.size() > 1, "objects of several slabs start at different colours");
  }

  @Test
  void memoryLimitGivesNull() {
    try (SlabAllocator s = SlabAllocator.create(SlabConfig.defaults()
        .withReaperInterval(Duration.ZERO).withMemoryLimit(SlabAllocator.CHUNK_BYTES))) {
      KmemCache c = s.createCache("oom", 4096, 8, null);
      int n = 0;
      while (c.alloc() != 0) {
        n++;
      }
      assertEquals(SlabAllocator.CHUNK_BYTES / 4096, n);
    }
  }

  @Test
  void destroyNeedsEveryObjectFreed() {
    KmemCache c = slab.createCache("gone", 64, 8, null);
    long p = c.alloc();
    var e = assertThrows(IllegalStateException.class, c::destroy);
    assertEquals("cache 'gone' still has 1 object(s) in use", e.getMessage());
    c.free(p);
    c.destroy();
    assertNull(slab.cache("gone"));
    assertThrows(IllegalStateException.class, c::alloc);
  }

  @Test
  void ownershipIsAnsweredWithoutReadingMemory() {
    KmemCache a = slab.createCache("own", 64, 8, null);
    long p = a.alloc();
    assertTrue(slab.owns(p));
    assertSame(a, slab.cacheOf(p));
    assertFalse(slab.owns(8));
    assertNull(slab.cacheOf(-1L));
  }

  /** Regression: close() took the page lock, then cache locks; the reaper the other way. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void closingWhileTheReaperRunsDoesNotDeadlock() {
    for (int round = 0; round < 100; round++) {
      // debug mode: frees go straight to the slabs, so the reaper has empty slabs to release
      // while close() runs
      SlabAllocator s = SlabAllocator.create(SlabConfig.debugging()
          .withReaperInterval(Duration.ofMillis(1)).withEmptySlabs(0, Duration.ZERO));
      for (int k = 0; k < 8; k++) {
        KmemCache c = s.createCache("c" + k, 64 << (k % 4), 8, null);
        List<Long> objs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          objs.add(c.alloc());
        }
        objs.forEach(c::free);
      }
      s.close();
      assertThrows(IllegalStateException.class, () -> s.createCache("late", 8, 8, null));
    }
  }
}
