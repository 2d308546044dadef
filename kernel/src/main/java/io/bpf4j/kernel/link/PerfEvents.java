package io.bpf4j.kernel.link;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.BpfException;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.uapi.AttachType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code perf_event_open} and attaching a program to a perf event: through a BPF link
 * ({@code BPF_LINK_CREATE} with {@code BPF_PERF_EVENT}), or where the kernel has no perf
 * links, the older {@code PERF_EVENT_IOC_SET_BPF} ioctl.
 */
final class PerfEvents {
  private PerfEvents() {}

  /** {@code PERF_TYPE_SOFTWARE}. */
  static final int TYPE_SOFTWARE = 1;
  /** {@code PERF_TYPE_TRACEPOINT}. */
  static final int TYPE_TRACEPOINT = 2;
  /** {@code PERF_EVENT_IOC_ENABLE}. */
  static final long IOC_ENABLE = 0x2400;
  /** {@code PERF_EVENT_IOC_DISABLE}. */
  static final long IOC_DISABLE = 0x2401;
  /** {@code PERF_EVENT_IOC_SET_BPF}. */
  static final long IOC_SET_BPF = 0x40042408L;
  /** {@code PERF_FLAG_FD_CLOEXEC}. */
  static final long FLAG_FD_CLOEXEC = 8;
  /** {@code attr.freq}: sample_period holds a frequency. */
  static final long FREQ = 1L << 10;

  /**
   * Opens a perf event ({@code struct perf_event_attr}: size 128 as in the 6.1 header).
   *
   * @param flags the bit field word at offset 40 (disabled, freq...)
   */
  static Fd open(Sys sys, int type, long config, long period, long sampleType, long flags,
      long config1, long config2, int pid, int cpu, String what) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = a.allocate(128, 8);
      at.set(JAVA_INT, 0, type); // type
      at.set(JAVA_INT, 4, 128); // size
      at.set(JAVA_LONG, 8, config); // config
      at.set(JAVA_LONG, 16, period); // sample_period / sample_freq
      at.set(JAVA_LONG, 24, sampleType); // sample_type
      at.set(JAVA_LONG, 40, flags); // disabled, inherit, ..., freq, ...
      at.set(JAVA_INT, 48, 1); // wakeup_events
      at.set(JAVA_LONG, 56, config1); // config1 (uprobe_path)
      at.set(JAVA_LONG, 64, config2); // config2 (probe_offset)
      long r = sys.perfEventOpen(at, pid, cpu, -1, FLAG_FD_CLOEXEC);
      if (r < 0) {
        throw new SysException("perf_event_open(" + what + ")", (int) -r);
      }
      return Fd.adopt(sys, (int) r);
    }
  }

  /**
   * Runs {@code prog} on the perf event {@code pe}; returns the descriptors to close (the BPF
   * link then the event, or the event alone). Takes ownership of {@code pe}.
   */
  static List<Fd> attach(Bpf bpf, KernelProgram prog, Fd pe) {
    List<Fd> fds = new ArrayList<>();
    fds.add(pe);
    try {
      try {
        fds.add(bpf.linkCreate(prog.fd(), pe.get(), AttachType.PERF_EVENT.value(), 0, 0));
      } catch (BpfException e) {
        // kernels without perf links: attach through the ioctl and enable
        Sys.check(bpf.sys().ioctl(pe.get(), IOC_SET_BPF, prog.fd()), "ioctl(PERF_EVENT_IOC_SET_BPF)");
      }
      Sys.check(bpf.sys().ioctl(pe.get(), IOC_ENABLE, 0), "ioctl(PERF_EVENT_IOC_ENABLE)");
      return fds;
    } catch (RuntimeException e) {
      FdLink.closeAll(fds);
      throw e;
    }
  }
}
