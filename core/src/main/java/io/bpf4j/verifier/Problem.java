package io.bpf4j.verifier;

/** The rule a rejected program broke; each has its own advice in {@link Explain}. */
public enum Problem {
  /** An instruction that is not valid eBPF (unknown opcode, reserved field set). */
  BAD_INSN,
  /** A jump or call out of the program or into the middle of an {@code lddw}. */
  BAD_JUMP,
  /** Code that no path reaches. */
  UNREACHABLE,
  /** A function whose last instruction falls through. */
  FALLS_THROUGH,
  /** A loop, where loops are not allowed (unprivileged). */
  BACK_EDGE,
  /** A loop that never makes progress. */
  INFINITE_LOOP,
  /** More than 1,000,000 instructions processed (or a program too large). */
  TOO_COMPLEX,
  /** Bpf-to-bpf calls nested deeper than 8 frames. */
  CALL_DEPTH,
  /** The frames of a call chain use more than 512 bytes of stack. */
  STACK_LIMIT,
  /** A register read before it was written. */
  UNINIT_REG,
  /** Stack read where nothing was written. */
  UNINIT_STACK,
  /** A store to the read-only frame pointer, or other bad register use. */
  BAD_REG,
  /** A load or store through a value that may be NULL. */
  NULL_DEREF,
  /** A load or store through a scalar, a map pointer or packet end. */
  NOT_A_POINTER,
  /** An access outside a map value. */
  MAP_BOUNDS,
  /** An access outside the stack frame. */
  STACK_BOUNDS,
  /** A packet access not proven to lie before {@code data_end}. */
  PACKET_BOUNDS,
  /** A context field the program type may not access, or not with this size. */
  CTX_ACCESS,
  /** An index whose bounds are unknown or may be negative. */
  UNBOUNDED_INDEX,
  /** Arithmetic the kernel forbids on this kind of pointer. */
  POINTER_ARITH,
  /** A pointer stored where unprivileged programs may not store it, or returned. */
  POINTER_LEAK,
  /** A helper the program type may not call, or an unknown one. */
  HELPER_NOT_ALLOWED,
  /** A helper argument of the wrong kind or size. */
  HELPER_ARG,
  /** A packet pointer given to a helper that may not read the packet directly. */
  PACKET_TO_HELPER,
  /** A ring buffer reservation not submitted or discarded on some path. */
  REFERENCE_LEAK,
  /** Spin lock misuse. */
  LOCK,
  /** A return value outside the range the program type allows. */
  RETURN_VALUE,
  /** A map the program does not have. */
  BAD_MAP,
  /** Writing where the program type may not write (packet, context). */
  READ_ONLY,
  /**
   * A dynptr on the stack misused: read, copied or overwritten as plain bytes, used before it
   * was made or after it was released, made again over a live ring buffer dynptr.
   */
  DYNPTR,
  /**
   * A read of a kernel struct through a BTF-typed pointer that does not match its members
   * (beyond a member, part of a pointer member, beyond the struct, a variable offset).
   */
  KERNEL_STRUCT
}
