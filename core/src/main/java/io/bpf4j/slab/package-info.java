/** A kmem_cache-style slab allocator over native memory, which owns every map element. */
package io.bpf4j.slab;
