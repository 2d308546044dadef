package io.bpf4j.slab;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A slab allocator over native memory in the manner of the kernel's {@code kmem_cache}: it
 * owns one long-lived {@link Arena}, takes large native chunks from it, carves them into
 * slabs of whole pages, and serves each {@link KmemCache} from its own slabs. Map elements of
 * bpf4j come from here (DESIGN.md, memory model).
 *
 * {@snippet :
 * SlabAllocator slab = SlabAllocator.global();
 * KmemCache elems = slab.createCache("htab_elem_48", 48, 8, null);
 * long p = elems.alloc();            // a native address, 0 when out of memory
 * // ... use the 48 bytes at p ...
 * elems.free(p);
 * System.out.print(slab.slabinfo());  // /proc/slabinfo
 * }
 *
 * <p>Chunk memory is never returned to the operating system while the allocator lives;
 * pages of released slabs go back to the allocator's page pool. A private allocator made with
 * {@link #create(SlabConfig)} frees all of its memory on {@link #close()}.
 */
public final class SlabAllocator implements AutoCloseable {
  /** Bytes in a page, the unit of slabs. */
  public static final int PAGE_SIZE = 4096;
  static final int PAGE_SHIFT = 12;
  /** Pages in a native chunk. */
  static final int CHUNK_PAGES = 256;
  /** Bytes in a native chunk (1 MiB). */
  public static final long CHUNK_BYTES = (long) CHUNK_PAGES * PAGE_SIZE;
  private static final int MAX_ERRORS = 100;
  private static final int[] KMALLOC_SIZES = {
      8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
      131072};

  private final SlabConfig config;
  private final Arena arena;
  private final Object pageLock = new Object();
  private volatile Chunk[] chunks = new Chunk[0];
  private final List<KmemCache> caches = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Integer, KmemCache> kmalloc = new ConcurrentHashMap<>();
  private final ArrayDeque<SlabError> errors = new ArrayDeque<>();
  private long errorCount;
  private final List<Consumer<SlabError>> errorListeners = new CopyOnWriteArrayList<>();
  private final Thread reaper;
  private volatile boolean closed;

  private SlabAllocator(SlabConfig config, Arena arena) {
    this.config = config;
    this.arena = arena;
    if (config.reaperInterval().isZero()) {
      reaper = null;
    } else {
      long ms = Math.max(1, config.reaperInterval().toMillis());
      reaper = Thread.ofPlatform().daemon().name("bpf4j-slab-reaper").unstarted(() -> {
        while (!closed) {
          try {
            Thread.sleep(ms);
          } catch (InterruptedException e) {
            return;
          }
          if (!closed) {
            reap();
          }
        }
      });
      reaper.start();
    }
  }

  private static final class Global {
    static final SlabAllocator INSTANCE = new SlabAllocator(
        SlabConfig.defaults().withDebug(Boolean.getBoolean("bpf4j.slab.debug")), Arena.global());
  }

  /**
   * The allocator of the whole JVM, made on first use; never closed. The system property
   * {@code bpf4j.slab.debug=true} turns its debug mode on.
   */
  public static SlabAllocator global() {
    return Global.INSTANCE;
  }

  /** A private allocator with its own arena, freed by {@link #close()}. */
  public static SlabAllocator create(SlabConfig config) {
    return new SlabAllocator(config, Arena.ofShared());
  }

  /** How this allocator behaves. */
  public SlabConfig config() {
    return config;
  }

  /**
   * Creates a cache ({@code kmem_cache_create}).
   *
   * @param name its name in slabinfo, one word; as in the kernel, several caches may share
   *     a name (two maps of the same name each get their own cache)
   * @param objectSize bytes of each object, 1..131072
   * @param align alignment of each object, a power of two up to 4096 (at least 8 is used)
   * @param ctor run on each object when its slab is made, or null
   */
  public KmemCache createCache(String name, int objectSize, int align, Constructor ctor) {
    checkOpen();
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("cache name '" + name + "' (must be one word)");
    }
    Layout layout = Layout.of(objectSize, align, config.debug(), config.colouring());
    KmemCache c = new KmemCache(new SlabPool(this, name, layout, ctor, config.debug()));
    caches.add(c);
    return c;
  }

  /**
   * The general-purpose cache for objects of {@code size} bytes ({@code kmalloc}'s size
   * classes: kmalloc-8 ... kmalloc-128k), made on first use.
   */
  public KmemCache cacheFor(int size) {
    if (size <= 0 || size > KMALLOC_SIZES[KMALLOC_SIZES.length - 1]) {
      throw new IllegalArgumentException("size " + size + " (must be 1..131072)");
    }
    int cls = 0;
    while (KMALLOC_SIZES[cls] < size) {
      cls++;
    }
    int s = KMALLOC_SIZES[cls];
    return kmalloc.computeIfAbsent(s, k -> createCache(
        "kmalloc-" + (k >= 1024 ? k / 1024 + "k" : k), k, Math.min(Integer.lowestOneBit(k), 64),
        null));
  }

  /** Every live cache, in creation order. */
  public List<KmemCache> caches() {
    return List.copyOf(caches);
  }

  /** The first cache named {@code name}, or null. */
  public KmemCache cache(String name) {
    for (KmemCache c : caches) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The rows of {@code /proc/slabinfo}, one per cache, in creation order. */
  public List<SlabInfo> slabInfo() {
    List<SlabInfo> rows = new ArrayList<>();
    for (KmemCache c : caches) {
      rows.add(c.info());
    }
    return rows;
  }

  /** The text of {@code /proc/slabinfo} (version 2.1) for this allocator's caches. */
  public String slabinfo() {
    StringBuilder sb = new StringBuilder("slabinfo - version: 2.1\n");
    sb.append("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
        + " : tunables <limit> <batchcount> <sharedfactor>"
        + " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
    List<SlabInfo> rows = slabInfo();
    rows.sort(Comparator.comparing(SlabInfo::name));
    for (SlabInfo r : rows) {
      int limit = config.debug() ? 0 : config.magazineSize();
      sb.append(r.toProcLine(limit, limit / 2)).append('\n');
    }
    return sb.toString();
  }

  /** Whether {@code addr} lies in one of this allocator's chunks (no memory is read). */
  public boolean owns(long addr) {
    return chunkOf(addr) != null;
  }

  /** The cache whose slab holds {@code addr}, or null (no memory is read). */
  public KmemCache cacheOf(long addr) {
    Chunk c = chunkOf(addr);
    Slab s = c == null ? null : c.ownerOf(addr);
    if (s == null) {
      return null;
    }
    for (KmemCache k : caches) {
      if (k.pool == s.pool) {
        return k;
      }
    }
    return null;
  }

  /** Bytes of native chunks taken so far. */
  public long reservedBytes() {
    return chunks.length * CHUNK_BYTES;
  }

  /**
   * Returns what is idle: the magazines of the calling thread and of threads that ended,
   * depot magazines unused since the previous reap (Bonwick's working set: a burst of frees
   * is returned by the second reap after it), and empty slabs beyond the kept ones that were
   * empty for the configured delay. The background reaper calls it periodically.
   */
  public void reap() {
    for (KmemCache c : caches) {
      c.reap();
    }
  }

  /** Every cache's {@link KmemCache#shrink()}. */
  public void shrink() {
    for (KmemCache c : caches) {
      c.shrink();
    }
  }

  /** The last errors caught (at most 100), oldest first. */
  public List<SlabError> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** How many errors were caught since the allocator was made. */
  public long errorCount() {
    synchronized (errors) {
      return errorCount;
    }
  }

  /** The last error caught, or null. */
  public SlabError lastError() {
    synchronized (errors) {
      return errors.peekLast();
    }
  }

  /**
   * Calls {@code listener} with each error as it is caught, on the thread that caused it and
   * while the cache's lock is held: the listener must not call the allocator.
   */
  public void onError(Consumer<SlabError> listener) {
    errorListeners.add(listener);
  }

  void report(SlabError e) {
    synchronized (errors) {
      if (errors.size() == MAX_ERRORS) {
        errors.removeFirst();
      }
      errors.addLast(e);
      errorCount++;
    }
    for (Consumer<SlabError> l : errorListeners) {
      l.accept(e);
    }
  }

  void forget(KmemCache c) {
    caches.remove(c);
    kmalloc.values().remove(c);
  }

  /**
   * Frees all native memory. Every address handed out becomes invalid: close a private
   * allocator only when no thread uses its objects any more. The global one cannot be closed.
   */
  @Override
  public void close() {
    if (this == global()) {
      throw new UnsupportedOperationException("the global slab allocator is never closed");
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (reaper != null) {
      reaper.interrupt();
    }
    // the lock order is a cache's slab lock, then the page lock: kill the caches first,
    // without the page lock
    for (KmemCache c : caches) {
      c.kill();
    }
    if (reaper != null) {
      try {
        reaper.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (pageLock) {
      chunks = new Chunk[0];
      arena.close();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the slab allocator was closed");
    }
  }

  Chunk chunkOf(long addr) {
    Chunk[] cs = chunks;
    int lo = 0;
    int hi = cs.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Chunk c = cs[mid];
      if (addr < c.base) {
        hi = mid - 1;
      } else if (addr - c.base >= CHUNK_BYTES) {
        lo = mid + 1;
      } else {
        return c;
      }
    }
    return null;
  }

  /** A new slab for {@code pool}, its pages taken from a chunk; null when out of memory. */
  Slab newSlab(SlabPool pool, int colour) {
    int pages = pool.layout.pages();
    synchronized (pageLock) {
      checkOpen();
      for (Chunk c : chunks) {
        int p = c.take(pages);
        if (p >= 0) {
          return own(pool, c, p, colour);
        }
      }
      if (reservedBytes() + CHUNK_BYTES > config.memoryLimit()) {
        return null;
      }
      MemorySegment seg;
      try {
        seg = arena.allocate(CHUNK_BYTES, PAGE_SIZE);
      } catch (OutOfMemoryError e) {
        return null;
      }
      Chunk c = new Chunk(seg.address());
      Chunk[] next = Arrays.copyOf(chunks, chunks.length + 1);
      next[next.length - 1] = c;
      Arrays.sort(next, Comparator.comparingLong(k -> k.base));
      chunks = next;
      return own(pool, c, c.take(pages), colour);
    }
  }

  private static Slab own(SlabPool pool, Chunk c, int page, int colour) {
    Slab s = new Slab(pool, c, page, colour);
    c.own(page, pool.layout.pages(), s);
    return s;
  }

  void freeSlab(Slab s) {
    synchronized (pageLock) {
      if (!closed) {
        s.chunk.release(s.firstPage, s.pool.layout.pages());
      }
    }
  }

  /** Pages free in the chunks taken so far. */
  public long freePages() {
    synchronized (pageLock) {
      long n = 0;
      for (Chunk c : chunks) {
        n += c.freePages;
      }
      return n;
    }
  }
}
