package io.bpf4j.jvm;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.UserRingBuffer;
import java.lang.foreign.MemorySegment;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * user_ringbuf.o ({@code bpf_user_ringbuf_drain} with dynptrs), verified, on each engine,
 * with the counters the kernel (Linux 6.18) gave for the same samples, recorded here;
 * {@code UserRingbufAgreementTest} (kernel module) compares with a live kernel.
 */
class JvmUserRingbufTest {
  static void put(UserRingBuffer rb, long value, int size) {
    MemorySegment s = rb.reserve(size);
    s.set(JAVA_LONG_UNALIGNED, 0, value);
    rb.submit(s);
  }

  /** out: {drained, sum, calls, error, read past the end, bad flags, runs}. */
  static long[] out(JvmObject o) {
    long[] v = new long[7];
    for (int i = 0; i < 7; i++) {
      v[i] = JvmTimersTest.words(o.map("out"), i)[0];
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void drainsAsTheKernelDoes(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("user_ringbuf.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      UserRingBuffer rb = UserRingBuffer.of(o.map("urb"));
      byte[] frame = new byte[64];
      put(rb, 1, 8);
      put(rb, 2, 8);
      MemorySegment d = rb.reserve(8);
      rb.discard(d);
      put(rb, 3, 8);
      put(rb, 10, 16);
      o.program("drain").testRun(frame, null, 1);
      assertArrayEquals(new long[] {4, 16, 4, 0, -7, -22, 1}, out(o),
          "four samples (the discarded one skipped); a read past the end is -E2BIG");
      put(rb, 99, 8);
      put(rb, 5, 8);
      o.program("drain").testRun(frame, null, 1);
      assertArrayEquals(new long[] {5, 115, 5, 0, -14, -44, 2}, out(o),
          "the callback stops after 99, which is counted");
      rb.reserve(8); // busy
      put(rb, 6, 8);
      o.program("drain").testRun(frame, null, 1);
      assertArrayEquals(new long[] {6, 120, 6, 0, -21, -66, 3}, out(o),
          "the 5 left over, then the busy record stops the drain");
      for (int i = 0; i < 600; i++) {
        if (rb.reserve(8) == null) {
          return; // the ring is full: reserve says so with null
        }
      }
      throw new AssertionError("600 records of 16 bytes fit a 4096-byte ring");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  @Test
  void onlyUserRingBuffersHaveAProducer() throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("user_ringbuf.o"),
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
    try {
      assertThrows(IllegalArgumentException.class, () -> UserRingBuffer.of(o.map("out")));
      UserRingBuffer rb = UserRingBuffer.of(o.map("urb"));
      assertThrows(IllegalArgumentException.class, () -> rb.reserve(4096));
      MemorySegment s = rb.reserve(8);
      rb.submit(s);
      assertThrows(IllegalArgumentException.class, () -> rb.submit(s));
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * Each program of dynptr_rejected/ with the kernel's reason (bpftool prog load on Linux
   * 6.18: its first line), where bpf4j names the same; {@code lookup_user_ringbuf}'s kernel
   * reason is the key's size ("invalid zero-sized read"), bpf4j names the map type first.
   */
  static final Map<String, String> REJECTED = Map.of(
      "dynptr_direct_load", "R1 invalid mem access 'dynptr_ptr'",
      "dynptr_on_stack", "Expected an initialized dynptr as arg #2",
      "dynptr_data_not_null_checked", "R0 invalid mem access 'mem_or_null'",
      "dynptr_data_past_end", "invalid access to memory, mem_size=8 off=8 size=8",
      "dynptr_offset", "dereference of modified dynptr_ptr ptr R3 off=8 disallowed",
      "drain_wrong_map", "cannot pass map_type 2 into func bpf_user_ringbuf_drain#209",
      "drain_callback_returns_2", "should have been in [0, 1]",
      "lookup_user_ringbuf", "cannot pass map_type 31 into func bpf_map_lookup_elem#1");

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    JvmFindVmaTest.rejectsWithTheKernelsReasons("dynptr_rejected", REJECTED);
    ObjectSpec ok = JvmTimersTest.spec("user_ringbuf.o");
    VerifierResult r = Verifier.verify(ObjectInputs.of(ok, ok.programs().getFirst(), null, true));
    assertTrue(r.accepted(), r.format());
    assertFalse(Verifier.verify(ObjectInputs.of(ok, ok.programs().getFirst(), null, false))
        .accepted(), "bpf_user_ringbuf_drain needs CAP_BPF, as in the kernel");
  }
}
