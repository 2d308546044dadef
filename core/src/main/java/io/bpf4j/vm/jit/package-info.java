/**
 * The JIT: compiles a verified eBPF program ({@code List<Insn>}) into a hidden JVM class with
 * {@code java.lang.classfile}, which HotSpot then compiles to machine code.
 *
 * <p>Registers are {@code long} locals, jumps are labels, memory is one access through
 * {@link io.bpf4j.vm.Memory#ALL}, helpers are invocations on constant {@link io.bpf4j.vm.Helper}
 * objects loaded from class data, and bpf-to-bpf calls are static methods with their own
 * 512-byte native stack frames. Large functions are split into regions of at most a few
 * thousand bytecode bytes so that HotSpot compiles all of them.
 *
 * {@snippet :
 * JitProgram p = JitCompiler.compile(insns, HelperTable.empty());
 * long r0 = p.run(ctxAddress, ctxLength);
 * }
 */
package io.bpf4j.vm.jit;
