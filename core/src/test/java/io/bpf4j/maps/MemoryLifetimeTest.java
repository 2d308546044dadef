package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import org.junit.jupiter.api.Test;

/**
 * Map memory lives as long as the map: after garbage collections, every byte a program may
 * touch is still there (a regression test: the ring, queue and array memory were once only
 * referenced by address, and the collector freed them under the maps).
 */
class MemoryLifetimeTest {
  @Test
  void memorySurvivesCollections() throws Exception {
    try (BpfMap a = BpfMaps.create(BpfMapSpec.of("a", MapType.ARRAY, 4, 8, 1024));
        BpfMap q = BpfMaps.create(BpfMapSpec.of("q", MapType.QUEUE, 0, 8, 1024));
        BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 1 << 16))) {
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(20);
      }
      for (int i = 0; i < 1024; i++) {
        long p = MapHelpers.lookup(a.address(), u32(i).address());
        Memory.ALL.set(Memory.U64, p, i);
        assertEquals(0, MapHelpers.push(q.address(), u64(i).address(), 0));
      }
      long sum = 0;
      for (int i = 0; i < 1000; i++) {
        long r = MapHelpers.ringbufReserve(rb.address(), 56, 0);
        assertNotEquals(0, r);
        Memory.ALL.asSlice(r, 56).fill((byte) 1);
        MapHelpers.ringbufCommit(r, 0, false);
        sum += new RingBufferConsumer(rb, d -> 0).consume();
      }
      assertEquals(1000, sum);
    }
  }
}
