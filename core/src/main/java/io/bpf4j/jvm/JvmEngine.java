package io.bpf4j.jvm;

/** How the JVM backend runs a program. */
public enum JvmEngine {
  /** Compiled to JVM bytecode ({@code io.bpf4j.vm.jit.JitCompiler}); verified programs only. */
  JIT,
  /** The interpreter in fast mode (no bounds checks); verified programs only. */
  INTERPRETER,
  /** The interpreter checking every memory access; the only engine for unverified programs. */
  CHECKED
}
