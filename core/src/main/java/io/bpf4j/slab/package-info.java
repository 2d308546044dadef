/**
 * A {@code kmem_cache}-style slab allocator over native memory, which owns every map element
 * of bpf4j (DESIGN.md, memory model).
 *
 * <p>{@link io.bpf4j.slab.SlabAllocator} takes 1 MiB native chunks from one arena and
 * carves them into slabs; each {@link io.bpf4j.slab.KmemCache} serves objects of one size
 * as native addresses, through per-thread magazines and a depot on its fast path:
 *
 * {@snippet :
 * KmemCache cache = SlabAllocator.global().createCache("elem_64", 64, 8, null);
 * long p = cache.alloc();      // 0 when the memory limit is reached
 * cache.free(p);               // from any thread
 * SlabInfo row = cache.info(); // a /proc/slabinfo row
 * }
 *
 * <p>Debug mode ({@link io.bpf4j.slab.SlabConfig#debugging()}) catches misuse and reports
 * {@link io.bpf4j.slab.SlabError}s with an explanation; {@link io.bpf4j.slab.KmemTrace}
 * fires the {@code kmem:kmem_cache_alloc} and {@code kmem:kmem_cache_free} tracepoints;
 * {@link io.bpf4j.slab.SlabTop} renders a slabtop-style view. The user guide is {@code
 * docs/slab.md}.
 */
package io.bpf4j.slab;
