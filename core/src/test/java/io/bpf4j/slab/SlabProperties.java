package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.vm.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random alloc/free sequences across caches keep every invariant of the allocator. */
class SlabProperties {
  /** An operation: allocate from cache {@code cache}, or free live object number {@code pick}. */
  record Op(boolean alloc, int cache, int pick) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = net.jqwik.api.Combinators.combine(
        Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 10_000))
        .as((k, c, p) -> new Op(k < 6, c, p));
    return op.list().ofMinSize(1).ofMaxSize(600);
  }

  @Property(tries = 60)
  void invariantsHold(@ForAll("ops") List<Op> ops, @ForAll boolean debug) {
    SlabConfig cfg = SlabConfig.defaults().withDebug(debug).withMagazineSize(8)
        .withReaperInterval(Duration.ZERO).withEmptySlabs(0, Duration.ZERO);
    try (SlabAllocator slab = SlabAllocator.create(cfg)) {
      KmemCache[] caches = {
          slab.createCache("c24", 24, 8, null),
          slab.createCache("c200", 200, 64, null),
          slab.createCache("c3000", 3000, 8, null)};
      Map<Long, Integer> live = new HashMap<>(); // address -> cache
      List<Long> order = new ArrayList<>();
      for (Op op : ops) {
        if (op.alloc() || order.isEmpty()) {
          KmemCache c = caches[op.cache()];
          SlabStats before = c.stats();
          long p = c.alloc();
          assertNotEquals(0, p);
          assertNull(live.put(p, op.cache()), "object handed out twice");
          order.add(p);
          assertEquals(0, p % c.align());
          // a tag at both ends: overlapping objects would overwrite each other's
          Memory.ALL.set(Memory.U64.withByteAlignment(1), p, p);
          Memory.ALL.set(Memory.U8, p + c.objectSize() - 1, (byte) p);
          if (before.cached() + before.free() > 0) {
            assertEquals(before.info().numSlabs(), c.info().numSlabs(),
                "a free object was there: freed memory must be reused, not a new slab");
          }
        } else {
          long p = order.remove(op.pick() % order.size());
          KmemCache c = caches[live.remove(p)];
          assertEquals(p, Memory.ALL.get(Memory.U64.withByteAlignment(1), p), "object corrupted");
          assertEquals((byte) p, Memory.ALL.get(Memory.U8, p + c.objectSize() - 1));
          c.free(p);
        }
        checkCounts(caches, live);
      }
      assertEquals(0, slab.errorCount());
      for (long p : order) {
        caches[live.get(p)].free(p);
      }
      slab.reap();
      slab.reap();
      for (KmemCache c : caches) {
        SlabStats s = c.stats();
        assertEquals(0, s.inUse());
        assertEquals(0, s.info().numSlabs(), "empty slabs released: " + s);
      }
      assertEquals(slab.reservedBytes() / SlabAllocator.PAGE_SIZE, slab.freePages());
    }
  }

  private static void checkCounts(KmemCache[] caches, Map<Long, Integer> live) {
    for (int i = 0; i < caches.length; i++) {
      final int k = i;
      SlabStats s = caches[i].stats();
      long mine = live.values().stream().filter(v -> v == k).count();
      assertEquals(mine, s.inUse(), "in use");
      assertEquals(s.objects(), s.inUse() + s.cached() + s.free(), "objects add up");
      assertEquals(s.info().numSlabs(), s.fullSlabs() + s.partialSlabs() + s.emptySlabs());
      assertEquals(s.info().numSlabs() * s.info().objPerSlab(), s.objects());
      assertEquals(s.memoryBytes(),
          s.inUseBytes() + s.cachedBytes() + s.freeBytes() + s.wastedBytes(), "bytes add up");
      assertTrue(s.info().activeObjs() <= s.info().numObjs());
    }
  }
}
