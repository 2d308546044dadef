/**
 * Hooks of the JVM backend: tracefs tracepoint formats ({@link io.bpf4j.hooks.TracepointFormat}),
 * tracepoint records laid out as the kernel lays them out ({@link
 * io.bpf4j.hooks.TracepointRecord}) and JVM-backend tracepoint programs attached to the slab
 * allocator's {@code kmem} tracepoints ({@link io.bpf4j.hooks.KmemHooks}).
 */
package io.bpf4j.hooks;
