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
import java.lang.foreign.MemorySegment;
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
