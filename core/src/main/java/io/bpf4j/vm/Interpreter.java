package io.bpf4j.vm;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/**
 * The reference interpreter of eBPF: runs a program with the exact semantics of RFC 9669.
 *
 * <p>Loading validates the program (every instruction, every jump and call target, every helper
 * id against the {@link HelperTable}) and decodes it into flat arrays. A run then allocates
 * nothing: each thread has its own registers and native stack (8 frames of 512 bytes, r10 at
 * the top of the current frame), reused across runs. Registers hold real native addresses
 * (DESIGN.md, memory model).
 *
 * <p>Two modes ({@link InterpreterOptions}): <em>fast</em>, for verified programs, accesses
 * memory without checks; <em>checked</em> tests every access against the program's memory and
 * stops a run after an instruction budget, with an {@link ExecutionException} that names the
 * instruction, the address and the size.
 *
 * <p>Callbacks: {@code lddw rX, BPF_PSEUDO_FUNC} (imm the subprogram's offset from the next
 * slot, as the kernel and clang encode it) loads the subprogram's slot; helpers such as {@code
 * bpf_loop} call it through the run state, which implements {@link
 * io.bpf4j.helpers.Subprograms}: the subprogram runs nested in the current run, on a fresh
 * frame one above the caller's (at most 8 frames in all, callbacks included).
 *
 * {@snippet :
 * Interpreter vm = Interpreter.load(insns, HelperTable.empty(), InterpreterOptions.checkedMode());
 * RunResult res = vm.execute(new byte[] {1, 2, 3, 4});
 * long r0 = res.r0();
 * }
 */
public final class Interpreter implements Engine {
  private final DecodedProgram program;
  private final InterpreterOptions options;
  private final long budget;
  private final Region[] regions;
  private final ThreadLocal<ThreadContext> contexts;

  private Interpreter(DecodedProgram program, InterpreterOptions options) {
    this.program = program;
    this.options = options;
    this.budget = options.checked() ? options.budget() : Long.MAX_VALUE;
    this.regions = options.regions().toArray(new Region[0]);
    this.contexts = ThreadLocal.withInitial(this::newContext);
  }

  /**
   * Validates and loads a program.
   *
   * @throws InvalidProgramException naming the instruction and the reason: an invalid encoding,
   *     a jump or call outside the program or into an lddw, an unknown helper id, an unresolved
   *     lddw pseudo source, a kfunc call, a write to r10; in checked mode also a read of a
   *     register that is not written on every path to it
   */
  public static Interpreter load(List<Insn> insns, HelperTable helpers, InterpreterOptions opts)
      throws InvalidProgramException {
    return load(insns, helpers, opts, Fusion.defaultLevel());
  }

  /**
   * As {@link #load(List, HelperTable, InterpreterOptions)}, with the loads at the slots of
   * {@code probeLoads} run as {@link ProbeLoads probe loads} in both modes (the verifier's
   * {@code RangeFacts.probeLoads()}: loads through BTF-typed pointers, which read 0 outside
   * the blocks the helpers handed out instead of failing).
   */
  public static Interpreter load(List<Insn> insns, HelperTable helpers, InterpreterOptions opts,
      java.util.BitSet probeLoads) throws InvalidProgramException {
    return load(insns, helpers, opts, Fusion.defaultLevel(), probeLoads);
  }

  /** As {@link #load(List, HelperTable, InterpreterOptions)} with the given superinstructions. */
  static Interpreter load(List<Insn> insns, HelperTable helpers, InterpreterOptions opts,
      Fusion.Level fusion) throws InvalidProgramException {
    return load(insns, helpers, opts, fusion, new java.util.BitSet());
  }

  private static Interpreter load(List<Insn> insns, HelperTable helpers, InterpreterOptions opts,
      Fusion.Level fusion, java.util.BitSet probeLoads) throws InvalidProgramException {
    Objects.requireNonNull(helpers, "helpers");
    Objects.requireNonNull(opts, "opts");
    DecodedProgram p = DecodedProgram.decode(insns, helpers, fusion, probeLoads);
    if (opts.checked()) {
      InitCheck.check(insns, p.slots);
    }
    return new Interpreter(p, opts);
  }

  /** Decodes little-endian bytecode ({@link InsnCodec#decode(byte[])}) and loads it. */
  public static Interpreter load(byte[] code, HelperTable helpers, InterpreterOptions opts)
      throws InvalidProgramException {
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(code);
    } catch (InvalidInsnException e) {
      throw new InvalidProgramException(e.slot(), e.reason());
    }
    return load(insns, helpers, opts);
  }

  private ThreadContext newContext() {
    return new ThreadContext(options.checked(), regions, program, budget, this);
  }

  /**
   * Runs the subprogram at {@code slot} as a run of its own on the calling thread (an
   * asynchronous callback: frame 0, r1..r5 given, {@code lent} allowed in checked mode).
   */
  long runAsync(int slot, Region[] lent, long r1, long r2, long r3, long r4, long r5) {
    ThreadContext t = contexts.get();
    if (t.busy) {
      t = newContext();
    }
    t.busy = true;
    t.callbackInstructions = 0;
    try {
      return Exec.runAt(program, t, budget, slot, lent, r1, r2, r3, r4, r5);
    } finally {
      t.busy = false;
    }
  }

  /**
   * Runs the program once with r1 = {@code ctx} and r2 = {@code ctxLen}; returns r0. Allocates
   * nothing. In checked mode {@code [ctx, ctx + ctxLen)} is the context the program may access.
   *
   * @throws ExecutionException when the run fails
   */
  @Override
  public long run(long ctx, long ctxLen) {
    ThreadContext t = contexts.get();
    if (t.busy) {
      t = newContext(); // a helper runs this program again on the same thread
    }
    t.busy = true;
    t.callbackInstructions = 0;
    try {
      return Exec.run(program, t, budget, ctx, ctxLen);
    } finally {
      t.busy = false;
    }
  }

  /**
   * Runs the program on {@code input} (native memory; r1 = its address, r2 = its size) and
   * returns r0, the number of instructions executed and the error, if any.
   */
  public RunResult execute(MemorySegment input) {
    if (!input.isNative()) {
      throw new IllegalArgumentException("input must be native memory (an Arena's segment)");
    }
    try {
      long r0 = run(input.address(), input.byteSize());
      return new RunResult(r0, lastInstructions(), null);
    } catch (ExecutionException e) {
      return new RunResult(0, lastInstructions(), e);
    }
  }

  /**
   * Runs the program on a native copy of {@code input} (none when it is empty: r1 = 0) and
   * copies what the program wrote back into the array.
   */
  public RunResult execute(byte[] input) {
    if (input.length == 0) {
      return execute(MemorySegment.NULL);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mem = arena.allocate(input.length, 8);
      MemorySegment.copy(input, 0, mem, ValueLayout.JAVA_BYTE, 0, input.length);
      RunResult res = execute(mem);
      MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, 0, input, 0, input.length);
      return res;
    }
  }

  /**
   * Instructions executed by the last run of this program on the calling thread, those of its
   * callbacks included.
   */
  public long lastInstructions() {
    ThreadContext t = contexts.get();
    return t.instructions + t.callbackInstructions;
  }

  /** The options this program was loaded with. */
  public InterpreterOptions options() {
    return options;
  }

  /** Number of 8-byte slots of the program. */
  public int slots() {
    return program.slots;
  }
}
