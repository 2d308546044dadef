package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uprobes and uretprobes: a {@code BPF_PROG_TYPE_KPROBE} program at the entry (or return)
 * of a function in a binary or shared library, through a perf event of the {@code uprobe}
 * PMU ({@code config1} the path, {@code config2} the file offset that {@link ElfSymbols}
 * finds) and a BPF link.
 */
public final class Uprobe {
  private Uprobe() {}

  /**
   * Attaches {@code prog} to {@code symbol} in {@code binary}; on return when {@code
   * retprobe}; in every process ({@code pid} -1) or one.
   */
  public static Link attach(KernelProgram prog, Path binary, String symbol, boolean retprobe, int pid) {
    return attach(Bpf.system(), prog, binary, symbol, retprobe, pid);
  }

  /** Same, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, Path binary, String symbol,
      boolean retprobe, int pid) {
    long offset = ElfSymbols.offset(binary, symbol);
    int type = pmuType();
    long config = retprobe ? 1L << retprobeBit() : 0;
    String what = (retprobe ? "uretprobe " : "uprobe ") + binary + ":" + symbol;
    Fd pe;
    try (Arena a = Arena.ofConfined()) {
      pe = PerfEvents.open(bpf.sys(), type, config, 1, 0, 1 /* disabled */,
          a.allocateFrom(binary.toString()).address(), offset, pid, pid == -1 ? 0 : -1, what);
    }
    return new FdLink(PerfEvents.attach(bpf, prog, pe), what, null);
  }

  private static int pmuType() {
    try {
      return Integer.parseInt(Files.readString(Path.of("/sys/bus/event_source/devices/uprobe/type")).strip());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("no uprobe PMU (/sys/bus/event_source/devices/uprobe)", e);
    }
  }

  private static int retprobeBit() {
    try {
      String f = Files.readString(Path.of("/sys/bus/event_source/devices/uprobe/format/retprobe")).strip();
      return Integer.parseInt(f.substring(f.indexOf(':') + 1));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
