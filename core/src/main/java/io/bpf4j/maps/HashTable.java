package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code BPF_MAP_TYPE_HASH}, {@code _PERCPU_HASH}, {@code _LRU_HASH} and
 * {@code _LRU_PERCPU_HASH}: chained buckets (a power of two at least max_entries), readers
 * lock-free, writers under striped bucket spin locks ({@link StripeLocks}; LRU maps: one
 * map-wide lock, which also guards the LRU list). Writers publish a link with a release
 * store, as the kernel's rcu_assign_pointer; readers follow links with volatile (acquire)
 * loads.
 *
 * <p>An element is one native block: the key (padded to 8) then the value (per-CPU: one
 * 8-byte-aligned value per CPU slot). As in the kernel, an update of an existing key
 * replaces the element and per-CPU values are updated in place. Where the old block goes
 * follows the kernel too: a preallocated map (no {@code BPF_F_NO_PREALLOC}; LRU maps always)
 * reuses it at once through its {@link ElementPool}, so a program still holding it may see
 * it overwritten; with {@code BPF_F_NO_PREALLOC} it is retired through {@link Rcu}, and a
 * reader sees the old or the new value, never a torn one. System property
 * {@code bpf4j.maps.deferFrees=true} (read when a map is created) gives every hash map the
 * deferred behaviour (LRU maps excepted).
 *
 * <p>LRU: lookups set a reference bit; an insert into a full map evicts with the second
 * chance (clock) rule from the least recently inserted end, so the size bound always holds.
 */
final class HashTable extends BaseMap {
  final boolean percpu;
  final boolean lru;
  final int keySize;
  final int valOff;
  final int stride;
  final int cpus;
  final int max;
  /** Offset of the value's {@code bpf_spin_lock}, or -1. */
  private final int lockOff;
  final ElementMemory memory;
  final AtomicReferenceArray<Node> buckets;
  final int mask;
  private final StripeLocks locks;
  final AtomicInteger count = new AtomicInteger();
  private final LruList lruList;
  /** The preallocated map's own elements, or null: freed blocks go through {@link Rcu}. */
  private final ElementPool pool;

  /** A chain link; {@code next} changes only under the bucket's lock. */
  static final class Node {
    final long elem;
    final int hash;
    volatile Node next;
    volatile boolean ref;
    Node lruPrev;
    Node lruNext;
    boolean removed;

    Node(long elem, int hash) {
      this.elem = elem;
      this.hash = hash;
    }
  }

  HashTable(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() == 0 || spec.valueSize() == 0 || spec.maxEntries() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': hash needs key_size, value_size and max_entries > 0");
    }
    MapType t = spec.type();
    percpu = t == MapType.PERCPU_HASH || t == MapType.LRU_PERCPU_HASH;
    lru = t == MapType.LRU_HASH || t == MapType.LRU_PERCPU_HASH;
    keySize = spec.keySize();
    valOff = Keys.round8(keySize);
    stride = Keys.round8(spec.valueSize());
    cpus = percpu ? CpuSlots.count() : 1;
    max = spec.maxEntries();
    lockOff = spec.spinLockOffset();
    memory = ElementMemory.of("htab_" + spec.name(), valOff + stride * cpus);
    int n = Integer.highestOneBit(Math.max(1, max - 1)) << 1;
    n = Math.max(1, Math.min(n, 1 << 26));
    buckets = new AtomicReferenceArray<>(n);
    mask = n - 1;
    locks = new StripeLocks(lru ? 1 : Math.min(n, 256));
    lruList = lru ? new LruList(this) : null;
    boolean noPrealloc = (spec.flags() & BpfMapSpec.BPF_F_NO_PREALLOC) != 0;
    if (lru && noPrealloc) {
      throw new IllegalArgumentException("map '" + spec.name() + "': " + t
          + " is always preallocated: BPF_F_NO_PREALLOC is not supported (ENOTSUPP in the"
          + " kernel)");
    }
    pool = noPrealloc || (!lru && Boolean.getBoolean("bpf4j.maps.deferFrees"))
        ? null : new ElementPool(memory, locks.count());
  }

  /** Elements this map took from the slab and holds (preallocated maps), or -1. */
  int pooledElements() {
    return pool == null ? -1 : pool.allocated();
  }

  /** The most elements a preallocated map holds: max_entries plus one spare per stripe. */
  int elementBound() {
    return max + locks.count();
  }

  private static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(Node.class, "next", Node.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Under the bucket's lock: makes {@code n.next} point to {@code to}, a release store (as
   * rcu_assign_pointer): a reader that sees the link sees the element written before it.
   */
  private static void publishNext(Node n, Node to) {
    NEXT.setRelease(n, to);
  }

  Node find(long key, int hash) {
    for (Node n = buckets.get(hash & mask); n != null; n = n.next) {
      if (n.hash == hash && Keys.equal(n.elem, key, keySize)) {
        return n;
      }
    }
    return null;
  }

  private long valueAddr(Node n) {
    return n.elem + valOff + (percpu ? (long) CpuSlots.current() * stride : 0);
  }

  @Override
  long lookupElem(long key) {
    Node n = find(key, Keys.hash(key, keySize));
    if (n == null) {
      return 0;
    }
    if (lru && !n.ref) {
      n.ref = true;
    }
    return valueAddr(n);
  }

  @Override
  long updateElem(long key, long value, long flags) {
    return update(key, value, flags, false);
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    return (int) update(key, value, flags, percpu);
  }

  /** {@link #updateLocked}: no block at hand; allocate one outside the lock and retry. */
  private static final long NEED_BLOCK = Long.MIN_VALUE;

  /**
   * Update; {@code allCpus}: {@code value} holds one 8-aligned value per CPU slot. Nothing
   * that can reach the slab runs under a stripe lock (allocation, {@link Rcu} retirement,
   * whose reclaim frees): the slab fires kmem tracepoints, and a program attached there may
   * update this map on this thread, which would wait for the lock forever.
   */
  private long update(long key, long value, long flags, boolean allCpus) {
    long f = flags & ~BPF_F_LOCK;
    if (f > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    int hash = Keys.hash(key, keySize);
    int b = hash & mask;
    long block = 0; // from the slab, taken before the lock when the map had none at hand
    for (;;) {
      long r;
      locks.lock(b);
      try {
        r = updateLocked(key, value, hash, b, f, allCpus, block);
      } finally {
        locks.unlock(b);
      }
      if (r == NEED_BLOCK) {
        block = pool != null ? pool.allocate() : memory.alloc();
        if (block == 0) {
          return -Errno.ENOMEM;
        }
        continue;
      }
      if (block != 0 && (r < 0 || (r & 1) == 0)) { // not used
        if (pool != null) {
          pool.free(block);
        } else {
          memory.free(block);
        }
      }
      if (r < 0) {
        return r;
      }
      if ((r & ~1L) != 0) {
        Rcu.retire(memory, r & ~1L);
      }
      return 0;
    }
  }

  /**
   * Under bucket {@code b}'s lock: the update, with {@code block} (0: none) as the last
   * resort for a new element. Returns a negative errno, {@link #NEED_BLOCK}, or a success:
   * bit 0 set when {@code block} was used, the other bits the address of a replaced element
   * to retire through {@link Rcu} once the lock is released (0: none).
   */
  private long updateLocked(long key, long value, int hash, int b, long f, boolean allCpus,
      long block) {
    Node old = find(key, hash);
    if (old != null) {
      if (f == BPF_NOEXIST) {
        return -Errno.EEXIST;
      }
      if (lru) {
        old.ref = true;
      }
      if (percpu) { // in place, as the kernel's per-CPU hash does
        copyPercpu(old.elem, value, allCpus);
        return 0;
      }
      long elem = pool != null ? pool.take(locks.stripe(b)) : 0;
      long used = 0;
      if (elem == 0) {
        if (block == 0) {
          return NEED_BLOCK;
        }
        elem = block;
        used = 1;
      }
      Node fresh = fill(elem, hash, key, value, allCpus);
      swap(b, old, fresh);
      freeTimer(old.elem); // the replaced element's timer is freed, as the kernel does
      if (lru) {
        lruList.replace(old, fresh);
      }
      if (pool != null) {
        pool.give(locks.stripe(b), old.elem);
        return used;
      }
      return old.elem | used;
    }
    if (f == BPF_EXIST) {
      return -Errno.ENOENT;
    }
    if (lru) { // one lock for the whole map: the check and the increment cannot race
      if (count.get() >= max) {
        lruList.evictOne(); // its element goes to the pool, taken just below
      }
      count.incrementAndGet();
    } else if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      return -Errno.E2BIG;
    }
    long elem = pool != null ? pool.take(locks.stripe(b)) : 0;
    long used = 0;
    if (elem == 0) {
      if (block == 0) {
        count.decrementAndGet();
        return NEED_BLOCK;
      }
      elem = block;
      used = 1;
    }
    Node fresh = fill(elem, hash, key, value, allCpus);
    NEXT.set(fresh, buckets.get(b)); // not yet visible: a plain store
    buckets.setRelease(b, fresh);
    if (lru) {
      lruList.append(fresh);
    }
    return used;
  }

  /**
   * Under the lock of a deleted or evicted element's bucket: gives it back to the pool of a
   * preallocated map and returns 0, or returns it for {@link Rcu} retirement after the lock.
   */
  long recycle(long elem) {
    freeTimer(elem);
    if (pool != null) {
      pool.free(elem);
      return 0;
    }
    return elem;
  }

  /**
   * Writes key and value into {@code elem} (a new per-CPU element: other slots zeroed). A
   * value's {@code bpf_spin_lock} word is not written, as the kernel's copy_map_value skips
   * it: a block from the slab has it free, a reused one keeps it for whoever may still hold
   * the block through an old pointer.
   */
  private Node fill(long elem, int hash, long key, long value, boolean allCpus) {
    Keys.copy(key, elem, keySize);
    if (!percpu) {
      if (lockOff >= 0) {
        SpinLocks.copySkippingLock(value, elem + valOff, spec.valueSize(), lockOff);
      } else {
        Keys.copy(value, elem + valOff, spec.valueSize());
      }
      hideTimer(elem + valOff); // a new element's timer is not initialised
    } else {
      if (!allCpus && pool != null) {
        Keys.zero(elem + valOff, (long) stride * cpus); // a reused block holds old values
      }
      copyPercpu(elem, value, allCpus);
    }
    return new Node(elem, hash);
  }

  /** Under bucket {@code b}'s lock: {@code fresh} takes {@code old}'s place in the chain. */
  private void swap(int b, Node old, Node fresh) {
    NEXT.set(fresh, old.next); // not yet visible: a plain store
    Node head = buckets.get(b);
    if (head == old) {
      buckets.setRelease(b, fresh);
    } else {
      Node prev = head;
      while (prev.next != old) {
        prev = prev.next;
      }
      publishNext(prev, fresh);
    }
    old.removed = true;
  }

  private void copyPercpu(long elem, long value, boolean allCpus) {
    if (allCpus) {
      for (int c = 0; c < cpus; c++) {
        Keys.copy(value + (long) c * stride, elem + valOff + (long) c * stride, stride);
      }
    } else {
      Keys.copy(value, elem + valOff + (long) CpuSlots.current() * stride, spec.valueSize());
    }
  }

  /** Frees the timer of the element at {@code elem} (deleted, replaced or evicted). */
  private void freeTimer(long elem) {
    if (timerOff >= 0 && !percpu) {
      Timers.free(elem + valOff + timerOff);
    }
  }

  @Override
  long keyOfValue(long value, long keyBuf) {
    if (percpu) {
      return 0;
    }
    long elem = value - valOff;
    Rcu.enter();
    try {
      return lookupElem(elem) == value ? elem : 0;
    } finally {
      Rcu.exit();
    }
  }

  @Override
  long deleteElem(long key) {
    int hash = Keys.hash(key, keySize);
    int b = hash & mask;
    long retire;
    locks.lock(b);
    try {
      Node n = unlink(key, hash);
      if (n == null) {
        return -Errno.ENOENT;
      }
      if (lru) {
        lruList.remove(n);
      }
      retire = recycle(n.elem);
    } finally {
      locks.unlock(b);
    }
    if (retire != 0) {
      Rcu.retire(memory, retire); // outside the lock: a reclaim frees to the slab
    }
    return 0;
  }

  /** Under the bucket's lock: unlinks the element with {@code key} and returns it, or null. */
  Node unlink(long key, int hash) {
    int b = hash & mask;
    Node prev = null;
    for (Node n = buckets.get(b); n != null; prev = n, n = n.next) {
      if (n.hash == hash && Keys.equal(n.elem, key, keySize)) {
        if (prev == null) {
          buckets.setRelease(b, n.next);
        } else {
          publishNext(prev, n.next);
        }
        n.removed = true;
        count.decrementAndGet();
        return n;
      }
    }
    return null;
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    if ((flags & ~BPF_F_LOCK) != 0) {
      return -Errno.EINVAL;
    }
    Rcu.enter();
    try {
      Node n = find(key, Keys.hash(key, keySize));
      if (n == null) {
        return -Errno.ENOENT;
      }
      copyOut(n, value);
      return 0;
    } finally {
      Rcu.exit();
    }
  }

  private void copyOut(Node n, long value) {
    if (percpu) {
      for (int c = 0; c < cpus; c++) {
        Keys.copy(n.elem + valOff + (long) c * stride, value + (long) c * stride, stride);
      }
    } else {
      Keys.copy(n.elem + valOff, value, spec.valueSize());
      hideTimer(value);
    }
  }

  @Override
  int sysLookupAndDelete(long key, long value, long flags) {
    if (key == 0 || flags != 0) {
      return -Errno.EINVAL;
    }
    int hash = Keys.hash(key, keySize);
    int b = hash & mask;
    long retire;
    locks.lock(b);
    try {
      Node n = unlink(key, hash);
      if (n == null) {
        return -Errno.ENOENT;
      }
      if (lru) {
        lruList.remove(n);
      }
      copyOut(n, value);
      retire = recycle(n.elem);
    } finally {
      locks.unlock(b);
    }
    if (retire != 0) {
      Rcu.retire(memory, retire);
    }
    return 0;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    Rcu.enter();
    try {
      int b = 0;
      if (key != 0) {
        int hash = Keys.hash(key, keySize);
        Node n = find(key, hash);
        if (n != null) {
          Node after = n.next;
          if (after != null) {
            Keys.copy(after.elem, next, keySize);
            return 0;
          }
          b = (hash & mask) + 1;
        }
      }
      for (; b <= mask; b++) {
        Node first = buckets.get(b);
        if (first != null) {
          Keys.copy(first.elem, next, keySize);
          return 0;
        }
      }
      return -Errno.ENOENT;
    } finally {
      Rcu.exit();
    }
  }

  @Override
  long forEach(ElementVisitor fn) {
    long n = 0;
    for (int b = 0; b <= mask; b++) {
      for (Node e = buckets.get(b); e != null; e = e.next) {
        n++;
        if (fn.visit(e.elem, valueAddr(e)) != 0) {
          return n;
        }
      }
    }
    return n;
  }

  @Override
  public int javaValueSize() {
    return percpu ? stride * cpus : spec.valueSize();
  }

  @Override
  void release() {
    for (int b = 0; b <= mask; b++) {
      Node chain;
      locks.lock(b);
      try {
        chain = buckets.get(b);
        buckets.set(b, null);
      } finally {
        locks.unlock(b);
      }
      for (Node n = chain; n != null; n = n.next) {
        Rcu.retire(memory, n.elem); // outside the lock: a reclaim frees to the slab
      }
    }
    if (pool != null) {
      pool.release();
    }
  }
}
