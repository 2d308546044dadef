package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.kernel.BpfException;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.ObjectLoadException;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.kernel.TestRunResult;
import io.bpf4j.kernel.sys.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j prog run OBJ --backend kernel ...}: the same test run as {@link ProgRunCommand}
 * but in the kernel ({@code BPF_PROG_TEST_RUN}) on an object loaded with {@link KernelObject},
 * printed in the same shape; everything is closed before it returns.
 */
final class KernelProgRun {
  private static final String BACKEND = "--backend";

  private KernelProgRun() {}

  /** The {@code --backend} the words ask for: {@code jvm} (the default) or {@code kernel}. */
  static String backend(List<String> raw) throws CliException {
    String b = "jvm";
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i);
      if (s.equals("--")) {
        break;
      }
      if (s.equals(BACKEND)) {
        if (i + 1 >= raw.size()) {
          throw CliException.usage("option --backend needs a value: kernel or jvm");
        }
        b = raw.get(++i);
      } else if (s.startsWith(BACKEND + "=")) {
        b = s.substring(BACKEND.length() + 1);
      }
    }
    if (!b.equals("jvm") && !b.equals("kernel")) {
      throw CliException.usage("--backend " + b + ": say kernel or jvm");
    }
    return b;
  }

  /** The words without their {@code --backend} option (for the JVM side's own parser). */
  static List<String> withoutBackend(List<String> raw) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i);
      if (s.equals("--")) {
        l.addAll(raw.subList(i, raw.size()));
        break;
      }
      if (s.equals(BACKEND)) {
        i++;
      } else if (!s.startsWith(BACKEND + "=")) {
        l.add(s);
      }
    }
    return l;
  }

  /** Checks that bpf() works here, else one line saying why. */
  static void requireKernel() throws CliException {
    if (!KernelAvailable.available()) {
      String why = KernelAvailable.reason();
      throw CliException.failure(why.contains("EPERM") ? "bpf() is refused: EPERM (are you root?)" : why);
    }
  }

  static int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse("prog run", raw,
        Set.of("--prog", "--data-in", "--ctx-in", "--repeat", "--data-out", BACKEND, "--engine",
            "--type"),
        Set.of("--dump-maps", "--no-verify", "-v", "--verbose"));
    args.atMost(1);
    if (args.value("--engine") != null) {
      throw CliException.usage("--engine is for the JVM backend (the kernel has its own JIT)");
    }
    for (String jvmOnly : List.of("--type", "--no-verify", "-v", "--verbose")) {
      if (args.has(jvmOnly)) {
        throw CliException.usage(jvmOnly + " is for the JVM backend (the kernel takes the"
            + " program type from the section name and always verifies)");
      }
    }
    String file = args.positional(0, "an object file OBJ");
    long repeat = args.longValue("--repeat", 1);
    if (repeat < 1 || repeat > 100_000_000) {
      throw CliException.usage("--repeat " + repeat + " (must be 1..100000000)");
    }
    byte[] data = RunReport.read(args.value("--data-in"));
    byte[] ctx = RunReport.read(args.value("--ctx-in"));
    ObjectSpec spec = ObjectFiles.read(file);
    // as on the JVM backend: --prog may be left out when the object has one program
    String prog = ProgRunCommand.program(file, spec, args.value("--prog"));
    requireKernel();
    try (KernelObject obj = load(spec, file)) {
      KernelProgram p = obj.programs().get(prog);
      if (p == null) {
        throw CliException.failure(file + ": no program '" + prog + "' (have " + obj.programs().keySet() + ")");
      }
      TestRun tr = data == null ? TestRun.ofContext(ctx)
          : TestRun.of(data).withDataOutSize(data.length + 4096).withRepeat((int) repeat);
      if (data != null && ctx != null) {
        tr = tr.withContext(ctx);
      }
      TestRunResult r;
      RunEvents.Events events;
      RunEvents ev = events(obj, RunEvents.printsTrace(spec, prog), file);
      try {
        r = p.testRun(tr);
      } catch (BpfException e) {
        throw CliException.failure(file + ": program '" + prog + "': " + e.getMessage());
      } finally {
        events = ev.collect();
      }
      byte[] dataOut = data == null ? null : r.dataOut();
      String dataOutFile = args.value("--data-out");
      if (dataOutFile != null && dataOut != null) {
        try {
          Files.write(Path.of(dataOutFile), dataOut);
        } catch (IOException e) {
          throw CliException.unwritable(dataOutFile, e);
        }
      }
      List<RunReport.MapDump> maps = new ArrayList<>();
      for (Map.Entry<String, KernelMap> e : obj.maps().entrySet()) {
        maps.add(new RunReport.MapDump(e.getKey(), entries(e.getValue())));
      }
      print(out, r, dataOut, repeat, args.has("--dump-maps"), maps, events);
      return 0;
    }
  }

  /** The readers of the run's trace lines and records; a failure to open one is one line. */
  private static RunEvents events(KernelObject obj, boolean printsTrace, String file)
      throws CliException {
    try {
      return RunEvents.start(obj, printsTrace);
    } catch (SysException e) {
      throw CliException.failure(file + ": cannot read the run's events: " + e.getMessage());
    }
  }

  private static void print(Out out, TestRunResult r, byte[] dataOut, long repeat, boolean dumpMaps,
      List<RunReport.MapDump> maps, RunEvents.Events events) {
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{\"retval\":").append(r.retvalUnsigned()).append(",\"duration_ns\":")
          .append(r.durationNs()).append(",\"data_out\":")
          .append(dataOut == null ? "null" : "\"" + HexFormat.of().formatHex(dataOut) + "\"")
          .append(",\"maps\":").append(RunReport.mapsJson(maps)).append(events.json());
      out.println(sb.append('}').toString());
      return;
    }
    out.printf("Return value: %d, duration%s: %dns%n", r.retvalUnsigned(), repeat > 1 ? " (average)" : "",
        r.durationNs());
    events.print(out);
    if (dumpMaps) {
      RunReport.printMaps(out, maps);
    }
  }

  /** Loads the object into the kernel; a refusal is one line (the verifier's last words). */
  static KernelObject load(ObjectSpec spec, String file) throws CliException {
    try {
      return KernelObject.load(spec);
    } catch (ObjectLoadException e) {
      if (e.getCause() instanceof BpfException b && b.errnoName().equals("EPERM") && b.log().isEmpty()) {
        throw CliException.failure(file + ": bpf() is refused: EPERM (are you root?)");
      }
      throw CliException.failure(oneLine(file, e.getMessage()));
    } catch (SysException | IllegalArgumentException | UnsupportedOperationException e) {
      throw CliException.failure(oneLine(file, e.getMessage()));
    }
  }

  private static String oneLine(String file, String msg) {
    String m = msg == null ? "failed" : msg.strip();
    int nl = m.indexOf('\n');
    return file + ": " + (nl < 0 ? m : m.substring(0, nl));
  }

  /** Every key and value of a kernel map in hex; maps without keys (ring buffers) list none. */
  private static List<String[]> entries(KernelMap m) {
    List<String[]> l = new ArrayList<>();
    try {
      for (byte[] k : m.keys()) {
        m.lookup(k).ifPresent(v -> l.add(new String[] {HexFormat.of().formatHex(k), HexFormat.of().formatHex(v)}));
      }
    } catch (RuntimeException e) {
      // ring buffers, queues and the like have no keys to walk
    }
    return l;
  }

}
