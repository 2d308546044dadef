package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.MAX_CALL_DEPTH;
import static io.bpf4j.isa.Opcodes.STACK_SIZE;

import io.bpf4j.helpers.AsyncCallback;
import io.bpf4j.helpers.Callback;
import io.bpf4j.helpers.Subprograms;

/**
 * The interpreter's run state as helpers with a callback see it ({@code bpf_loop},
 * {@code bpf_for_each_map_elem}): a callback's value is the slot of its subprogram (what
 * {@code lddw rX, BPF_PSEUDO_FUNC} loads in this VM), and calling it runs the interpreter's
 * loop from that slot, nested in the run in progress on the same thread and its
 * {@link ThreadContext}: a fresh 512-byte frame one above the caller's (the callback's frame
 * counts toward the depth limit of 8, as in the kernel), r1..r5 the helper's arguments, and
 * the caller's registers saved around it. In checked mode the frame is memory the callback may
 * use, as any frame below the current depth.
 *
 * <p>One {@link Call} per frame depth, made once per thread and reused: calling back
 * allocates nothing.
 */
class SubprogramState extends RunState implements Subprograms {
  private ThreadContext t;
  private DecodedProgram program;
  private long budget;
  private Interpreter owner;
  private final Call[] calls = new Call[MAX_CALL_DEPTH];

  /** Connects the state to its thread's context; called once by {@link ThreadContext}. */
  final void attach(ThreadContext t, DecodedProgram program, long budget, Interpreter owner) {
    this.owner = owner;
    this.t = t;
    this.program = program;
    this.budget = budget;
  }

  @Override
  public final Callback callback(long fn) {
    int at = this instanceof CheckedState c ? c.pc : -1;
    if (program == null || !program.isCallback(fn)) {
      throw new ExecutionException(at, "callback " + fn + " is not a subprogram of the program"
          + " (an lddw of a function gives one)");
    }
    // r10 is read-only: it tells the depth of the frame that calls the helper
    int depth = (int) ((t.stackTop - t.regs[10]) / STACK_SIZE) + 1;
    if (depth >= MAX_CALL_DEPTH) {
      throw new ExecutionException(at, "callback: call depth would exceed " + MAX_CALL_DEPTH
          + " frames");
    }
    Call c = calls[depth];
    if (c == null) {
      c = new Call(depth);
      calls[depth] = c;
    }
    c.slot = (int) fn;
    return c;
  }

  @Override
  public final AsyncCallback asyncCallback(long fn) {
    int at = this instanceof CheckedState c ? c.pc : -1;
    if (program == null || owner == null || !program.isCallback(fn)) {
      throw new ExecutionException(at, "callback " + fn + " is not a subprogram of the program"
          + " (an lddw of a function gives one)");
    }
    Interpreter vm = owner;
    int slot = (int) fn;
    return (lent, r1, r2, r3, r4, r5) -> vm.runAsync(slot, lent, r1, r2, r3, r4, r5);
  }

  /** Calls of the callbacks that run in frame {@link #depth}. */
  private final class Call implements Callback {
    final int depth;
    int slot;

    Call(int depth) {
      this.depth = depth;
    }

    @Override
    public long call(long r1, long r2, long r3, long r4, long r5) {
      long[] r = t.regs;
      long s0 = r[0];
      long s6 = r[6];
      long s7 = r[7];
      long s8 = r[8];
      long s9 = r[9];
      long s10 = r[10];
      CheckedState cs = t.checked;
      int pc = cs != null ? cs.pc : 0;
      int d = cs != null ? cs.depth : 0;
      long outer = t.instructions;
      r[0] = 0;
      r[1] = r1;
      r[2] = r2;
      r[3] = r3;
      r[4] = r4;
      r[5] = r5;
      r[6] = 0;
      r[7] = 0;
      r[8] = 0;
      r[9] = 0;
      r[10] = t.stackTop - (long) depth * STACK_SIZE;
      long left = budget == Long.MAX_VALUE ? budget : Math.max(0, budget - t.callbackInstructions);
      try {
        return Exec.loop(program, t, left, ctx, ctxLen, slot, depth);
      } finally {
        t.callbackInstructions += t.instructions;
        t.instructions = outer;
        r[0] = s0;
        r[6] = s6;
        r[7] = s7;
        r[8] = s8;
        r[9] = s9;
        r[10] = s10;
        if (cs != null) {
          cs.pc = pc;
          cs.depth = d;
        }
      }
    }
  }
}
