package io.bpf4j.cli;

import io.bpf4j.elf.ObjectFormatException;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.ObjectLoadException;
import io.bpf4j.kernel.RingBuffer;
import io.bpf4j.kernel.TracePipe;
import io.bpf4j.kernel.link.PerfEvent;
import io.bpf4j.kernel.link.RawTracepoint;
import io.bpf4j.kernel.link.Tc;
import io.bpf4j.kernel.link.Tracepoint;
import io.bpf4j.kernel.link.Uprobe;
import io.bpf4j.kernel.link.Xdp;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bpf4j prog attach OBJ --prog NAME [--duration S] [--dev IF]}: loads an object into
 * the kernel, attaches the program to the hook its section names, streams its ring buffers
 * live, and prints its maps on exit (after the duration, or Ctrl-C).
 */
final class ProgAttachCommand implements Command {
  @Override
  public String name() {
    return "prog attach";
  }

  @Override
  public String summary() {
    return "load an object, attach a program by its section, stream its ring buffers";
  }

  @Override
  public String usage() {
    return "bpf4j prog attach OBJ --prog NAME [--duration SECONDS] [--dev IFNAME] [--hz N]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--prog", "--duration", "--dev", "--hz"), Set.of());
    a.atMost(1);
    Path file = Path.of(a.positional(0, "an object file"));
    String progName = a.value("--prog");
    long duration = a.longValue("--duration", 0);
    if (duration < 0 || duration > 1_000_000_000L) { // 0: until Ctrl-C
      throw CliException.usage("option --duration: " + duration + " (must be 0..1000000000 seconds;"
          + " 0 or none: until Ctrl-C)");
    }
    long hzGiven = a.longValue("--hz", 99);
    if (hzGiven < 1 || hzGiven > 1_000_000) {
      throw CliException.usage("option --hz: " + hzGiven + " (must be 1..1000000)");
    }
    ObjectSpec spec;
    try {
      spec = ObjectReader.read(file);
    } catch (IOException e) {
      throw CliException.unreadable(file, e);
    } catch (ObjectFormatException e) {
      throw CliException.failure(e.getMessage());
    }
    if (progName == null) {
      if (spec.programs().size() != 1) {
        throw CliException.usage(file + " has " + spec.programs().size() + " programs: say --prog NAME");
      }
      progName = spec.programs().getFirst().name();
    }
    ProgramSpec ps;
    try {
      ps = spec.program(progName);
    } catch (java.util.NoSuchElementException e) {
      throw CliException.failure(e.getMessage());
    }
    String dev = a.value("--dev");
    int hz = (int) hzGiven;
    return KernelCli.kernel(() -> {
      try (KernelObject obj = KernelObject.load(spec)) {
        KernelProgram prog = obj.program(ps.name());
        List<RingBuffer> rings = new ArrayList<>();
        List<AutoCloseable> closers = new ArrayList<>();
        List<String> ringNames = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        try (Link link = attach(ps, prog, dev, hz)) {
          for (Map.Entry<String, KernelMap> m : obj.maps().entrySet()) {
            if (m.getValue().info().type() == MapType.RINGBUF) {
              rings.add(RingBuffer.open(m.getValue()));
              ringNames.add(m.getKey());
            }
          }
          // bpf_trace_printk (6) and bpf_trace_vprintk (177) write to the trace pipe
          TracePipe pipe = ps.insns().stream().anyMatch(i -> i.isHelperCall()
              && (i.imm() == HelperId.TRACE_PRINTK || i.imm() == HelperId.TRACE_VPRINTK))
              ? TracePipe.open() : null;
          if (pipe != null) {
            closers.add(pipe);
          }
          out.err().println("bpf4j: " + ps.name() + " attached: " + link.describe()
              + (duration > 0 ? " for " + duration + " s" : " (Ctrl-C to stop)"));
          long end = duration > 0 ? System.nanoTime() + duration * 1_000_000_000L : Long.MAX_VALUE;
          while (!stop.get() && System.nanoTime() < end) {
            if (pipe != null) {
              pipe.poll(l -> out.println("trace_printk: " + l.strip()));
            }
            if (rings.isEmpty()) {
              Thread.sleep(50);
            }
            for (int i = 0; i < rings.size(); i++) {
              String n = ringNames.get(i);
              rings.get(i).poll(rings.size() == 1 ? 50 : 0, rec -> out.println(n + ": " + format(rec)));
            }
            if (rings.size() > 1) {
              Thread.sleep(20);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          rings.forEach(RingBuffer::close);
          for (AutoCloseable c : closers) {
            try {
              c.close();
            } catch (Exception ignored) {
              // closing a file descriptor we own; nothing to report
            }
          }
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException exiting) {
            // the JVM is already going down
          }
        }
        printMaps(obj, out);
        return 0;
      } catch (ObjectLoadException e) {
        throw CliException.failure(e.getMessage());
      }
    });
  }

  private static Link attach(ProgramSpec ps, KernelProgram prog, String dev, int hz) throws CliException {
    String section = ps.section().section();
    String target = ps.section().target();
    return switch (prog.type()) {
      case TRACEPOINT -> {
        int slash = target.indexOf('/');
        if (slash < 0) {
          throw CliException.failure("section '" + section + "' names no tracepoint CATEGORY/NAME");
        }
        yield Tracepoint.attach(prog, target.substring(0, slash), target.substring(slash + 1));
      }
      case RAW_TRACEPOINT -> RawTracepoint.attach(prog, target);
      case TRACING -> {
        if (ps.attachType() != io.bpf4j.uapi.AttachType.TRACE_RAW_TP) {
          throw CliException.failure("section '" + section + "': prog attach attaches tp_btf/"
              + " programs of the tracing type; fentry/fexit/fmod_ret need BPF trampolines");
        }
        yield RawTracepoint.attachBtf(prog, target);
      }
      case KPROBE -> {
        int colon = target.lastIndexOf(':');
        if (!section.startsWith("uprobe") && !section.startsWith("uretprobe") || colon < 0) {
          throw CliException.failure("section '" + section + "': kprobes are not available on this"
              + " kernel; uprobes need uprobe/PATH:FUNCTION");
        }
        yield Uprobe.attach(prog, Path.of(target.substring(0, colon)), target.substring(colon + 1),
            section.startsWith("uretprobe"), -1);
      }
      case PERF_EVENT -> PerfEvent.profile(prog, hz);
      case XDP -> Xdp.attach(prog, needDev(dev, section), 0);
      case SCHED_CLS -> Tc.attach(prog, needDev(dev, section), !section.contains("egress"));
      default -> throw CliException.failure("section '" + section + "' (" + prog.type().kernelName()
          + "): prog attach does not attach this type");
    };
  }

  private static String needDev(String dev, String section) throws CliException {
    if (dev == null) {
      throw CliException.usage("section '" + section + "' attaches to an interface: say --dev IFNAME");
    }
    return dev;
  }

  /**
   * A record as words: runs of printable text as quoted strings (four characters at least
   * where a number could start), other 4-byte words as numbers, zero padding skipped. Ring buffer records carry no type, so this is a guess that
   * reads well for the usual "ids then strings" events.
   */
  static String format(MemorySegment rec) {
    byte[] b = rec.toArray(ValueLayout.JAVA_BYTE);
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < b.length) {
      int j = i;
      while (j < b.length && b[j] >= 0x20 && b[j] < 0x7f) {
        j++;
      }
      // a small number (a pid) can look like two or three letters: at a 4-byte boundary a
      // string must be at least four characters
      int min = i % 4 == 0 ? 4 : 2;
      if (j - i >= min && (j == b.length || b[j] == 0)) {
        words.add('"' + new String(b, i, j - i, java.nio.charset.StandardCharsets.US_ASCII) + '"');
        i = j;
        while (i < b.length && b[i] == 0) {
          i++;
        }
        continue;
      }
      if (i + 4 <= b.length && i % 4 == 0) {
        long v = (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
        if (v != 0 || words.isEmpty()) {
          words.add(Long.toString(v));
        }
        i += 4;
      } else {
        i++;
      }
    }
    return String.join(" ", words);
  }

  private static void printMaps(KernelObject obj, Out out) {
    for (Map.Entry<String, KernelMap> e : obj.maps().entrySet()) {
      KernelMap m = e.getValue();
      MapType t = m.info().type();
      if (t != MapType.ARRAY && t != MapType.HASH && t != MapType.PERCPU_ARRAY
          && t != MapType.PERCPU_HASH && t != MapType.LRU_HASH) {
        continue;
      }
      out.println("map " + e.getKey() + ":");
      int n = 0;
      for (byte[] k : m.keys()) {
        if (n++ == 64) {
          out.println("  ...");
          break;
        }
        Optional<byte[]> v = m.lookup(k);
        v.ifPresent(value -> out.println("  key: " + KernelCli.hex(k) + "  value: " + KernelCli.hex(value)));
      }
    }
  }
}
