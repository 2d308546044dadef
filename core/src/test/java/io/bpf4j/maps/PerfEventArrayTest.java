package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfEventArrayTest {
  @Test
  void samplesReachTheReaderAndOverflowIsCountedAsLost() {
    try (BpfMap pe = BpfMaps.create(BpfMapSpec.of("pe", MapType.PERF_EVENT_ARRAY, 4, 4, 0))) {
      assertEquals(CpuSlots.count(), pe.maxEntries());
      long src = u64(42).address();
      assertEquals(-Errno.ENOENT, MapHelpers.perfEventOutput(pe.address(), 0xffffffffL, src, 8));
      List<String> got = new ArrayList<>();
      long[] lost = new long[1];
      try (PerfBufferReader r = new PerfBufferReader(pe, 64,
          (cpu, d) -> got.add(cpu + ":" + d.get(Memory.U64, 0)), (cpu, n) -> lost[0] += n)) {
        assertEquals(0, MapHelpers.perfEventOutput(pe.address(), 0xffffffffL, src, 8));
        assertEquals(0, MapHelpers.perfEventOutput(pe.address(), 0, src, 8));
        assertEquals(-Errno.E2BIG, MapHelpers.perfEventOutput(pe.address(), 999, src, 8));
        assertEquals(-Errno.EINVAL, MapHelpers.perfEventOutput(pe.address(), 1L << 60, src, 8));
        assertEquals(2, r.poll(Duration.ofMillis(100)));
        assertTrue(got.contains(CpuSlots.current() + ":42"), got.toString());
        for (int i = 0; i < 10; i++) {
          MapHelpers.perfEventOutput(pe.address(), 0, src, 8);
        }
        r.consume();
        assertEquals(8, lost[0], "64 bytes hold 2 samples of 8 (header) + 4 (size) + 12 (padded)");
      }
    }
  }
}
