package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import io.bpf4j.verifier.RangeFacts;
import io.bpf4j.verifier.VerifierResult;
import io.bpf4j.vm.HelperTable;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Objects;

/**
 * Compiles a verified eBPF program to JVM bytecode: a hidden class, defined with the helper
 * table as class data, that HotSpot compiles to machine code like any hot Java method.
 *
 * {@snippet :
 * HelperTable helpers = HelperTable.empty().with(5, "unwind", (s, r1, r2, r3, r4, r5) -> r1);
 * JitProgram p = JitCompiler.compile(insns, helpers);
 * long r0 = p.run(ctx, ctxLen);
 * System.out.println(p.compileNanos() / 1000 + " us, " + p.methodCount() + " methods");
 * }
 *
 * <p>Only verified programs may be compiled: memory accesses are not checked. The compiler
 * itself rejects, with the instruction index and the reason, what it cannot compile: invalid
 * encodings, jumps into the middle of {@code lddw} or out of their function, unknown helpers,
 * unresolved {@code lddw} pseudo sources, legacy packet loads and kfunc calls.
 */
public final class JitCompiler {
  private JitCompiler() {}

  /**
   * Compiles {@code insns} with the helpers of {@code helpers}. {@code bpf_tail_call} (helper
   * 12) is one of them: the standard helper table's tail call runs the target and stops the
   * run ({@code io.bpf4j.helpers.StandardHelpers}), the same path the interpreter takes.
   *
   * @throws IllegalArgumentException when the program cannot be compiled (names the
   *     instruction)
   */
  public static JitProgram compile(List<Insn> insns, HelperTable helpers) {
    return compile(insns, helpers, RangeFacts.none());
  }

  /**
   * Compiles {@code insns} with what the verifier proved about them ({@link
   * VerifierResult#facts()} of an accepted program, for exactly these instructions): unsigned
   * compares of registers known to be non-negative become signed ones (with {@code
   * -Dbpf4j.jit.countedLoops=true}, a counted loop's signed test is also emitted so that C2
   * counts the loop), and registers known below 2^32 take the 32-bit paths of division.
   * The facts must come from verifying the same instructions (relocated map addresses aside);
   * {@code -Dbpf4j.jit.rangeFacts=false} (read at compile time) ignores them.
   *
   * @throws IllegalArgumentException when the program cannot be compiled (names the
   *     instruction)
   */
  public static JitProgram compile(List<Insn> insns, HelperTable helpers, RangeFacts facts) {
    Objects.requireNonNull(facts, "facts");
    return compile(insns, helpers, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET,
        Consts.POOL_LIMIT,
        "false".equals(System.getProperty("bpf4j.jit.rangeFacts")) ? RangeFacts.none() : facts);
  }

  /**
   * With explicit limits (tests force splitting with these): functions estimated above {@code
   * directLimit} bytes are cut into regions of {@code regionBudget}; at most {@code poolLimit}
   * constant pool slots hold constants.
   */
  static JitProgram compile(List<Insn> insns, HelperTable helpers,
      int directLimit, int regionBudget, int poolLimit) {
    return compile(insns, helpers, directLimit, regionBudget, poolLimit, RangeFacts.none());
  }

  /** With explicit limits and facts. */
  static JitProgram compile(List<Insn> insns, HelperTable helpers,
      int directLimit, int regionBudget, int poolLimit, RangeFacts facts) {
    Objects.requireNonNull(helpers, "helpers");
    long t0 = System.nanoTime();
    Layout layout = new Layout(insns, directLimit, regionBudget, facts);
    ClassEmitter emitter = new ClassEmitter(layout, helpers, poolLimit);
    long t1 = System.nanoTime();
    byte[] bytes = emitter.build();
    long t2 = System.nanoTime();
    if (Boolean.getBoolean("bpf4j.jit.trace")) {
      System.err.printf("layout %.1f ms, build %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
    JitProgram p;
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.lookup().defineHiddenClassWithClassData(bytes, emitter.classData(), true);
      p = (JitProgram) lookup.findConstructor(lookup.lookupClass(),
          java.lang.invoke.MethodType.methodType(void.class)).invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot define the compiled class: " + e, e);
    }
    long nanos = System.nanoTime() - t0;
    p.init(layout.insns, bytes, nanos, stats(layout, bytes), layout.callbackSlots);
    return p;
  }

  private static Layout.Stats stats(Layout layout, byte[] bytes) {
    ClassModel cm = ClassFile.of().parse(bytes);
    int largest = 0;
    for (MethodModel mm : cm.methods()) {
      var code = mm.findAttribute(java.lang.classfile.Attributes.code());
      if (code.isPresent()) {
        CodeAttribute ca = code.get();
        largest = Math.max(largest, ca.codeLength());
      }
    }
    return new Layout.Stats(
        layout.fns.length, layout.regions.size(), cm.methods().size(), largest);
  }
}
