package io.bpf4j.cli;

import io.bpf4j.vm.Engine;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j run FILE}: loads a program, runs it on an input buffer in this JVM and prints
 * r0, the instructions executed, the run time and how the run ended.
 */
final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "run a program on an input in the JVM and print r0 and what happened";
  }

  @Override
  public String usage() {
    return "bpf4j run FILE [--mem HEX | --mem-file F] [--engine checked|interpreter|jit]"
        + " [--repeat N] [-j]\n"
        + "  FILE: a .data file (bpf_conformance format), assembly (.asm), .bin bytecode or\n"
        + "  hex text.\n"
        + "  The input is in native memory: r1 points at it, r2 holds its length.\n"
        + "  --engine checked (default) checks every memory access; interpreter is the fast\n"
        + "  mode for verified programs; jit compiles to JVM bytecode (verified programs).\n"
        + "  With interpreter or jit the checked engine runs the program first: its error,\n"
        + "  if any, is reported and the fast engine does not run.\n"
        + "  Helpers: those of the conformance suite (0..5).\n"
        + "  --repeat N runs N times on the same buffer (not reset between runs) and reports\n"
        + "  the first run's outcome and the mean time of all runs.";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(
        name(), raw, Set.of("--mem", "--mem-file", "--engine", "--repeat"), Set.of());
    args.atMost(1);
    Path file = Path.of(args.positional(0, "a program FILE"));
    String engine = VmEngines.check(args.value("--engine", "checked"));
    long repeat = args.longValue("--repeat", 1);
    if (repeat < 1 || repeat > 100_000_000) { // prog run's bound
      throw CliException.usage("option --repeat: " + repeat + " (must be 1..100000000)");
    }
    if (args.has("--mem") && args.has("--mem-file")) {
      throw CliException.usage("give --mem or --mem-file, not both");
    }
    ProgramInput in = ProgramInput.read(file);
    byte[] mem = in.mem() == null ? new byte[0] : in.mem();
    if (args.has("--mem")) {
      mem = ProgramFiles.hex("option --mem", args.value("--mem"));
    } else if (args.has("--mem-file")) {
      Path mf = Path.of(args.value("--mem-file"));
      try {
        mem = Files.readAllBytes(mf);
      } catch (IOException e) {
        throw CliException.unreadable(mf, e);
      }
    }
    Engine vm;
    try {
      vm = VmEngines.load(engine, in.insns());
    } catch (InvalidProgramException e) {
      throw CliException.failure(in.origin() + ": rejected: " + e.getMessage());
    }
    boolean ownMem = args.has("--mem") || args.has("--mem-file");
    ProgramInput shown = ownMem ? new ProgramInput(in.origin(), in.insns(), mem, null, null) : in;
    if (!engine.equals("checked")) {
      // the fast engines do not check memory accesses or count instructions: a program that
      // faults or loops would crash the JVM or never end. The checked interpreter runs it
      // first, on a copy of the input, as often as asked; its failure is the one reported.
      RunResult dry = VmEngines.dryRun(in.insns(), mem, repeat);
      if (dry != null) {
        print(out, shown, "checked", repeat, dry, 0);
        if (!out.json()) {
          out.println("(the checked interpreter's run; the " + engine
              + " engine runs only programs that run there without an error)");
        }
        return 1;
      }
    }
    RunResult res;
    long nanos;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = copy(arena, mem);
      // warm-up on a scratch copy: class loading, the thread's stack
      VmEngines.execute(vm, copy(arena, mem));
      long t0 = System.nanoTime();
      res = VmEngines.execute(vm, buf);
      for (long i = 1; i < repeat; i++) {
        try {
          vm.run(buf.address(), buf.byteSize());
        } catch (ExecutionException e) {
          // the first run's outcome is the one reported
        }
      }
      nanos = (System.nanoTime() - t0) / repeat;
    }
    print(out, shown, engine, repeat, res, nanos);
    boolean differs = res.ok() && shown.expected() != null && shown.expected() != res.r0();
    return res.ok() && !differs ? 0 : 1;
  }

  /** Native memory holding {@code bytes} (the null segment when there are none). */
  private static MemorySegment copy(Arena arena, byte[] bytes) {
    if (bytes.length == 0) {
      return MemorySegment.NULL;
    }
    MemorySegment m = arena.allocate(bytes.length, 8);
    MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return m;
  }

  private static void print(
      Out out, ProgramInput in, String engine, long repeat, RunResult res, long nanos) {
    Boolean matches = in.expected() == null || !res.ok() ? null : in.expected() == res.r0();
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{");
      sb.append("\"file\":").append(Json.quote(in.origin()));
      sb.append(",\"engine\":").append(Json.quote(engine));
      sb.append(",\"status\":\"").append(res.ok() ? "exit" : "error").append('"');
      sb.append(",\"r0\":").append(Json.quote("0x" + Long.toHexString(res.r0())));
      sb.append(",\"r0_decimal\":").append(res.r0());
      sb.append(",\"instructions\":")
          .append(res.instructions() < 0 ? "null" : String.valueOf(res.instructions()));
      sb.append(",\"repeat\":").append(repeat);
      sb.append(",\"ns_per_run\":").append(nanos);
      if (!res.ok()) {
        sb.append(",\"error\":").append(Json.quote(res.error().getMessage()));
        sb.append(",\"pc\":").append(res.error().pc());
      }
      if (in.expected() != null) {
        sb.append(",\"expected\":")
            .append(Json.quote("0x" + Long.toHexString(in.expected())));
      }
      out.println(sb.append('}').toString());
      return;
    }
    if (res.ok()) {
      out.println("exit: r0 = " + VmEngines.r0(res.r0()));
    } else {
      out.println("error: " + res.error().getMessage());
    }
    out.println("instructions executed: "
        + (res.instructions() < 0 ? "not counted by the " + engine + " engine"
            : String.valueOf(res.instructions())));
    out.printf("run time: %s%s (%s engine)%n",
        time(nanos), repeat > 1 ? " per run, mean of " + repeat : "", engine);
    if (matches != null) {
      out.println(matches ? "matches the expected result of the file"
          : "DIFFERS from the expected result 0x" + Long.toHexString(in.expected()));
    }
  }

  static String time(long nanos) {
    if (nanos < 10_000) {
      return nanos + " ns";
    }
    if (nanos < 10_000_000) {
      return String.format("%.1f µs", nanos / 1e3);
    }
    return String.format("%.1f ms", nanos / 1e6);
  }
}
