package io.bpf4j.slab;

import java.lang.foreign.MemorySegment;

/**
 * The constructor of a cache's objects (the {@code ctor} of the kernel's {@code
 * kmem_cache_create}): called once for each object when its slab is created, so that objects
 * are handed out already initialised. As in Bonwick's design, a caller frees an object back
 * in its constructed state. In debug mode, where freed objects are overwritten with poison,
 * the constructor runs again when a poisoned object is handed out.
 */
@FunctionalInterface
public interface Constructor {
  /** Initialises one object; {@code object} spans exactly the cache's object size. */
  void construct(MemorySegment object);
}
