package io.bpf4j.kernel.agree;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.BpfException;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.ProgramOptions;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.kernel.TestRunResult;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs one program on a buffer on each engine — the interpreter (fast and checked), the JIT
 * and the kernel — and says what each gave: r0 and the buffer after the run, or the failure.
 */
final class Engines {
  private Engines() {}

  /** The four engines. */
  enum Engine { INTERPRETER, CHECKED, JIT, KERNEL }

  /**
   * What one engine gave.
   *
   * @param r0 r0 at exit (the kernel: its 32-bit retval, sign-extended)
   * @param memory the buffer after the run
   * @param error why it did not run (null when it ran)
   */
  record Outcome(long r0, byte[] memory, String error) {
    static Outcome failed(String why) {
      return new Outcome(0, new byte[0], why);
    }

    boolean ok() {
      return error == null;
    }

    @Override
    public String toString() {
      return ok() ? "r0=0x" + Long.toHexString(r0) + " mem=" + HexFormat.of().formatHex(memory)
          : "error: " + error;
    }
  }

  static Outcome interpreter(List<Insn> insns, HelperTable helpers, byte[] input,
      boolean checked) {
    Interpreter vm;
    try {
      vm = Interpreter.load(insns, helpers,
          checked ? InterpreterOptions.checkedMode() : InterpreterOptions.fast());
    } catch (InvalidProgramException e) {
      return Outcome.failed("refused at load: " + e.getMessage());
    }
    byte[] mem = input.clone();
    RunResult r = vm.execute(mem);
    return r.ok() ? new Outcome(r.r0(), mem, null)
        : Outcome.failed("failed: " + r.error().getMessage());
  }

  static Outcome jit(List<Insn> insns, HelperTable helpers, byte[] input) {
    JitProgram p;
    try {
      p = JitCompiler.compile(insns, helpers);
    } catch (IllegalArgumentException e) {
      return Outcome.failed("refused by the compiler: " + e.getMessage());
    }
    try (Arena arena = Arena.ofConfined()) {
      long addr = 0;
      MemorySegment m = MemorySegment.NULL;
      if (input.length > 0) {
        m = arena.allocate(input.length, 8);
        MemorySegment.copy(input, 0, m, ValueLayout.JAVA_BYTE, 0, input.length);
        addr = m.address();
      }
      long r0;
      try {
        r0 = p.run(addr, input.length);
      } catch (RuntimeException e) {
        return Outcome.failed("failed: " + e);
      }
      return new Outcome(r0, m.toArray(ValueLayout.JAVA_BYTE), null);
    }
  }

  /**
   * Loads the program as XDP with a prologue that gives it r1 = the packet (checked to hold
   * {@code input.length} bytes) and r2 = its length, and test-runs it on {@code input}
   * (padded to an Ethernet header when shorter). {@link Outcome#error} holds the errno and
   * the verifier's last words when the kernel refuses the program.
   */
  static Outcome kernel(List<Insn> insns, byte[] input) {
    ProgramOptions o = ProgramOptions.builder(ProgType.XDP, withPrologue(insns, input.length))
        .name("agree").license("GPL").expectedAttachType(AttachType.XDP).build();
    try (KernelProgram p = KernelProgram.load(o)) {
      byte[] data = input.length >= 14 ? input : Arrays.copyOf(input, 14);
      TestRunResult r = p.testRun(TestRun.of(data));
      return new Outcome(r.retval(), Arrays.copyOf(r.dataOut(), input.length), null);
    } catch (BpfException e) {
      return Outcome.failed(e.errnoName() + lastWords(e.log()));
    }
  }

  /** The verifier's last meaningful line. */
  static String lastWords(String log) {
    String[] lines = log.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")) {
        return ": " + l;
      }
    }
    return "";
  }

  /** The XDP prologue: r1 = data, checked for {@code size} bytes; r2 = size. */
  static List<Insn> withPrologue(List<Insn> body, int size) {
    List<Insn> out = new ArrayList<>();
    if (size > 0) {
      out.add(Insn.of(ALU64 | MOV | X, 6, 1, 0, 0)); // r6 = r1 (the xdp_md)
      out.add(Insn.of(LDX | MEM | W, 1, 6, 0, 0)); // r1 = data
      out.add(Insn.of(LDX | MEM | W, 2, 6, 4, 0)); // r2 = data_end
      out.add(Insn.of(ALU64 | MOV | X, 3, 1, 0, 0)); // r3 = r1
      out.add(Insn.of(ALU64 | ADD | K, 3, 0, 0, size)); // r3 += size
      out.add(Insn.of(JMP | JLE | X, 3, 2, 2, 0)); // if r3 <= r2 goto +2
      out.add(Insn.of(ALU64 | MOV | K, 0, 0, 0, -1)); // r0 = -1
      out.add(Insn.of(JMP | EXIT, 0, 0, 0, 0));
      out.add(Insn.of(ALU64 | MOV | K, 2, 0, 0, size)); // r2 = size
      out.add(Insn.of(ALU64 | MOV | K, 3, 0, 0, 0)); // no pointer left in r3
      out.add(Insn.of(ALU64 | MOV | K, 6, 0, 0, 0)); // nor in r6
    }
    out.addAll(body);
    return out;
  }
}
