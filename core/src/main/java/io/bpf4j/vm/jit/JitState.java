package io.bpf4j.vm.jit;

import io.bpf4j.isa.Opcodes;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's run state for compiled programs: the native stack (8 frames of 512 bytes,
 * allocated once per thread and reused by every run), the register transfer area used when a
 * large function is split into regions. Helpers see it as a {@link
 * RunState}.
 */
final class JitState extends RunState {
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

  JitState(Thread owner) {
    this.owner = owner;
    this.stack = Arena.ofAuto().allocate(STACK_BYTES, 64);
    long base = stack.address();
    this.frameTop0 = base + Opcodes.STACK_SIZE;
    this.stackEnd = base + STACK_BYTES;
  }

  /** This thread's shared state, or a fresh one when it is already in use (re-entry). */
  static JitState forCurrentThread() {
    JitState s = CURRENT.get();
    return s.busy ? new JitState(s.owner) : s;
  }

  /** Starts a run. */
  void begin(long ctx, long ctxLen) {
    busy = true;
    reset(ctx, ctxLen);
  }
}
