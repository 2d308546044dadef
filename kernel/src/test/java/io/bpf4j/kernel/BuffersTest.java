package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ring buffer and perf buffer consumers, fed by XDP programs run with test_run. */
@RequiresKernel
class BuffersTest {
  static final long VALUE = 0x1122334455667788L;

  static List<Long> longs(List<MemorySegment> recs) {
    return recs.stream().map(s -> s.get(ValueLayout.JAVA_LONG_UNALIGNED, 0)).toList();
  }

  @Test
  void ringBufferRecordsReachTheCallbackAndEpollWakesUs() throws Exception {
    try (KernelMap rb = KernelMap.create(MapOptions.of(MapType.RINGBUF, 0, 0, 4096).withName("events"));
        KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, List.of(
            Insn.of(0x18, 1, 0, 0, VALUE), I.stxdw(10, 1, -8),
            KernelProgram.ldMapFd(1, rb), I.movReg(2, 10), I.add(2, -8), I.mov(3, 8), I.mov(4, 0),
            I.call(130), // bpf_ringbuf_output
            I.mov(0, 2), I.exit())).build());
        RingBuffer ring = RingBuffer.open(rb)) {
      p.testRun(TestRun.of(new byte[64]).withRepeat(5));
      List<Long> got = new ArrayList<>();
      assertEquals(5, ring.poll(0, r -> got.add(r.get(ValueLayout.JAVA_LONG_UNALIGNED, 0))));
      assertEquals(List.of(VALUE, VALUE, VALUE, VALUE, VALUE), got);
      assertEquals(0, ring.poll(0, r -> got.add(0L)));
      // a consumer blocked in epoll is woken by the next record
      CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> ring.poll(5000, r -> {}));
      Thread.sleep(50);
      p.testRun(TestRun.of(new byte[64]));
      assertEquals(1, waiting.get(5, TimeUnit.SECONDS));
      // many records wrap around the 4 KiB ring
      int total = 0;
      for (int i = 0; i < 10; i++) {
        p.testRun(TestRun.of(new byte[64]).withRepeat(100));
        total += ring.poll(0, r -> assertEquals(VALUE, r.get(ValueLayout.JAVA_LONG_UNALIGNED, 0)));
      }
      assertEquals(1000, total);
    }
  }

  @Test
  void perfBufferSamples() {
    try (KernelMap events = KernelMap.create(MapOptions.of(MapType.PERF_EVENT_ARRAY, 4, 4, KernelMap.possibleCpus()));
        KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, List.of(
            Insn.of(0x18, 2, 0, 0, VALUE), I.stxdw(10, 2, -8),
            KernelProgram.ldMapFd(2, events), Insn.of(0x18, 3, 0, 0, 0xffffffffL), // BPF_F_CURRENT_CPU
            I.movReg(4, 10), I.add(4, -8), I.mov(5, 8),
            I.call(25), // bpf_perf_event_output(ctx, map, flags, data, size)
            I.mov(0, 2), I.exit())).build());
        PerfBuffer perf = PerfBuffer.open(events, 2)) {
      p.testRun(TestRun.of(new byte[64]).withRepeat(3));
      List<MemorySegment> got = new ArrayList<>();
      List<Long> lost = new ArrayList<>();
      int n = perf.poll(1000, s -> got.add(MemorySegment.ofArray(s.toArray(ValueLayout.JAVA_BYTE))), lost::add);
      assertEquals(3, n);
      assertTrue(longs(got).stream().allMatch(v -> v == VALUE), got.toString());
      assertEquals(List.of(), lost);
    }
  }
}
