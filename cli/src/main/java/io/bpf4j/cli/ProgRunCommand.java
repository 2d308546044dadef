package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.ExecutionException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bpf4j prog run OBJ [--prog NAME] --data-in FILE ...}: a test run of one program of an
 * object on the JVM backend, printed as {@code bpftool prog run} does. Every program of the
 * object is verified first; it runs on the JIT unless {@code --engine} says otherwise, and
 * only the checked interpreter runs unverified programs ({@code --no-verify}).
 */
final class ProgRunCommand implements Command {
  @Override
  public String name() {
    return "prog run";
  }

  @Override
  public String summary() {
    return "test-run a program of an ELF object on the JVM backend, like bpftool prog run";
  }

  @Override
  public String usage() {
    return "bpf4j prog run OBJ [--prog NAME] [--data-in FILE] [--ctx-in FILE] [--repeat N]"
        + " [--data-out FILE] [--dump-maps] [--engine jit|interpreter|checked] [--no-verify]"
        + " [--type TYPE] [--backend jvm|kernel] [-v] [-j]\n"
        + "  --prog NAME     the program (may be left out when the object has only one)\n"
        + "  --engine E      jit (default), interpreter (fast), or checked (every access checked)\n"
        + "  --no-verify     skip bpf4j's verifier (only with --engine checked)\n"
        + "  --type TYPE     program type where the section name does not tell it\n"
        + "  -v              also print the engine and its compilation time";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    if (KernelProgRun.backend(raw).equals("kernel")) { // --backend kernel|jvm (default jvm)
      return KernelProgRun.run(raw, out);
    }
    raw = KernelProgRun.withoutBackend(raw);
    Args args = Args.parse(name(), raw, Set.of("--prog", "--data-in", "--ctx-in", "--repeat",
        "--data-out", "--engine", "--type"), Set.of("--dump-maps", "--no-verify", "-v", "--verbose"));
    args.atMost(1);
    String file = args.positional(0, "an object file OBJ");
    JvmEngine engine = engine(args.value("--engine"));
    boolean verify = !args.has("--no-verify");
    if (!verify && engine != JvmEngine.CHECKED) {
      throw CliException.usage("--no-verify is allowed only with --engine checked: the "
          + engine.name().toLowerCase(Locale.ROOT) + " engine does not check memory accesses,"
          + " so only verified programs run on it");
    }
    ProgType type = args.value("--type") == null ? null : VerifyCommand.progType(args.value("--type"));
    boolean verbose = args.has("-v") || args.has("--verbose");
    long repeat = args.longValue("--repeat", 1);
    if (repeat < 1 || repeat > 100_000_000) {
      throw CliException.usage("--repeat " + repeat + " (must be 1..100000000)");
    }
    byte[] data = RunReport.read(args.value("--data-in"));
    byte[] ctx = RunReport.read(args.value("--ctx-in"));
    ObjectSpec spec = ObjectFiles.read(file);
    String prog = program(file, spec, args.value("--prog"));
    JvmProgram.TestRun r;
    JvmObject obj;
    JvmProgram p;
    RunEvents.Events events;
    try {
      obj = JvmObject.load(spec, new JvmLoadOptions(engine, verify, true, type));
      p = obj.program(prog);
      RunEvents ev = RunEvents.start(obj.maps());
      try {
        r = p.testRun(data, ctx, (int) repeat);
      } finally {
        events = ev.collect();
      }
    } catch (JvmLoadException e) {
      throw CliException.failure(file + ": " + e.summary(), e.detail());
    } catch (ExecutionException e) {
      throw CliException.failure(file + ": program '" + prog + "': " + e.getMessage());
    }
    String dataOut = args.value("--data-out");
    if (dataOut != null && r.dataOut() != null) {
      try {
        Files.write(Path.of(dataOut), r.dataOut());
      } catch (IOException e) {
        throw CliException.unwritable(dataOut, e);
      }
    }
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{\"retval\":").append(r.retval()).append(",\"duration_ns\":")
          .append(r.durationNs()).append(",\"engine\":\"").append(lower(p.engine()))
          .append("\",\"verified\":").append(verify).append(",\"compile_ns\":").append(p.compileNanos()).append(",\"data_out\":")
          .append(r.dataOut() == null ? "null" : "\"" + HexFormat.of().formatHex(r.dataOut()) + "\"")
          .append(",\"maps\":").append(RunReport.mapsJson(dumps(obj))).append(events.json());
      out.println(sb.append('}').toString());
      return 0;
    }
    if (verbose) {
      out.printf("Engine: %s (%s), prepared in %d us%n", lower(p.engine()),
          verify ? "verified" : "not verified", p.compileNanos() / 1000);
    }
    out.printf("Return value: %d, duration%s: %dns%n", r.retval(), repeat > 1 ? " (average)" : "", r.durationNs());
    events.print(out);
    if (args.has("--dump-maps")) {
      RunReport.printMaps(out, dumps(obj));
    }
    return 0;
  }

  private static String lower(JvmEngine e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static JvmEngine engine(String s) throws CliException {
    if (s == null) {
      return JvmEngine.JIT;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "jit" -> JvmEngine.JIT;
      case "interpreter", "interp" -> JvmEngine.INTERPRETER;
      case "checked" -> JvmEngine.CHECKED;
      default -> throw CliException.usage("--engine " + s + ": not an engine (jit, interpreter,"
          + " checked)");
    };
  }

  /** The program named, or the only one of the object; otherwise the names in the error. */
  static String program(String file, ObjectSpec spec, String named) throws CliException {
    if (named != null) {
      return named;
    }
    List<String> names = spec.programs().stream().map(ProgramSpec::name).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    throw CliException.usage(file + ": " + (names.isEmpty() ? "has no programs"
        : "has " + names.size() + " programs, name one with --prog: " + String.join(", ", names)));
  }

  private static List<RunReport.MapDump> dumps(JvmObject obj) {
    return obj.maps().entrySet().stream()
        .map(e -> new RunReport.MapDump(e.getKey(), entries(e.getValue()))).toList();
  }

  private static List<String[]> entries(BpfMap m) {
    List<String[]> out = new java.util.ArrayList<>();
    try {
      for (MemorySegment k : m.keys()) {
        var v = m.lookup(k);
        if (v.isPresent()) {
          out.add(new String[] {HexFormat.of().formatHex(k.toArray(ValueLayout.JAVA_BYTE)),
              HexFormat.of().formatHex(v.get().toArray(ValueLayout.JAVA_BYTE))});
        }
      }
    } catch (RuntimeException e) {
      // maps without keys (ring buffers, queues) are not listed
    }
    return out;
  }

}
