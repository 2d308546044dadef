package io.bpf4j.vm.jit;

/**
 * Where {@code bpf_tail_call(ctx, prog_array, index)} (helper 12, {@code BPF_FUNC_tail_call})
 * finds its target: the maps backend connects its {@code BPF_MAP_TYPE_PROG_ARRAY} here.
 *
 * <p>A successful tail call runs the target with r1 = ctx on the caller's stack frame and its
 * r0 becomes the result of the calling function; at most {@link
 * io.bpf4j.isa.Opcodes#MAX_TAIL_CALLS} tail calls per run succeed. When the slot is empty or the
 * limit is reached, the call returns a negative errno in r0 and the caller continues, as in the
 * kernel.
 */
@FunctionalInterface
public interface TailCalls {
  /**
   * The program in slot {@code index} of the map that r2 designates, or null when the slot is
   * empty or the index is out of range.
   */
  JitProgram target(long map, long index);
}
