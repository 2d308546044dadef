package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import org.junit.jupiter.api.Test;

/**
 * Retirement in batches ({@link Rcu}): elements a section retires are published when the
 * section ends or the batch is full, so another thread can free them, and a reader in
 * another thread still holds every one of them.
 */
class RcuBatchTest {
  private static final long GRACE_MS = Rcu.GRACE_NANOS / 1_000_000 + 5;

  @Test
  void aSectionsRetirementsArePublishedWhenItEnds() throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("b", MapType.HASH, 4, 8, 4).withFlags(BpfMapSpec.BPF_F_NO_PREALLOC))) {
      Thread.sleep(GRACE_MS);
      Rcu.reclaim();
      int before = Rcu.pending();
      Thread writer = new Thread(() -> {
        Rcu.enter();
        try {
          for (int i = 0; i < 10; i++) {
            MapHelpers.update(m.address(), u32(1).address(), u64(i).address(), 0);
          }
        } finally {
          Rcu.exit();
        }
      });
      writer.start();
      writer.join();
      assertEquals(before + 9, Rcu.pending(), "the writer's 9 replaced elements, published");
      Thread.sleep(GRACE_MS);
      Rcu.reclaim();
      assertEquals(before, Rcu.pending(), "freed by another thread");
    }
  }

  @Test
  void fullBatchesAreHeldWhileAReaderIsInside() throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("b2", MapType.HASH, 4, 8, 4).withFlags(BpfMapSpec.BPF_F_NO_PREALLOC))) {
      Rcu.enter(); // a reader from before every retirement
      try {
        Thread writer = new Thread(() -> {
          Rcu.enter();
          try {
            for (int i = 0; i <= 3 * Rcu.BATCH; i++) {
              MapHelpers.update(m.address(), u32(1).address(), u64(i).address(), 0);
            }
          } finally {
            Rcu.exit();
          }
        });
        writer.start();
        writer.join();
        Thread.sleep(GRACE_MS);
        Rcu.reclaim();
        assertTrue(Rcu.pending() >= 3 * Rcu.BATCH, "held: " + Rcu.pending());
      } finally {
        Rcu.exit();
      }
      Rcu.reclaim();
      assertTrue(Rcu.pending() < 3 * Rcu.BATCH, "freed once the reader left: " + Rcu.pending());
    }
  }
}
