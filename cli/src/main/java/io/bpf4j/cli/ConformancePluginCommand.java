package io.bpf4j.cli;

import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import io.bpf4j.vm.Engine;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j conformance-plugin [MEM]}: a VM under test for the public bpf_conformance
 * runner. The program comes as one line of hex bytes on standard input (or {@code --program
 * HEX}), MEM as one argument of space-separated hex bytes; prints r0 in hex and exits 0, or
 * prints the error and exits 1. Helpers are the ubpf test plugin's ({@link ConformanceHelpers}).
 */
final class ConformancePluginCommand implements Command {
  @Override
  public String name() {
    return "conformance-plugin";
  }

  @Override
  public String summary() {
    return "be a bpf_conformance plugin: program hex on stdin, MEM argument, r0 in hex";
  }

  @Override
  public String usage() {
    return "bpf4j conformance-plugin [--engine interpreter|jit] [MEM] [--program HEX]\n"
        + "  e.g. bpf_conformance_runner --test_file_directory tests --plugin_path ./plugin.sh\n"
        + "  where plugin.sh runs: exec ./bpf4j conformance-plugin \"$@\"\n"
        + "  interpreter runs the checked interpreter (the programs are not verified);\n"
        + "  jit compiles them to JVM bytecode";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--engine", "--program"), Set.of());
    args.atMost(1);
    String engine = args.value("--engine", "interpreter");
    if (!engine.equals("interpreter") && !engine.equals("jit")) {
      throw CliException.usage("unknown engine '" + engine + "' (interpreter or jit)");
    }
    String programText = args.value("--program");
    if (programText == null) {
      try {
        BufferedReader r = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        programText = r.readLine();
      } catch (IOException e) {
        throw CliException.failure("cannot read the program from standard input: " + e.getMessage());
      }
    }
    if (programText == null || programText.isBlank()) {
      throw CliException.failure("no program on standard input (one line of hex bytes)");
    }
    byte[] code = ProgramFiles.hex("program", programText);
    byte[] mem = args.positional().isEmpty()
        ? new byte[0] : ProgramFiles.hex("memory argument", args.positional().getFirst());
    String error;
    try {
      Engine vm = load(engine, code);
      // the JIT checks no memory access and counts no instruction: the checked interpreter
      // runs the program first, so that a faulting or endless one fails instead of crashing
      // the JVM or never ending
      RunResult dry = engine.equals("jit")
          ? VmEngines.dryRun(InsnCodec.decode(code), mem, 1) : null;
      RunResult res = dry != null ? dry : run(vm, mem);
      if (res.ok()) {
        out.println(Long.toHexString(res.r0()));
        return 0;
      }
      error = "Failed to execute program: " + res.error().getMessage();
    } catch (InvalidProgramException e) {
      error = "Failed to load code: " + e.getMessage();
    } catch (InvalidInsnException e) { // not reached: load decoded the same code
      error = "Failed to load code: " + e.reason();
    }
    out.println(error);
    out.err().println(error);
    return 1;
  }

  /** The checked interpreter (the runner's programs are not verified), or the JIT. */
  private static Engine load(String engine, byte[] code) throws InvalidProgramException {
    try {
      return VmEngines.load(engine.equals("jit") ? "jit" : "checked", InsnCodec.decode(code));
    } catch (InvalidInsnException e) {
      throw new InvalidProgramException(e.slot(), e.reason());
    }
  }

  private static RunResult run(Engine vm, byte[] mem) {
    if (mem.length == 0) {
      return VmEngines.execute(vm, MemorySegment.NULL);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment m = arena.allocate(mem.length, 8);
      MemorySegment.copy(mem, 0, m, ValueLayout.JAVA_BYTE, 0, mem.length);
      return VmEngines.execute(vm, m);
    }
  }
}
