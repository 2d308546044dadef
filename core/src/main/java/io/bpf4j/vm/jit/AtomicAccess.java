package io.bpf4j.vm.jit;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The var handles that the generated code uses for {@code BPF_ATOMIC}: aligned little-endian
 * 32- and 64-bit accesses with coordinates {@code (MemorySegment, long offset)}, used on {@link
 * io.bpf4j.vm.Memory#ALL}. Atomic access modes need natural alignment, as the kernel's verifier
 * requires of atomics; a misaligned address fails with an exception instead of tearing.
 */
final class AtomicAccess {
  private AtomicAccess() {}

  /** 32-bit atomic word. */
  static final VarHandle I32 =
      ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
  /** 64-bit atomic double word. */
  static final VarHandle I64 =
      ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
}
