package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.Engine;
import java.util.List;

/**
 * A program compiled by {@link JitCompiler}: a hidden class that HotSpot compiles to machine
 * code. {@link #run} is thread-safe; each thread runs on its own native stack, reused across
 * runs, so a run allocates nothing.
 *
 * <p>The generated class extends this one and implements {@link #run} itself, so every
 * program has its own call profile and the call from Java inlines into the program's entry.
 */
public abstract class JitProgram implements Engine {
  /** The state the last run on some thread used; checked against the current thread. */
  private JitState cached;

  private List<Insn> insns = List.of();
  private byte[] classBytes = new byte[0];
  private long compileNanos;
  private Layout.Stats stats;
  private int[] callbackSlots = new int[0];

  /** Only generated subclasses in this package. */
  JitProgram() {}

  final void init(List<Insn> insns, byte[] classBytes, long compileNanos, Layout.Stats stats,
      int[] callbackSlots) {
    this.callbackSlots = callbackSlots;
    this.insns = insns;
    this.classBytes = classBytes;
    this.compileNanos = compileNanos;
    this.stats = stats;
  }

  @Override
  public abstract long run(long ctx, long ctxLen);

  /**
   * Runs the subprogram at {@code slot} (a callback) with r1..r5 on frame {@code r10}; the
   * generated class switches on the slots of {@link #isCallback its callbacks}.
   */
  abstract long callSubprogram(int slot, JitState s, long r1, long r2, long r3, long r4, long r5,
      long r10);

  /**
   * Runs the subprogram at {@code slot} as a run of its own on the calling thread, in frame
   * 0 (an asynchronous callback, such as a timer's).
   */
  final long runAsync(int slot, long r1, long r2, long r3, long r4, long r5) {
    JitState s = acquire(0, 0);
    try {
      return callSubprogram(slot, s, r1, r2, r3, r4, r5, s.frameTop0);
    } finally {
      release(s);
    }
  }

  /** True when {@code fn} is the slot of a subprogram some {@code lddw} of a function names. */
  final boolean isCallback(long fn) {
    return fn >= 0 && fn <= Integer.MAX_VALUE
        && java.util.Arrays.binarySearch(callbackSlots, (int) fn) >= 0;
  }

  /** The calling thread's state, marked busy and reset for a run on {@code ctx}. */
  final JitState acquire(long ctx, long ctxLen) {
    JitState s = cached;
    if (s == null || s.owner != Thread.currentThread() || s.busy) {
      s = JitState.forCurrentThread();
      cached = s;
    }
    s.begin(ctx, ctxLen);
    return s;
  }

  /** Ends a run on {@code s}. */
  static void release(JitState s) {
    s.busy = false;
  }

  /** Wall-clock nanoseconds from the instruction list to a loaded class. */
  public long compileNanos() {
    return compileNanos;
  }

  /** The instructions this program was compiled from. */
  public List<Insn> insns() {
    return insns;
  }

  /** The generated class file (for tools; a copy). */
  public byte[] classBytes() {
    return classBytes.clone();
  }

  /** Number of eBPF functions (the main program and its bpf-to-bpf subprograms). */
  public int functionCount() {
    return stats.functions();
  }

  /** Number of regions that large functions were split into (0 when none was split). */
  public int regionCount() {
    return stats.regions();
  }

  /** Number of generated JVM methods. */
  public int methodCount() {
    return stats.methods();
  }

  /** The largest generated method's bytecode size in bytes (HotSpot compiles up to 8000). */
  public int largestMethodBytes() {
    return stats.largestMethod();
  }

  /** The generated JVM bytecode, grouped under the eBPF instruction it implements. */
  public String dump() {
    return BytecodeDump.render(classBytes, insns);
  }
}
