package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufTest {
  @Test
  void reserveSubmitDiscardInOrder() {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096))) {
      long a = MapHelpers.ringbufReserve(rb.address(), 8, 0);
      long b = MapHelpers.ringbufReserve(rb.address(), 8, 0);
      long c = MapHelpers.ringbufReserve(rb.address(), 8, 0);
      Memory.ALL.set(Memory.U64, a, 1);
      Memory.ALL.set(Memory.U64, b, 2);
      Memory.ALL.set(Memory.U64, c, 3);
      List<Long> got = new ArrayList<>();
      RingBufferConsumer cons = new RingBufferConsumer(rb, d -> {
        got.add(d.get(Memory.U64, 0));
        return 0;
      });
      MapHelpers.ringbufCommit(b, 0, false);
      assertEquals(0, cons.consume(), "a is still busy, so nothing is visible");
      MapHelpers.ringbufCommit(a, 0, false);
      MapHelpers.ringbufCommit(c, 0, true);
      assertEquals(2, cons.consume());
      assertEquals(List.of(1L, 2L), got);
      assertEquals(0, MapHelpers.ringbufQuery(rb.address(), 0));
      assertEquals(4096, MapHelpers.ringbufQuery(rb.address(), 1));
      assertEquals(0, MapHelpers.ringbufReserve(rb.address(), 8, 1), "flags must be 0");
    }
  }

  @Test
  void fullRingRefusesAndWrapsAround() {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096))) {
      MemorySegmentHolder h = new MemorySegmentHolder();
      RingBufferConsumer cons = new RingBufferConsumer(rb, d -> {
        h.total += d.get(Memory.U32, 0);
        h.n++;
        return 0;
      });
      long src = u32(1).address();
      int ok = 0;
      while (MapHelpers.ringbufOutput(rb.address(), src, 1000, 0) == 0) {
        ok++;
      }
      assertEquals(4, ok, "4 records of 1008 bytes fit in 4096");
      assertEquals(-Errno.EAGAIN, MapHelpers.ringbufOutput(rb.address(), src, 1000, 0));
      assertEquals(4, cons.consume());
      for (int i = 0; i < 50; i++) {
        assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src, 1000, 0), "round " + i);
        assertEquals(1, cons.poll(Duration.ofMillis(100)));
      }
      assertEquals(54, h.n);
      assertEquals(54, h.total);
    }
  }

  @Test
  void aRecordCrossingTheEndStaysWholeAndPositionsAreTheKernels() {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096))) {
      List<byte[]> got = new ArrayList<>();
      RingBufferConsumer cons = new RingBufferConsumer(rb, d -> {
        got.add(d.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        return 0;
      });
      MemorySegment src = zeros(2064);
      for (int i = 0; i < 2064; i++) {
        src.set(Memory.U8, i, (byte) (i * 31));
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src.address(), 1000, 0));
      }
      assertEquals(3, cons.consume());
      // at 3024, 2008 bytes: crosses the end at 4096, with no padding record before it
      assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src.address(), 2000, 0));
      assertEquals(3024 + 2008, MapHelpers.ringbufQuery(rb.address(), 3));
      assertEquals(1, cons.consume());
      assertArrayEquals(src.asSlice(0, 2000).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), got.get(3));
      // the producer may not get a whole ring ahead: 4096 - 8 is the most
      assertEquals(-Errno.EAGAIN, MapHelpers.ringbufOutput(rb.address(), src.address(), 4088, 0));
      assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src.address(), 0, 0), "an empty record");
      assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src.address(), 2000, 0));
      assertEquals(0, MapHelpers.ringbufOutput(rb.address(), src.address(), 2064, 0));
      assertEquals(8 + 2008 + 2072, MapHelpers.ringbufQuery(rb.address(), 0));
      assertEquals(-Errno.EAGAIN, MapHelpers.ringbufOutput(rb.address(), src.address(), 0, 0));
      assertEquals(3, cons.consume());
      assertEquals(0, got.get(4).length);
    }
  }

  private static final class MemorySegmentHolder {
    long total;
    int n;
  }

  @Test
  void pollWaitsForTheCommitOfARecordStillBeingWritten() throws Exception {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 8192))) {
      RingBufferConsumer cons = new RingBufferConsumer(rb, d -> 0);
      long rec = MapHelpers.ringbufReserve(rb.address(), 8, 0); // reserved, not committed
      assertTrue(rec != 0);
      assertTrue(cons.available() > 0, "the reservation counts as produced");
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
        MapHelpers.ringbufCommit(rec, 0, false);
      });
      t.start();
      assertEquals(1, cons.poll(Duration.ofSeconds(5)), "poll returns after the commit");
      t.join();
    }
  }

  @Test
  void consumerWakesOnSubmitFromAnotherThread() throws Exception {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 8192))) {
      RingBufferConsumer cons = new RingBufferConsumer(rb, d -> 0);
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
        MapHelpers.ringbufOutput(rb.address(), u64(5).address(), 8, 0);
      });
      t.start();
      assertEquals(1, cons.poll(Duration.ofSeconds(5)));
      t.join();
    }
  }
}
