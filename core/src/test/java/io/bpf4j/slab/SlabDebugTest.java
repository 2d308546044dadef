package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Debug mode catches each kind of misuse, explains it, and never crashes. */
class SlabDebugTest {
  private final SlabAllocator slab = SlabAllocator.create(
      SlabConfig.debugging().withReaperInterval(Duration.ZERO));
  private final KmemCache c = slab.createCache("obj40", 40, 8, null);

  @AfterEach
  void close() {
    slab.close();
  }

  private SlabError refused(long addr, KmemCache cache) {
    SlabException e = assertThrows(SlabException.class, () -> cache.free(addr));
    assertSame(e.error(), slab.lastError());
    assertTrue(e.error().explanation().contains("Why it matters: "));
    return e.error();
  }

  @Test
  void doubleFree() {
    long p = c.alloc();
    c.free(p);
    SlabError e = refused(p, c);
    assertEquals(SlabError.Kind.DOUBLE_FREE, e.kind());
    assertTrue(e.message().startsWith("double free: 0x" + Long.toHexString(p)
        + " in cache 'obj40': object #"), e.message());
    assertTrue(e.explanation().contains("two owners"));
  }

  @Test
  void foreignPointers() {
    try (Arena a = Arena.ofConfined()) {
      long outside = a.allocate(64).address();
      assertEquals(SlabError.Kind.FOREIGN_POINTER, refused(outside, c).kind());
    }
    assertEquals(SlabError.Kind.FOREIGN_POINTER, refused(0x10, c).kind());
    assertEquals(SlabError.Kind.FOREIGN_POINTER, refused(-8, c).kind());
    long p = c.alloc();
    // a page of our own chunk that no slab owns
    long free = p - p % SlabAllocator.PAGE_SIZE + 100 * SlabAllocator.PAGE_SIZE;
    if (slab.owns(free) && slab.cacheOf(free) == null) {
      SlabError e = refused(free, c);
      assertTrue(e.detail().contains("no slab owns"), e.detail());
    }
  }

  @Test
  void wrongCache() {
    KmemCache other = slab.createCache("obj100", 100, 8, null);
    long p = other.alloc();
    SlabError e = refused(p, c);
    assertEquals(SlabError.Kind.WRONG_CACHE, e.kind());
    assertTrue(e.detail().contains("belongs to cache 'obj100'"), e.detail());
    other.free(p);
  }

  @Test
  void interiorPointer() {
    long p = c.alloc();
    SlabError e = refused(p + 4, c);
    assertEquals(SlabError.Kind.NOT_OBJECT_START, e.kind());
    assertTrue(e.detail().contains("4 bytes past the start of object #"), e.detail());
    c.free(p);
  }

  @Test
  void useAfterFreeIsFoundOnReuse() {
    long p = c.alloc();
    assertEquals(0x6b, Memory.ALL.get(Memory.U8, p) & 0xff, "new objects are poisoned");
    c.free(p);
    Memory.ALL.set(Memory.U8, p + 3, (byte) 1);
    assertEquals(p, c.alloc());
    SlabError e = slab.lastError();
    assertEquals(SlabError.Kind.USE_AFTER_FREE, e.kind());
    assertTrue(e.detail().contains("byte 3 is 0x01 where the poison 0x6b was"), e.detail());
  }

  @Test
  void overflowIntoTheRedZoneIsFoundOnFree() {
    long p = c.alloc();
    Memory.ALL.asSlice(p, 43).fill((byte) 0);
    c.free(p); // the free itself goes through
    SlabError e = slab.lastError();
    assertEquals(SlabError.Kind.REDZONE_OVERWRITTEN, e.kind());
    assertTrue(e.detail().startsWith("3 byte(s) after the end of the object"), e.detail());
    long q = c.alloc();
    assertEquals(p, q);
    Memory.ALL.set(Memory.U8, q - 1, (byte) 0);
    c.free(q);
    assertTrue(slab.lastError().detail().startsWith("1 byte(s) before the start"));
    assertEquals(2, slab.errorCount());
  }

  @Test
  void constructorRunsAgainAfterPoison() {
    KmemCache k = slab.createCache("ctor", 16, 8, o -> o.fill((byte) 7));
    long p = k.alloc();
    assertEquals(7, Memory.ALL.get(Memory.U8, p));
    k.free(p);
    assertEquals(0x6b, Memory.ALL.get(Memory.U8, p) & 0xff);
    assertEquals(p, k.alloc());
    assertEquals(7, Memory.ALL.get(Memory.U8, p));
  }

  @Test
  void withoutDebugABadFreeIsCaughtWhenTheMagazineReturns() {
    try (SlabAllocator fast = SlabAllocator.create(
        SlabConfig.defaults().withReaperInterval(Duration.ZERO))) {
      KmemCache k = fast.createCache("late", 32, 8, null);
      long p = k.alloc();
      k.free(p);
      k.free(p);
      k.shrink();
      SlabError e = fast.lastError();
      assertEquals(SlabError.Kind.DOUBLE_FREE, e.kind());
      assertTrue(e.detail().contains("returned from a magazine"), e.detail());
      assertEquals(0, k.stats().inUse());
    }
  }
}
