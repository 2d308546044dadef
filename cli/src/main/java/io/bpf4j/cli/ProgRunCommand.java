package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.vm.ExecutionException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j prog run OBJ --prog NAME --data-in FILE ...}: a test run of one program of an
 * object on the JVM backend (checked interpreter), printed as {@code bpftool prog run} does.
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
    return "bpf4j prog run OBJ --prog NAME [--data-in FILE] [--ctx-in FILE] [--repeat N]"
        + " [--data-out FILE] [--dump-maps] [-j]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    if (KernelProgRun.backend(raw).equals("kernel")) { // --backend kernel|jvm (default jvm)
      return KernelProgRun.run(raw, out);
    }
    raw = KernelProgRun.withoutBackend(raw);
    Args args = Args.parse(name(), raw, Set.of("--prog", "--data-in", "--ctx-in", "--repeat", "--data-out"),
        Set.of("--dump-maps"));
    args.atMost(1);
    String file = args.positional(0, "an object file OBJ");
    String prog = args.value("--prog");
    if (prog == null) {
      throw CliException.usage("'prog run' needs --prog NAME");
    }
    long repeat = args.longValue("--repeat", 1);
    if (repeat < 1 || repeat > 100_000_000) {
      throw CliException.usage("--repeat " + repeat + " (must be 1..100000000)");
    }
    byte[] data = read(args.value("--data-in"));
    byte[] ctx = read(args.value("--ctx-in"));
    ObjectSpec spec = ObjectFiles.read(file);
    JvmProgram.TestRun r;
    JvmObject obj;
    try {
      obj = JvmObject.load(spec);
      r = obj.program(prog).testRun(data, ctx, (int) repeat);
    } catch (JvmLoadException e) {
      throw CliException.failure(file + ": " + e.getMessage());
    } catch (ExecutionException e) {
      throw CliException.failure(file + ": program '" + prog + "': " + e.getMessage());
    }
    String dataOut = args.value("--data-out");
    if (dataOut != null && r.dataOut() != null) {
      try {
        Files.write(Path.of(dataOut), r.dataOut());
      } catch (IOException e) {
        throw CliException.failure(dataOut + ": cannot write: " + e.getMessage());
      }
    }
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{\"retval\":").append(r.retval()).append(",\"duration_ns\":")
          .append(r.durationNs()).append(",\"data_out\":")
          .append(r.dataOut() == null ? "null" : "\"" + HexFormat.of().formatHex(r.dataOut()) + "\"")
          .append(",\"maps\":{");
      boolean first = true;
      for (Map.Entry<String, BpfMap> e : obj.maps().entrySet()) {
        sb.append(first ? "" : ",").append(ProgramFiles.jsonString(e.getKey())).append(":[");
        first = false;
        boolean f2 = true;
        for (String[] kv : entries(e.getValue())) {
          sb.append(f2 ? "" : ",").append("{\"key\":\"").append(kv[0]).append("\",\"value\":\"").append(kv[1]).append("\"}");
          f2 = false;
        }
        sb.append(']');
      }
      out.println(sb.append("}}").toString());
      return 0;
    }
    out.printf("Return value: %d, duration%s: %dns%n", r.retval(), repeat > 1 ? " (average)" : "", r.durationNs());
    if (args.has("--dump-maps")) {
      for (Map.Entry<String, BpfMap> e : obj.maps().entrySet()) {
        out.println("map " + e.getKey() + ":");
        for (String[] kv : entries(e.getValue())) {
          out.println("  key " + kv[0] + "  value " + kv[1]);
        }
      }
    }
    return 0;
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

  private static byte[] read(String file) throws CliException {
    if (file == null) {
      return null;
    }
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw CliException.failure(file + ": cannot read: " + e.getMessage());
    }
  }
}
