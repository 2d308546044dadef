package io.bpf4j.cli;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.ConformanceHelpers;
import io.bpf4j.vm.Engine;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import io.bpf4j.vm.jit.JitCompiler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The {@code --engine} choices of the commands that run programs in this JVM: {@code checked}
 * (the checked interpreter), {@code interpreter} (its fast mode, for verified programs) and
 * {@code jit} (compiled to JVM bytecode; runs programs as verified, counts no instructions).
 * Programs get the conformance suite's helpers.
 */
final class VmEngines {
  private VmEngines() {}

  /** Checks the engine name. */
  static String check(String engine) throws CliException {
    return switch (engine) {
      case "checked", "interpreter", "jit" -> engine;
      default -> throw CliException.usage(
          "unknown engine '" + engine + "' (checked, interpreter or jit)");
    };
  }

  /** Loads (or compiles) {@code insns} for {@code engine}. */
  static Engine load(String engine, List<Insn> insns) throws InvalidProgramException {
    return switch (engine) {
      case "interpreter" ->
          Interpreter.load(insns, ConformanceHelpers.table(), InterpreterOptions.fast());
      case "jit" -> {
        try {
          yield JitCompiler.compile(insns, ConformanceHelpers.table());
        } catch (IllegalArgumentException e) {
          throw new InvalidProgramException(-1, e.getMessage());
        }
      }
      default ->
          Interpreter.load(insns, ConformanceHelpers.table(), InterpreterOptions.checkedMode());
    };
  }

  /**
   * Runs {@code insns} {@code repeat} times on one copy of {@code mem} (not reset between
   * runs, as the timed runs do) in the checked interpreter; returns the first failed run's
   * result, or null when every run ended with exit. A program the fast engines run must pass
   * this first: they check no memory access and count no instruction.
   */
  static RunResult dryRun(List<Insn> insns, byte[] mem, long repeat) {
    Engine vm;
    try {
      vm = load("checked", insns);
    } catch (InvalidProgramException e) {
      return new RunResult(0, 0, new ExecutionException(e.pc(), e.reason()));
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = mem.length == 0 ? MemorySegment.NULL : arena.allocate(mem.length, 8);
      if (mem.length > 0) {
        MemorySegment.copy(mem, 0, buf, ValueLayout.JAVA_BYTE, 0, mem.length);
      }
      for (long i = 0; i < repeat; i++) {
        RunResult r = execute(vm, buf);
        if (!r.ok()) {
          return r;
        }
      }
    }
    return null;
  }

  /**
   * Runs once on {@code input}; the instruction count is -1 for engines that do not count.
   */
  static RunResult execute(Engine vm, MemorySegment input) {
    if (vm instanceof Interpreter i) {
      return i.execute(input);
    }
    try {
      return new RunResult(vm.run(input.address(), input.byteSize()), -1, null);
    } catch (ExecutionException e) {
      return new RunResult(0, -1, e);
    }
  }

  /** r0 as {@code 0x2a (42)}: hex and signed decimal. */
  static String r0(long r0) {
    return "0x" + Long.toHexString(r0) + " (" + r0 + ")";
  }
}
