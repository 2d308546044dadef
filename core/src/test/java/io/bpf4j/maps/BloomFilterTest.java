package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import org.junit.jupiter.api.Test;

class BloomFilterTest {
  @Test
  void noFalseNegativesAndFewFalsePositives() {
    try (BpfMap b = BpfMaps.create(BpfMapSpec.of("b", MapType.BLOOM_FILTER, 0, 8, 1000))) {
      for (int i = 0; i < 1000; i++) {
        b.push(u64(i * 7919L), 0);
      }
      for (int i = 0; i < 1000; i++) {
        assertTrue(b.peek(u64(i * 7919L)), "added value " + i);
      }
      int fp = 0;
      for (int i = 0; i < 10000; i++) {
        if (b.peek(u64(-1 - i))) {
          fp++;
        }
      }
      assertTrue(fp < 500, "false positive rate " + fp + "/10000");
      assertEquals(Errno.ENOTSUPP, errno(() -> b.pop(zeros(8))));
      assertEquals(Errno.EOPNOTSUPP, errno(() -> b.delete(zeros(0))));
      assertEquals(-Errno.ENOENT, MapHelpers.peek(b.address(), u64(-5).address()) == 0
          ? -Errno.ENOENT : MapHelpers.peek(b.address(), u64(-5).address()));
    }
  }
}
