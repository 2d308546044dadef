package io.bpf4j.slab;

/**
 * Receives the events of a kmem tracepoint, on the thread that allocated or freed, while the
 * allocator waits: keep it short. An exception it throws is counted and dropped, as a
 * tracepoint program cannot fail an allocation.
 */
@FunctionalInterface
public interface KmemListener {
  /** One event. */
  void onEvent(KmemEvent event);
}
