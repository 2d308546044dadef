package io.bpf4j.kernel.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Counter;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.LinkInfo;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.uapi.ProgType;
import org.junit.jupiter.api.Test;

/** Raw tracepoints, tracepoints and perf-event timers: each runs its program, and stops on close. */
@RequiresKernel
class TracingLinksTest {
  static void getpid(int times) {
    Sys sys = Sys.system();
    for (int i = 0; i < times; i++) {
      sys.syscall(sys.numbers().getpid());
    }
  }

  @Test
  void rawTracepointSeesSyscalls() {
    try (Counter c = new Counter(ProgType.RAW_TRACEPOINT, 0)) {
      try (Link l = RawTracepoint.attach(c.prog, "sys_enter")) {
        getpid(50);
        assertTrue(c.count() >= 50, "count " + c.count());
        LinkInfo info = LinkInfo.of(Bpf.system(), ((FdLink) l).fd());
        assertEquals("raw_tracepoint", info.typeName());
        assertEquals("tp_name sys_enter", info.detail());
        assertEquals(c.prog.info().id(), info.progId());
      }
      long after = c.count();
      getpid(50);
      assertTrue(c.count() - after < 50, "still counting after close");
    }
  }

  @Test
  void tracepointThroughPerfEventAndLink() {
    try (Counter c = new Counter(ProgType.TRACEPOINT, 0)) {
      try (Link l = Tracepoint.attach(c.prog, "syscalls", "sys_enter_getpid")) {
        getpid(20);
        assertTrue(c.count() >= 20, "count " + c.count());
        assertEquals("tracepoint syscalls/sys_enter_getpid", l.describe());
      }
      long after = c.count();
      getpid(20);
      assertTrue(c.count() - after < 20, "still counting after close");
    }
  }

  @Test
  void profileAndIntervalTimers() throws InterruptedException {
    try (Counter c = new Counter(ProgType.PERF_EVENT, 0)) {
      try (Link l = PerfEvent.profile(c.prog, 1000)) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (c.count() < 10 && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        assertTrue(c.count() >= 10, l.describe() + " ran " + c.count() + " times");
      }
      long stopped = c.count();
      Thread.sleep(30);
      assertTrue(c.count() - stopped <= 2 * Runtime.getRuntime().availableProcessors());
    }
    try (Counter c = new Counter(ProgType.PERF_EVENT, 0); Link l = PerfEvent.interval(c.prog, 5)) {
      long end = System.nanoTime() + 2_000_000_000L;
      while (c.count() < 3 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertTrue(c.count() >= 3, l.describe() + " ran " + c.count() + " times");
    }
  }
}
