package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.MAX_CALL_DEPTH;
import static io.bpf4j.isa.Opcodes.STACK_SIZE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What one thread needs to run one program, allocated once and reused by every run: the
 * registers, the native stack of {@link io.bpf4j.isa.Opcodes#MAX_CALL_DEPTH} frames of 512
 * bytes, the saved registers of the calls in progress and the {@link RunState}.
 */
final class ThreadContext {
  final long[] regs = new long[16];
  /** Per call depth: the slot of the call instruction. */
  final int[] retPc = new int[MAX_CALL_DEPTH];
  /** Per call depth: the caller's r6..r9. */
  final long[] saved = new long[MAX_CALL_DEPTH * 4];
  /** The stack; kept reachable as long as this context is. */
  private final MemorySegment stack;
  /** One past the highest byte of the stack: r10 of the main function. */
  final long stackTop;
  final RunState state;
  /** The checked state, or null in fast mode (then {@link #state} is a plain RunState). */
  final CheckedState checked;
  /** Instructions executed by the last run on this context. */
  long instructions;
  /** Instructions executed in callbacks during the last run (not in {@link #instructions}). */
  long callbackInstructions;
  /** True while a run is using this context (a helper may start another run). */
  boolean busy;

  ThreadContext(boolean checkedMode, Region[] regions, DecodedProgram program, long budget,
      Interpreter owner) {
    stack = Arena.ofAuto().allocate((long) MAX_CALL_DEPTH * STACK_SIZE, 16);
    stackTop = stack.address() + stack.byteSize();
    checked = checkedMode ? new CheckedState(stackTop, regions) : null;
    SubprogramState s = checkedMode ? checked : new SubprogramState();
    s.attach(this, program, budget, owner);
    s.stack(stack.address(), stackTop);
    state = s;
  }
}
