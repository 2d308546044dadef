package io.bpf4j.maps;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The elements of a preallocated hash map (the kernel's {@code BPF_MAP_TYPE_HASH} without
 * {@code BPF_F_NO_PREALLOC}, and every LRU hash): they belong to the map for its whole life.
 * An element that an update replaced or a delete removed is reused by the next update at
 * once, without a grace period, as the kernel's per-CPU extra elements and free list do; so
 * a program that still holds a pointer to it may see it overwritten (documented kernel
 * behaviour). Memory stays safe because no element goes back to the slab before the map is
 * closed.
 *
 * <p>Elements come from the slab lazily, only when no freed one is at hand (taken outside the
 * stripe lock, so two threads that find the pool empty at once may both take one: the bound
 * below grows by at most one per concurrently updating thread). Each lock stripe
 * of the map has one spare element (the kernel keeps one per CPU), used and refilled under
 * the stripe's lock: a replacement takes the spare and leaves the old element as the new
 * spare, so in steady state the same two cache-hot blocks alternate and no other lock is
 * taken. Deleted and evicted elements (and replaced ones when the spare is taken) go to a
 * shared LIFO free list, where an insert into any stripe finds them. Bound: live
 * elements (at most max_entries, checked by the map) plus one spare per stripe.
 */
final class ElementPool {
  private final ElementMemory memory;
  /** One spare per stripe; a slot is read and written only under that stripe's lock. */
  private final long[] spare;
  /** Freed elements, most recently freed on top; guarded by {@code this}. */
  private long[] free = new long[16];

  private int top;
  private final AtomicInteger allocated = new AtomicInteger();

  ElementPool(ElementMemory memory, int stripes) {
    this.memory = memory;
    this.spare = new long[stripes];
  }

  /**
   * Under stripe {@code s}'s lock: a freed element (contents undefined), or 0 when none is at
   * hand: the caller then takes one with {@link #allocate()} outside the lock and retries.
   */
  long take(int s) {
    long e = spare[s];
    if (e != 0) {
      spare[s] = 0;
      return e;
    }
    synchronized (this) {
      return top > 0 ? free[--top] : 0;
    }
  }

  /**
   * A new element from the slab (zeroed), or 0 when memory is exhausted; it belongs to the
   * map from now on. Called with no stripe lock held: the slab fires kmem tracepoints, whose
   * programs may update this map on this thread.
   */
  long allocate() {
    long e = memory.alloc();
    if (e != 0) {
      allocated.incrementAndGet();
    }
    return e;
  }

  /**
   * Under stripe {@code s}'s lock: gives back {@code e}, which an update just replaced, for
   * immediate reuse (as the stripe's spare when it has none).
   */
  void give(int s, long e) {
    if (spare[s] == 0) {
      spare[s] = e;
      return;
    }
    free(e);
  }

  /** Gives back a deleted or evicted {@code e} to the shared list, where any stripe finds it. */
  void free(long e) {
    synchronized (this) {
      if (top == free.length) {
        free = Arrays.copyOf(free, top * 2);
      }
      free[top++] = e;
    }
  }

  /** How many elements this map took from the slab (live, spare and free ones). */
  int allocated() {
    return allocated.get();
  }

  /**
   * When the map is closed (every stripe lock taken by the caller or no writer left): hands
   * the unlinked elements to {@link Rcu}, which frees them once no reader can see them.
   */
  synchronized void release() {
    for (int s = 0; s < spare.length; s++) {
      if (spare[s] != 0) {
        Rcu.retire(memory, spare[s]);
        spare[s] = 0;
      }
    }
    while (top > 0) {
      Rcu.retire(memory, free[--top]);
    }
  }
}
