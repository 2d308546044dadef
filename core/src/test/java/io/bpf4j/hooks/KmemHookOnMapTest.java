package io.bpf4j.hooks;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A kmem tracepoint program that updates the very hash map whose update allocated the
 * element: the map takes memory from the slab with no stripe lock held, so the program's
 * update (same key, same bucket, same thread) does not wait for a lock its own thread holds.
 */
class KmemHookOnMapTest {
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  private static MemorySegment u64(long v) {
    MemorySegment s = MemorySegment.ofArray(new long[1]);
    s.set(U64, 0, v);
    return s;
  }

  @Test
  void aHookUpdatingTheMapThatAllocatesDoesNotDeadlock() throws Exception {
    JvmObject obj = JvmObject.load(ObjectReader.read(KmemHooksTest.fixture()));
    BpfMap allocs = obj.map("allocs"); // hash: bytes_alloc -> allocations, filled by the hook
    try (KmemHooks.Hook hook = KmemHooks.attach(obj.program("count_alloc"))) {
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        allocs.update(u64(1_000_001), u64(7), BpfMap.BPF_ANY); // a new element: the hook runs
        assertTrue(hook.runs() > 0);
        long size = -1;
        for (MemorySegment k : allocs.keys()) {
          long v = k.get(U64, 0);
          if (v != 1_000_001) {
            size = v; // the hook's key: this map's element size
          }
        }
        assertTrue(size > 0, "the hook counted the map's element");
        assertTrue(allocs.delete(u64(size)));
        allocs.update(u64(1_000_002), u64(7), BpfMap.BPF_ANY); // takes the freed element
        // the key of the hook's own update, from this thread, with no element at hand: the
        // allocation runs the hook, which inserts the same key into the same bucket
        allocs.update(u64(size), u64(42), BpfMap.BPF_ANY);
        assertEquals(42, allocs.lookup(u64(size)).orElseThrow().get(U64, 0));
        assertEquals(0, hook.errors(), hook.lastError());
      });
    }
  }
}
