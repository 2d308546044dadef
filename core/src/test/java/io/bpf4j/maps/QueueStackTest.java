package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class QueueStackTest {
  @Test
  void queueIsFifoAndOverwritesOldestWithExist() {
    try (BpfMap q = BpfMaps.create(BpfMapSpec.of("q", MapType.QUEUE, 0, 4, 3))) {
      for (int i = 1; i <= 3; i++) {
        q.push(u32(i), 0);
      }
      assertEquals(Errno.E2BIG, errno(() -> q.push(u32(4), 0)));
      q.push(u32(4), BpfMap.BPF_EXIST);
      MemorySegment v = zeros(4);
      assertTrue(q.peek(v));
      assertEquals(2, getU32(v));
      for (int want = 2; want <= 4; want++) {
        assertTrue(q.pop(v));
        assertEquals(want, getU32(v));
      }
      assertFalse(q.pop(v));
      assertEquals(Errno.EINVAL, errno(() -> q.push(u32(1), BpfMap.BPF_NOEXIST)));
    }
  }

  @Test
  void stackIsLifo() {
    try (BpfMap s = BpfMaps.create(BpfMapSpec.of("s", MapType.STACK, 0, 4, 3))) {
      s.push(u32(1), 0);
      s.push(u32(2), 0);
      MemorySegment v = zeros(4);
      assertEquals(0, MapHelpers.peek(s.address(), v.address()));
      assertEquals(2, getU32(v));
      assertEquals(0, MapHelpers.pop(s.address(), v.address()));
      assertEquals(2, getU32(v));
      assertEquals(0, MapHelpers.pop(s.address(), v.address()));
      assertEquals(1, getU32(v));
      assertEquals(-Errno.ENOENT, MapHelpers.pop(s.address(), v.address()));
      assertEquals(0, MapHelpers.push(s.address(), u32(9).address(), 0));
      assertEquals(Errno.EINVAL, errno(() -> s.nextKey(null, zeros(0))));
    }
  }
}
