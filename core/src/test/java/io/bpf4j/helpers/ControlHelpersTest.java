package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.ProgArray;
import io.bpf4j.maps.RingBufferConsumer;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Engine;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControlHelpersTest {
  final HelperTable t = StandardHelpers.table();

  /** A run state whose subprograms are Java lambdas, as an engine would provide. */
  static final class Calls extends RunState implements Subprograms {
    final List<Callback> subs = new ArrayList<>();

    @Override
    public Callback callback(long fn) {
      if (fn < 0 || fn >= subs.size()) {
        throw new ExecutionException(-1, "no subprogram " + fn);
      }
      return subs.get((int) fn);
    }
  }

  @Test
  void tailCallRunsTheTargetAndEndsTheCaller() {
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("jmp", MapType.PROG_ARRAY, 4, 4, 2))) {
      MemorySegment ctx = mem(8);
      ProgArray.set(pa, 1, (c, len) -> c == ctx.address() ? 42 : -1);
      RunState s = state(ctx);
      assertEquals(-2, call(t, s, HelperId.TAIL_CALL, ctx.address(), pa.address(), 0));
      assertFalse(s.stopped(), "a failed tail call lets the caller go on");
      call(t, s, HelperId.TAIL_CALL, ctx.address(), pa.address(), 1);
      assertTrue(s.stopped());
      assertEquals(42, s.stopValue());
      assertEquals(1, s.tailCalls);
    }
  }

  @Test
  void tailCallChainStopsAt33() {
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("self", MapType.PROG_ARRAY, 4, 4, 1))) {
      AtomicInteger runs = new AtomicInteger();
      Engine self = new Engine() {
        @Override
        public long run(long ctx, long len) {
          runs.incrementAndGet();
          RunState s = new RunState();
          s.reset(ctx, len);
          long r = t.get(HelperId.TAIL_CALL).call(s, ctx, pa.address(), 0, 0, 0);
          return s.stopped() ? s.stopValue() : 1000 + r;
        }
      };
      ProgArray.set(pa, 0, self);
      assertEquals(1000 - 7, self.run(0, 0), "the 34th tail call fails with E2BIG");
      assertEquals(34, runs.get(), "the first run plus 33 tail calls");
    }
  }

  @Test
  void loopCallsBackUntilOne() {
    Calls s = new Calls();
    s.reset(0, 0);
    List<Long> seen = new ArrayList<>();
    s.subs.add((i, ctx, a, b, c) -> {
      seen.add(i);
      return i == 4 ? 1 : 0;
    });
    assertEquals(5, call(t, s, HelperId.LOOP, 100, 0, 7, 0));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seen);
    assertEquals(3, call(t, s, HelperId.LOOP, 3, 0, 7, 0) - 0 + 0 * seen.size(),
        "runs out of iterations");
    assertEquals(-22, call(t, s, HelperId.LOOP, 3, 0, 7, 1));
    // -E2BIG in 32 bits, zero-extended: what the kernel's inlined bpf_loop returns
    assertEquals(0xfffffff9L, call(t, s, HelperId.LOOP, (1 << 23) + 1, 0, 7, 0));
    assertEquals(0xfffffff9L, call(t, s, HelperId.LOOP, 1L << 32, 0, 7, 0), "64-bit compare");
    assertThrows(ExecutionException.class, () -> call(t, s, HelperId.LOOP, 3, 9, 0, 0));
  }

  @Test
  void forEachMapElemVisitsEveryElement() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 8, 16))) {
      for (int i = 0; i < 10; i++) {
        MemorySegment k = mem(4);
        k.set(Memory.U32, 0, i);
        MemorySegment v = mem(8);
        v.set(Memory.U64, 0, i * 2);
        m.update(k, v, 0);
      }
      Calls s = new Calls();
      s.reset(0, 0);
      long[] sum = new long[1];
      s.subs.add((map, key, value, ctx, x) -> {
        assertEquals(m.address(), map);
        assertEquals(99, ctx);
        sum[0] += Memory.ALL.get(Memory.U64, value) - 2L * Memory.ALL.get(Memory.U32, key);
        Memory.ALL.set(Memory.U64, value, 1);
        return 0;
      });
      assertEquals(10, call(t, s, HelperId.FOR_EACH_MAP_ELEM, m.address(), 0, 99, 0));
      assertEquals(0, sum[0]);
      assertEquals(1, m.lookup(m.keys().get(0)).orElseThrow().get(Memory.U64, 0));
    }
    try (BpfMap a = BpfMaps.create(BpfMapSpec.of("a", MapType.ARRAY, 4, 8, 8))) {
      Calls s = new Calls();
      s.reset(0, 0);
      s.subs.add((map, key, value, ctx, x) -> Memory.ALL.get(Memory.U32, key) == 2 ? 1 : 0);
      assertEquals(3, call(t, s, HelperId.FOR_EACH_MAP_ELEM, a.address(), 0, 0, 0));
    }
  }

  @Test
  void spinLockExcludes() throws Exception {
    MemorySegment val = mem(16);
    RunState s = state(val);
    Thread[] ts = new Thread[4];
    for (int k = 0; k < ts.length; k++) {
      ts[k] = new Thread(() -> {
        for (int i = 0; i < 20000; i++) {
          call(t, s, HelperId.SPIN_LOCK, val.address());
          val.set(Memory.U64, 8, val.get(Memory.U64, 8) + 1);
          call(t, s, HelperId.SPIN_UNLOCK, val.address());
        }
      });
      ts[k].start();
    }
    for (Thread th : ts) {
      th.join();
    }
    assertEquals(80000, val.get(Memory.U64, 8));
  }

  @Test
  void strncmpAsTheKernel() {
    RunState s = state(mem(8));
    MemorySegment a = cstr("abcd");
    MemorySegment b = cstr("abce");
    assertEquals(0, call(t, s, HelperId.STRNCMP, a.address(), 3, b.address()));
    assertEquals(-1, call(t, s, HelperId.STRNCMP, a.address(), 4, b.address()));
    assertEquals(1, call(t, s, HelperId.STRNCMP, b.address(), 5, a.address()));
    assertEquals(0, call(t, s, HelperId.STRNCMP, a.address(), 10, cstr("abcd").address()));
  }

  @Test
  void ringbufHelpers() {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096))) {
      RunState s = state(mem(8));
      List<Long> got = new ArrayList<>();
      RingBufferConsumer c = new RingBufferConsumer(rb, d -> {
        got.add(d.get(Memory.U64, 0));
        return 0;
      });
      MemorySegment v = mem(8);
      v.set(Memory.U64, 0, 11);
      assertEquals(0, call(t, s, HelperId.RINGBUF_OUTPUT, rb.address(), v.address(), 8, 0));
      long r = call(t, s, HelperId.RINGBUF_RESERVE, rb.address(), 8, 0);
      Memory.ALL.set(Memory.U64, r, 12);
      assertEquals(32, call(t, s, HelperId.RINGBUF_QUERY, rb.address(), 0), "reserved counts");
      call(t, s, HelperId.RINGBUF_SUBMIT, r, 0);
      long d = call(t, s, HelperId.RINGBUF_RESERVE, rb.address(), 8, 0);
      call(t, s, HelperId.RINGBUF_DISCARD, d, 0);
      assertEquals(2, c.consume());
      assertEquals(List.of(11L, 12L), got);
      assertEquals(48, call(t, s, HelperId.RINGBUF_QUERY, rb.address(), 2));
    }
  }
}
