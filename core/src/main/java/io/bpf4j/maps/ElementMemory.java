package io.bpf4j.maps;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.SlabAllocator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a map's fixed-size elements live: objects of the slab allocator (DESIGN.md, memory
 * model), one {@code kmem_cache} per element size shared by every map with that size, named
 * {@code bpf_map_elem-<size>} in slabinfo. Addresses are 8-byte aligned and zeroed on
 * allocation.
 */
final class ElementMemory {
  private static final ConcurrentHashMap<Integer, ElementMemory> BY_SIZE =
      new ConcurrentHashMap<>();

  private final KmemCache cache;
  private final int size;

  private ElementMemory(int size) {
    this.size = size;
    this.cache = SlabAllocator.global().createCache("bpf_map_elem-" + size, size, 8, null);
  }

  /** The memory for elements of {@code size} bytes ({@code name}: the map, for messages). */
  static ElementMemory of(String name, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("map '" + name + "': element size " + size);
    }
    return BY_SIZE.computeIfAbsent((size + 7) & ~7, ElementMemory::new);
  }

  /** A zeroed element, or 0 when memory is exhausted. */
  long alloc() {
    return cache.allocZeroed();
  }

  /** Returns an element from {@link #alloc()}. */
  void free(long addr) {
    cache.free(addr);
  }

  /** The element size in bytes. */
  int size() {
    return size;
  }
}
