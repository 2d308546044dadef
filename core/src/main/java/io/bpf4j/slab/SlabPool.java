package io.bpf4j.slab;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;

/**
 * The slab layer of one cache: its slabs on three lists (full, partial, empty), guarded by
 * the pool's monitor. The magazine layer of {@link KmemCache} takes and returns objects here
 * in batches; debug mode takes and returns them one at a time and checks each.
 */
final class SlabPool {
  static final byte POISON_FREE = 0x6b;
  static final byte POISON_END = (byte) 0xa5;
  static final byte RED_ACTIVE = (byte) 0xcc;

  final SlabAllocator allocator;
  final Layout layout;
  final String name;
  private final Constructor ctor;
  private final boolean debug;
  private final Slab[] heads = new Slab[3];
  private final Slab[] tails = new Slab[3];
  private final long[] counts = new long[3];
  private long active;
  private int nextColour;
  private boolean destroyed;

  SlabPool(SlabAllocator allocator, String name, Layout layout, Constructor ctor, boolean debug) {
    this.allocator = allocator;
    this.name = name;
    this.layout = layout;
    this.ctor = ctor;
    this.debug = debug;
  }

  /**
   * Fills {@code out[0..n)} with objects from the slabs that have free ones, growing the
   * cache only when there is none; returns how many (0 only when out of memory).
   */
  synchronized int allocBatch(long[] out, int n) {
    int got = 0;
    while (got < n) {
      Slab s = got == 0 ? slabWithFree() : withFree();
      if (s == null) {
        break;
      }
      while (got < n && s.freeCount > 0) {
        out[got++] = s.take();
      }
      placed(s);
    }
    active += got;
    return got;
  }

  /** Returns objects from a magazine; an invalid one is reported and left alone. */
  synchronized void freeBatch(long[] addrs, int n) {
    for (int k = 0; k < n; k++) {
      Object where = locate(addrs[k], "returned from a magazine; it was freed earlier without a"
          + " check (enable debug mode to catch it at the free)");
      if (where instanceof SlabError e) {
        allocator.report(e);
      } else {
        Slab s = (Slab) where;
        s.put(s.indexOf(addrs[k]));
        active--;
        placed(s);
      }
    }
  }

  /** Debug mode: one object, its poison checked, its constructor run; 0 when out of memory. */
  synchronized long allocDebug() {
    Slab s = slabWithFree();
    if (s == null) {
      return 0;
    }
    long obj = s.take();
    active++;
    placed(s);
    checkPoison(obj);
    if (ctor != null) {
      ctor.construct(Memory.ALL.asSlice(obj, layout.objectSize()));
    }
    return obj;
  }

  /** Debug mode: checks the pointer and the red zones, poisons the object, frees it. */
  synchronized void freeDebug(long addr) {
    Object where = locate(addr, null);
    if (where instanceof SlabError e) {
      allocator.report(e);
      throw new SlabException(e);
    }
    Slab s = (Slab) where;
    checkRedZones(addr);
    poison(addr);
    s.put(s.indexOf(addr));
    active--;
    placed(s);
  }

  /**
   * Where {@code addr} belongs: the slab of this pool holding it as an active object, or the
   * error. Reads only the allocator's own tables, never the memory at {@code addr}.
   */
  private Object locate(long addr, String late) {
    String suffix = late == null ? "" : " (" + late + ")";
    Chunk c = allocator.chunkOf(addr);
    if (c == null) {
      return error(SlabError.Kind.FOREIGN_POINTER, addr,
          "it lies outside every native chunk of the allocator" + suffix);
    }
    Slab s = c.ownerOf(addr);
    if (s == null || s.released) {
      return error(SlabError.Kind.FOREIGN_POINTER, addr,
          "it lies in a page of the allocator that no slab owns now" + suffix);
    }
    if (s.pool != this) {
      return error(SlabError.Kind.WRONG_CACHE, addr,
          "it belongs to cache '" + s.pool.name + "' (objects of " + s.pool.layout.objectSize()
              + " bytes), not to this one (objects of " + layout.objectSize() + " bytes)"
              + suffix);
    }
    int i = s.indexOf(addr);
    if (i < 0) {
      long off = addr - s.first - layout.objOffset();
      long idx = Math.floorDiv(off, layout.stride());
      String what = off < 0 || idx >= s.capacity()
          ? "it points into the slab's colour or tail padding, where no object lies"
          : "it points " + (off - idx * layout.stride()) + " bytes past the start of object #"
              + idx + " of the slab at 0x" + Long.toHexString(s.base);
      return error(SlabError.Kind.NOT_OBJECT_START, addr, what + suffix);
    }
    if (!s.isActive(i)) {
      return error(SlabError.Kind.DOUBLE_FREE, addr,
          "object #" + i + " of the slab at 0x" + Long.toHexString(s.base)
              + " is already free" + suffix);
    }
    return s;
  }

  private SlabError error(SlabError.Kind kind, long addr, String detail) {
    return new SlabError(kind, name, addr, detail);
  }

  /** A slab with a free object, or null. */
  private Slab withFree() {
    return heads[Slab.PARTIAL] != null ? heads[Slab.PARTIAL] : heads[Slab.EMPTY];
  }

  /** A slab with a free object, growing the cache when needed; null when out of memory. */
  private Slab slabWithFree() {
    if (destroyed) {
      throw new IllegalStateException("cache '" + name + "' was destroyed");
    }
    if (heads[Slab.PARTIAL] != null) {
      return heads[Slab.PARTIAL];
    }
    if (heads[Slab.EMPTY] != null) {
      return heads[Slab.EMPTY];
    }
    return grow();
  }

  private Slab grow() {
    Slab s = allocator.newSlab(this, nextColour);
    if (s == null) {
      return null;
    }
    nextColour = (nextColour + 1) % layout.colours();
    for (int i = 0; i < s.capacity(); i++) {
      long obj = s.object(i);
      if (debug) {
        MemorySegment stride = Memory.ALL.asSlice(obj - layout.objOffset(), layout.stride());
        stride.fill(RED_ACTIVE);
        poison(obj);
      } else if (ctor != null) {
        ctor.construct(Memory.ALL.asSlice(obj, layout.objectSize()));
      }
    }
    link(Slab.EMPTY, s);
    s.emptySince = System.nanoTime();
    return s;
  }

  /** Moves {@code s} to the list its occupancy says. */
  private void placed(Slab s) {
    int want = s.freeCount == 0 ? Slab.FULL : s.freeCount == s.capacity() ? Slab.EMPTY
        : Slab.PARTIAL;
    if (want != s.list) {
      unlink(s);
      link(want, s);
      if (want == Slab.EMPTY) {
        s.emptySince = System.nanoTime();
        trimEmpty();
      }
    }
  }

  /** Count policy: never more than twice the kept number of empty slabs. */
  private void trimEmpty() {
    int max = Math.max(2 * allocator.config().emptySlabsKept(), 2);
    while (counts[Slab.EMPTY] > max) {
      release(tails[Slab.EMPTY]);
    }
  }

  /** Time policy: empty slabs beyond the kept ones that were empty for {@code delay}. */
  synchronized int reap(long now, long delayNanos, int keep) {
    int n = 0;
    while (counts[Slab.EMPTY] > keep && now - tails[Slab.EMPTY].emptySince >= delayNanos) {
      release(tails[Slab.EMPTY]);
      n++;
    }
    return n;
  }

  /**
   * Releases every empty slab; with {@code destroy}, every slab (their objects must be free
   * or only cached in magazines) and refuses any later allocation.
   */
  synchronized int shrink(boolean destroy) {
    int n = 0;
    for (int list = destroy ? Slab.FULL : Slab.EMPTY; list <= Slab.EMPTY; list++) {
      while (heads[list] != null) {
        active -= tails[list].activeCount();
        release(tails[list]);
        n++;
      }
    }
    destroyed |= destroy;
    return n;
  }

  private void release(Slab s) {
    unlink(s);
    s.released = true;
    allocator.freeSlab(s);
  }

  private void link(int list, Slab s) {
    s.list = list;
    s.prev = null;
    s.next = heads[list];
    if (heads[list] != null) {
      heads[list].prev = s;
    } else {
      tails[list] = s;
    }
    heads[list] = s;
    counts[list]++;
  }

  private void unlink(Slab s) {
    if (s.list < 0) {
      return;
    }
    if (s.prev != null) {
      s.prev.next = s.next;
    } else {
      heads[s.list] = s.next;
    }
    if (s.next != null) {
      s.next.prev = s.prev;
    } else {
      tails[s.list] = s.prev;
    }
    counts[s.list]--;
    s.list = -1;
    s.prev = null;
    s.next = null;
  }

  private void poison(long obj) {
    MemorySegment o = Memory.ALL.asSlice(obj, layout.objectSize());
    o.fill(POISON_FREE);
    o.set(Memory.U8, layout.objectSize() - 1, POISON_END);
  }

  private void checkPoison(long obj) {
    int size = layout.objectSize();
    int bad = 0;
    int firstBad = -1;
    byte seen = 0;
    for (int i = 0; i < size; i++) {
      byte want = i == size - 1 ? POISON_END : POISON_FREE;
      byte b = Memory.ALL.get(Memory.U8, obj + i);
      if (b != want) {
        if (firstBad < 0) {
          firstBad = i;
          seen = b;
        }
        bad++;
      }
    }
    if (bad > 0) {
      allocator.report(error(SlabError.Kind.USE_AFTER_FREE, obj, String.format(
          "the freed object was written: byte %d is 0x%02x where the poison 0x%02x was, %d"
              + " byte(s) changed in all (found when the object was handed out again)",
          firstBad, seen & 0xff, firstBad == size - 1 ? POISON_END & 0xff : POISON_FREE,
          bad)));
    }
  }

  private void checkRedZones(long obj) {
    long start = obj - layout.objOffset();
    long end = start + layout.stride();
    long objEnd = obj + layout.objectSize();
    int before = 0;
    int after = 0;
    long lastAfter = -1;
    for (long a = start; a < obj; a++) {
      if (Memory.ALL.get(Memory.U8, a) != RED_ACTIVE) {
        before++;
      }
    }
    for (long a = objEnd; a < end; a++) {
      if (Memory.ALL.get(Memory.U8, a) != RED_ACTIVE) {
        after++;
        lastAfter = a;
      }
    }
    if (before + after == 0) {
      return;
    }
    String detail = after > 0
        ? after + " byte(s) after the end of the object were overwritten (up to " + (lastAfter
            - objEnd + 1) + " bytes past its " + layout.objectSize() + " bytes)"
        : before + " byte(s) before the start of the object were overwritten";
    if (after > 0 && before > 0) {
      detail += ", and " + before + " byte(s) before its start";
    }
    allocator.report(error(SlabError.Kind.REDZONE_OVERWRITTEN, obj,
        detail + " (found when the object was freed; the red zones were repaired)"));
    Memory.ALL.asSlice(start, obj - start).fill(RED_ACTIVE);
    Memory.ALL.asSlice(objEnd, end - objEnd).fill(RED_ACTIVE);
  }

  /** The slab layer's figures; {@code cached} is what the magazines hold. */
  synchronized SlabStats stats(long cached) {
    long slabs = counts[0] + counts[1] + counts[2];
    long objs = slabs * layout.capacity();
    SlabInfo info = new SlabInfo(name, active, objs, layout.stride(), layout.capacity(),
        layout.pages(), counts[Slab.FULL] + counts[Slab.PARTIAL], slabs);
    long memory = slabs * layout.slabBytes();
    return new SlabStats(info, layout.objectSize(), active - cached, cached, objs - active,
        counts[Slab.FULL], counts[Slab.PARTIAL], counts[Slab.EMPTY], memory,
        memory - objs * layout.objectSize());
  }
}
