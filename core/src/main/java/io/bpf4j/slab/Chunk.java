package io.bpf4j.slab;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One large native block the allocator carves slabs from: {@link SlabAllocator#CHUNK_PAGES}
 * pages, each either free or owned by one slab. The page bitmap is guarded by the
 * allocator's page lock; the owner table is read without it.
 */
final class Chunk {
  final long base;
  private final AtomicReferenceArray<Slab> owner =
      new AtomicReferenceArray<>(SlabAllocator.CHUNK_PAGES);
  private final long[] used = new long[SlabAllocator.CHUNK_PAGES / 64];
  int freePages = SlabAllocator.CHUNK_PAGES;

  Chunk(long base) {
    this.base = base;
  }

  boolean contains(long addr) {
    return addr - base >= 0 && addr - base < SlabAllocator.CHUNK_BYTES;
  }

  /** The slab owning the page of {@code addr} (which this chunk contains), or null. */
  Slab ownerOf(long addr) {
    return owner.get((int) ((addr - base) >>> SlabAllocator.PAGE_SHIFT));
  }

  /** Takes a run of {@code pages} free pages aligned to its size; -1 when there is none. */
  int take(int pages) {
    if (freePages < pages) {
      return -1;
    }
    for (int p = 0; p + pages <= SlabAllocator.CHUNK_PAGES; p += pages) {
      if (runFree(p, pages)) {
        for (int i = p; i < p + pages; i++) {
          used[i >>> 6] |= 1L << i;
        }
        freePages -= pages;
        return p;
      }
    }
    return -1;
  }

  private boolean runFree(int p, int pages) {
    for (int i = p; i < p + pages; i++) {
      if ((used[i >>> 6] & (1L << i)) != 0) {
        return false;
      }
    }
    return true;
  }

  void own(int page, int pages, Slab slab) {
    for (int i = page; i < page + pages; i++) {
      owner.set(i, slab);
    }
  }

  void release(int page, int pages) {
    for (int i = page; i < page + pages; i++) {
      owner.set(i, null);
      used[i >>> 6] &= ~(1L << i);
    }
    freePages += pages;
  }
}
