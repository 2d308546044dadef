package io.bpf4j.vm.jit;

import io.bpf4j.helpers.AsyncCallback;
import io.bpf4j.helpers.Callback;
import io.bpf4j.helpers.Subprograms;
import io.bpf4j.isa.Opcodes;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's run state for compiled programs: the native stack (8 frames of 512 bytes,
 * allocated once per thread and reused by every run) and the register transfer area used when
 * a large function is split into regions. Helpers see it as a {@link RunState}, and helpers
 * with a callback as {@link Subprograms}: before calling such a helper the compiled code
 * records its program and its frame ({@link #cbProgram}, {@link #cbFp}), and the callback
 * runs the subprogram's method on the next frame up. One {@link JitCallback} per
 * frame, made once per thread: calling back allocates nothing.
 */
final class JitState extends RunState implements Subprograms {
  /** Bytes of native stack: {@code MAX_CALL_DEPTH} frames of {@code STACK_SIZE}. */
  static final int STACK_BYTES = Opcodes.MAX_CALL_DEPTH * Opcodes.STACK_SIZE;

  private static final ThreadLocal<JitState> CURRENT =
      ThreadLocal.withInitial(() -> new JitState(Thread.currentThread()));

  /** The thread this state belongs to. */
  final Thread owner;
  /** True while a run on this state is in progress (a helper may re-enter a program). */
  boolean busy;
  /** Registers r0..r10 at a region boundary of a split function. */
  final long[] regs = new long[Opcodes.REGISTER_COUNT];
  /** Keeps the native stack alive as long as this state. */
  private final MemorySegment stack;
  /** r10 of the main function: the top of frame 0. */
  final long frameTop0;
  /** The highest r10 a call may get: the top of frame 7. */
  final long stackEnd;
  /** The program that calls a helper with a callback (set by the code just before the call). */
  JitProgram cbProgram;
  /** r10 of the function that calls a helper with a callback. */
  long cbFp;
  private final JitCallback[] callbacks = new JitCallback[Opcodes.MAX_CALL_DEPTH];

  JitState(Thread owner) {
    this.owner = owner;
    this.stack = Arena.ofAuto().allocate(STACK_BYTES, 64);
    long base = stack.address();
    this.frameTop0 = base + Opcodes.STACK_SIZE;
    this.stackEnd = base + STACK_BYTES;
    stack(base, stackEnd);
  }

  /** The state a run re-entering this thread's programs uses while this one is busy. */
  private JitState nested;

  /**
   * This thread's first state that is not in use: the shared one, or for a re-entrant run (a
   * tail call, a helper running a program) the one of its depth, made once per thread.
   */
  static JitState forCurrentThread() {
    JitState s = CURRENT.get();
    while (s.busy) {
      if (s.nested == null) {
        s.nested = new JitState(s.owner);
      }
      s = s.nested;
    }
    return s;
  }

  /** The compiled program calling back, after checking that {@code fn} is one of its callbacks. */
  private JitProgram callingProgram(long fn) {
    JitProgram p = cbProgram;
    if (p == null) {
      throw new ExecutionException(-1, "callback " + fn + ": no compiled program is calling back");
    }
    if (!p.isCallback(fn)) {
      throw new ExecutionException(-1, "callback " + fn + " is not a subprogram of the program"
          + " (an lddw of a function gives one)");
    }
    return p;
  }

  @Override
  public Callback callback(long fn) {
    JitProgram p = callingProgram(fn);
    long fp = cbFp + Opcodes.STACK_SIZE;
    if (fp > stackEnd) {
      throw new ExecutionException(-1, "callback: call depth would exceed "
          + Opcodes.MAX_CALL_DEPTH + " frames");
    }
    int frame = (int) ((fp - frameTop0) / Opcodes.STACK_SIZE);
    JitCallback c = callbacks[frame];
    if (c == null) {
      c = new JitCallback(this);
      callbacks[frame] = c;
    }
    c.program = p;
    c.slot = (int) fn;
    c.fp = fp;
    return c;
  }

  @Override
  public AsyncCallback asyncCallback(long fn) {
    JitProgram p = callingProgram(fn);
    int slot = (int) fn;
    return (lent, r1, r2, r3, r4, r5) -> p.runAsync(slot, r1, r2, r3, r4, r5);
  }

  /** A callback bound to its program, subprogram and frame. */
  private static final class JitCallback implements Callback {
    final JitState state;
    JitProgram program;
    int slot;
    long fp;

    JitCallback(JitState state) {
      this.state = state;
    }

    @Override
    public long call(long r1, long r2, long r3, long r4, long r5) {
      return program.callSubprogram(slot, state, r1, r2, r3, r4, r5, fp);
    }
  }

  /** Starts a run. */
  void begin(long ctx, long ctxLen) {
    busy = true;
    reset(ctx, ctxLen);
  }
}
