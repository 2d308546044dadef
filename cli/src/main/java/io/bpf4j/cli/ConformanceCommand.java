package io.bpf4j.cli;

import io.bpf4j.vm.Engine;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bpf4j conformance [DIR]}: runs the bpf_conformance suite in this JVM: every file of
 * {@code DIR/tests} must give its expected r0 (or fail when it expects an error), every file
 * of {@code DIR/negative} must be rejected.
 */
final class ConformanceCommand implements Command {
  @Override
  public String name() {
    return "conformance";
  }

  @Override
  public String summary() {
    return "run the bpf_conformance suite in the JVM and print pass/fail per file";
  }

  @Override
  public String usage() {
    return "bpf4j conformance [DIR] [--engine checked|interpreter|jit] [-j]\n"
        + "  DIR holds tests/ and negative/ (default: $BPF4J_CONFORMANCE_DIR or"
        + " ../shared/conformance)";
  }

  record Outcome(String file, String status, String detail) {}

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--engine"), Set.of());
    args.atMost(1);
    String engine = VmEngines.check(args.value("--engine", "checked"));
    Path dir = args.positional().isEmpty() ? defaultDir() : Path.of(args.positional().getFirst());
    Path tests = Files.isDirectory(dir.resolve("tests")) ? dir.resolve("tests") : dir;
    List<Outcome> results = new ArrayList<>();
    for (Path f : dataFiles(tests)) {
      results.add(positive(f, engine));
    }
    if (Files.isDirectory(dir.resolve("negative"))) {
      for (Path f : dataFiles(dir.resolve("negative"))) {
        results.add(negative(f, engine));
      }
    }
    if (results.isEmpty()) {
      throw CliException.failure(dir + ": no .data files");
    }
    long passed = results.stream().filter(r -> r.status.equals("pass")).count();
    long failed = results.stream().filter(r -> r.status.equals("fail")).count();
    long skipped = results.size() - passed - failed;
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{\"engine\":").append(Json.quote(engine));
      sb.append(",\"passed\":").append(passed).append(",\"failed\":").append(failed);
      sb.append(",\"skipped\":").append(skipped).append(",\"results\":[");
      for (int i = 0; i < results.size(); i++) {
        Outcome o = results.get(i);
        sb.append(i == 0 ? "" : ",").append("{\"file\":").append(Json.quote(o.file))
            .append(",\"status\":\"").append(o.status).append("\",\"detail\":")
            .append(Json.quote(o.detail)).append('}');
      }
      out.println(sb.append("]}").toString());
    } else {
      for (Outcome o : results) {
        out.printf("%-4s %s%s%n", o.status.toUpperCase(java.util.Locale.ROOT), o.file,
            o.detail.isEmpty() ? "" : ": " + o.detail);
      }
      out.printf("%d passed, %d failed, %d skipped (%s engine)%n", passed, failed, skipped, engine);
    }
    return failed == 0 ? 0 : 1;
  }

  private static Path defaultDir() throws CliException {
    String p = System.getProperty("bpf4j.conformance.dir");
    if (p == null) {
      p = System.getenv("BPF4J_CONFORMANCE_DIR");
    }
    Path d = Path.of(p != null ? p : "../shared/conformance");
    if (!Files.isDirectory(d)) {
      throw CliException.usage(
          "no conformance directory at " + d + "; give DIR or set BPF4J_CONFORMANCE_DIR");
    }
    return d;
  }

  private static List<Path> dataFiles(Path dir) throws CliException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".data")).sorted().toList();
    } catch (IOException e) {
      throw CliException.failure(dir + ": cannot list: " + e.getMessage());
    }
  }

  private static Outcome positive(Path f, String engine) {
    String name = f.getParent().getFileName() + "/" + f.getFileName();
    ProgramInput in;
    try {
      in = ProgramInput.read(f);
    } catch (CliException e) {
      return in(name, e.getMessage(), f);
    }
    RunResult res;
    try {
      // a faulting or endless program must not reach the unchecked engines (JVM crash, hang)
      RunResult dry = engine.equals("checked") ? null
          : VmEngines.dryRun(in.insns(), in.mem() == null ? new byte[0] : in.mem(), 1);
      res = dry != null ? dry : run(VmEngines.load(engine, in.insns()), in.mem());
    } catch (InvalidProgramException e) {
      return in.expectedError() != null
          ? new Outcome(name, "pass", "rejected as expected: " + e.getMessage())
          : new Outcome(name, "fail", "rejected: " + e.getMessage());
    }
    if (!res.ok()) {
      return in.expectedError() != null
          ? new Outcome(name, "pass", "failed as expected: " + res.error().getMessage())
          : new Outcome(name, "fail", res.error().getMessage());
    }
    if (in.expectedError() != null) {
      return new Outcome(name, "fail", "expected an error, got r0 = " + VmEngines.r0(res.r0()));
    }
    if (in.expected() == null) {
      return new Outcome(name, "skip", "no -- result section");
    }
    if (in.expected() != res.r0()) {
      return new Outcome(name, "fail", "expected 0x" + Long.toHexString(in.expected())
          + ", got " + VmEngines.r0(res.r0()));
    }
    return new Outcome(name, "pass", "");
  }

  private static RunResult run(Engine vm, byte[] mem) {
    if (mem == null || mem.length == 0) {
      return VmEngines.execute(vm, MemorySegment.NULL);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment m = arena.allocate(mem.length, 8);
      MemorySegment.copy(mem, 0, m, ValueLayout.JAVA_BYTE, 0, mem.length);
      return VmEngines.execute(vm, m);
    }
  }

  /** A test file that cannot be read or assembled. */
  private static Outcome in(String name, String message, Path f) {
    return new Outcome(name, "fail", local(message, f));
  }

  /** A message without the file name: {@code f:5: x} becomes {@code line 5: x}. */
  private static String local(String message, Path f) {
    String prefix = f + ":";
    if (!message.startsWith(prefix)) {
      return message;
    }
    String rest = message.substring(prefix.length());
    return rest.matches("\\d+:.*") ? "line " + rest : rest.strip();
  }

  private static Outcome negative(Path f, String engine) {
    String name = f.getParent().getFileName() + "/" + f.getFileName();
    ProgramInput in;
    try {
      in = ProgramInput.read(f);
    } catch (CliException e) {
      // no program, wrong assembly, invalid raw code: rejected before it runs
      return new Outcome(name, "pass", "rejected: " + local(e.getMessage(), f));
    }
    try {
      RunResult dry = engine.equals("checked") ? null
          : VmEngines.dryRun(in.insns(), in.mem() == null ? new byte[0] : in.mem(), 1);
      if (dry != null) {
        return new Outcome(name, "pass", "failed in the checked interpreter, so the " + engine
            + " engine did not run it: " + dry.error().getMessage());
      }
      RunResult res = run(VmEngines.load(engine, in.insns()), in.mem());
      if (!res.ok()) {
        return new Outcome(name, "pass", "failed: " + res.error().getMessage());
      }
      if (in.expected() != null && in.expected() != res.r0()) {
        return new Outcome(name, "pass", "r0 " + VmEngines.r0(res.r0())
            + " differs from the file's wrong expectation");
      }
      if (!engine.equals("checked")) {
        return new Outcome(name, "skip", "ran (r0 = " + VmEngines.r0(res.r0()) + "): the "
            + engine + " engine runs programs as verified; only a verifier or the checked"
            + " engine rejects this one");
      }
      return new Outcome(name, "fail", "accepted and ran: r0 = " + VmEngines.r0(res.r0()));
    } catch (InvalidProgramException e) {
      return new Outcome(name, "pass", "rejected: " + e.getMessage());
    }
  }
}
