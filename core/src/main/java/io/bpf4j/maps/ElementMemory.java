package io.bpf4j.maps;

/**
 * Where a map's fixed-size elements live: native memory handed out as addresses, 8-byte
 * aligned, zeroed on allocation. One instance per element size. The slab allocator's
 * caches implement it once they are on main; {@link ArenaElementMemory} until then.
 */
interface ElementMemory {
  /** A zeroed element, or 0 when memory is exhausted. */
  long alloc();

  /** Returns an element from {@link #alloc()}. */
  void free(long addr);

  /** The element size in bytes. */
  int size();

  /** The memory for elements of {@code size} bytes. */
  static ElementMemory of(String name, int size) {
    return new ArenaElementMemory(size);
  }
}
