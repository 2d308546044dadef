package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code BPF_PROG_TYPE_PERF_EVENT} program on software timers, as bpftrace's
 * {@code profile:hz:N} (every CPU, N times a second) and {@code interval:ms:N} (one CPU,
 * every N ms): {@code PERF_TYPE_SOFTWARE}/{@code PERF_COUNT_SW_CPU_CLOCK} perf events, one
 * BPF link each.
 */
public final class PerfEvent {
  private PerfEvent() {}

  /** {@code PERF_COUNT_SW_CPU_CLOCK}. */
  static final int SW_CPU_CLOCK = 0;

  /** Runs {@code prog} {@code hz} times a second on every CPU. */
  public static Link profile(KernelProgram prog, int hz) {
    return profile(Bpf.system(), prog, hz);
  }

  /** Same, through {@code bpf}. */
  public static Link profile(Bpf bpf, KernelProgram prog, int hz) {
    if (hz <= 0) {
      throw new IllegalArgumentException("frequency " + hz + " (must be > 0)");
    }
    List<Fd> all = new ArrayList<>();
    try {
      int cpus = Runtime.getRuntime().availableProcessors();
      for (int cpu = 0; cpu < Math.max(cpus, KernelMap.possibleCpus()); cpu++) {
        Fd pe;
        try {
          pe = PerfEvents.open(bpf.sys(), PerfEvents.TYPE_SOFTWARE, SW_CPU_CLOCK, hz, 0,
              1 | PerfEvents.FREQ, 0, 0, -1, cpu, "cpu-clock profile on cpu " + cpu);
        } catch (RuntimeException offline) {
          if (cpu < cpus) {
            throw offline;
          }
          continue; // a possible but offline CPU
        }
        all.addAll(PerfEvents.attach(bpf, prog, pe));
      }
      return new FdLink(all, "profile:hz:" + hz, null);
    } catch (RuntimeException e) {
      FdLink.closeAll(all);
      throw e;
    }
  }

  /** Runs {@code prog} every {@code millis} milliseconds (on CPU 0). */
  public static Link interval(KernelProgram prog, int millis) {
    return interval(Bpf.system(), prog, millis);
  }

  /** Same, through {@code bpf}. */
  public static Link interval(Bpf bpf, KernelProgram prog, int millis) {
    if (millis <= 0) {
      throw new IllegalArgumentException("interval " + millis + " ms (must be > 0)");
    }
    Fd pe = PerfEvents.open(bpf.sys(), PerfEvents.TYPE_SOFTWARE, SW_CPU_CLOCK, millis * 1_000_000L,
        0, 1, 0, 0, -1, 0, "cpu-clock interval");
    return new FdLink(PerfEvents.attach(bpf, prog, pe), "interval:ms:" + millis, null);
  }
}
