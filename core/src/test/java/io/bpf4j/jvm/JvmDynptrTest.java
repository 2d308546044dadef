package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.RingBufferConsumer;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dynptrs.o (dynptrs made on the stack: local over a map value, ring buffer ones), verified,
 * on each engine, with the results, map value, records and r0 the kernel (Linux 6.18, {@code
 * bpftool prog run} of the same frame) gave, recorded here; {@code DynptrAgreementTest}
 * (kernel module) compares with a live kernel.
 */
class JvmDynptrTest {
  static final long E2BIG = -7;
  static final long EINVAL = -22;
  static final long IN0 = 0x0807060504030201L;
  static final long IN1 = 0x100f0e0d0c0b0a09L;

  /** out[i]: step i of dynptrs.c, as the kernel gave them. */
  static final long[] OUT = {0, 0, E2BIG, EINVAL, 0, IN0, E2BIG, 1, 0, 0, EINVAL, EINVAL,
      EINVAL, 0, 0, E2BIG, 0, EINVAL, EINVAL, EINVAL, E2BIG, 0, 0, 1};

  /** The 64-byte frame both programs run on: bytes 1..16, then zeros. */
  static byte[] frame() {
    byte[] frame = new byte[64];
    for (int i = 0; i < 16; i++) {
      frame[i] = (byte) (i + 1);
    }
    return frame;
  }

  /** A consumer of the object's ring buffer that adds each record, in hex, to {@code records}. */
  static RingBufferConsumer consumer(JvmObject o, List<String> records) throws Exception {
    return new RingBufferConsumer(o.map("rb"), rec -> {
      records.add(HexFormat.of().formatHex(rec.toArray(ValueLayout.JAVA_BYTE)));
      return 0;
    });
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void runsAsInTheKernel(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("dynptrs.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      byte[] frame = frame();
      List<String> records = new ArrayList<>();
      RingBufferConsumer rb = consumer(o, records);
      assertEquals(1, o.program("dynptrs").testRun(frame, null, 1).retval(), "XDP_DROP");
      long[] out = new long[OUT.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = JvmTimersTest.words(o.map("out"), i)[0];
      }
      assertArrayEquals(OUT, out);
      long slice = IN1 ^ 0x5555;
      // w[3] = w[2] and w[4] = the old w[3] (0): the overlapping write is a memmove
      assertArrayEquals(new long[] {0, IN0, slice, slice, 0, 0, 0, 0},
          JvmTimersTest.words(o.map("mem"), 0));
      assertEquals(2, rb.consume(), "the 24-byte and the 5-byte record; the discarded one not");
      assertEquals(List.of("0102030405060708" + "090a0b0c0d0e0f10" + "5c5f0b0c0d0e0f10",
          "090a0b0c0d"), records, "in0, in1, w[3] (after the memmove), then in1's first 5 bytes");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /** Unverified in the checked interpreter: no access check trips, the same results. */
  @Test
  void runsUnverifiedInTheCheckedInterpreter() throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("dynptrs.o"),
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
    try {
      byte[] frame = frame();
      assertEquals(1, o.program("dynptrs").testRun(frame, null, 1).retval());
      for (int i = 0; i < OUT.length; i++) {
        assertEquals(OUT[i], JvmTimersTest.words(o.map("out"), i)[0], "out[" + i + "]");
      }
      assertEquals(2, o.program("dynptr_calls").testRun(frame, null, 1).retval());
      assertEquals(7, JvmTimersTest.words(o.map("calls"), 1)[0]);
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * dynptr_calls: dynptrs passed to bpf-to-bpf functions (write, read, submit) and to a
   * bpf_loop callback that reads and writes the caller's local dynptr, with the kernel's
   * results.
   */
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void functionsAndCallbacksTakeDynptrs(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("dynptrs.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      byte[] frame = frame();
      List<String> records = new ArrayList<>();
      RingBufferConsumer rb = consumer(o, records);
      assertEquals(2, o.program("dynptr_calls").testRun(frame, null, 1).retval(), "XDP_PASS");
      long w0 = IN0 + 1;
      long[] calls = new long[4];
      for (int i = 0; i < calls.length; i++) {
        calls[i] = JvmTimersTest.words(o.map("calls"), i)[0];
      }
      assertArrayEquals(new long[] {0, 7, 0, 2 * w0}, calls,
          "write, 7 callback calls, write, the record's first word");
      assertArrayEquals(new long[] {w0, 0, 0, 0, 0, 0, 0, w0},
          JvmTimersTest.words(o.map("mem"), 0), "w[7] = the sum of w[0..6]");
      assertEquals(1, rb.consume());
      assertEquals(List.of("040406080a0c0e10"), records);
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * Each program of dynptr_rejected/ with a dynptr on the stack, with the kernel's reason
   * (bpftool prog load on Linux 6.18: the last line of its log; for the leaks the line before,
   * "BPF_EXIT instruction in main prog would lead to reference leak" being the last).
   */
  static final Map<String, String> REJECTED = Map.ofEntries(
      Map.entry("ringbuf_dynptr_leak", "Unreleased reference id=2 alloc_insn=6"),
      Map.entry("ringbuf_dynptr_leak_on_failure", "Unreleased reference id=2 alloc_insn=6"),
      Map.entry("ringbuf_dynptr_double_init", "cannot overwrite referenced dynptr"),
      Map.entry("ringbuf_dynptr_overwritten", "cannot overwrite referenced dynptr"),
      Map.entry("local_dynptr_overwritten", "Expected an initialized dynptr as arg #2"),
      Map.entry("dynptr_loaded", "invalid read from stack off -8+0 size 8"),
      Map.entry("dynptr_copied", "invalid read from stack off -24+0 size 8"),
      Map.entry("dynptr_used_after_submit", "Expected an initialized dynptr as arg #2"),
      Map.entry("dynptr_slice_after_submit", "R6 invalid mem access 'scalar'"),
      Map.entry("dynptr_slice_after_overwrite", "R0 invalid mem access 'scalar'"),
      Map.entry("dynptr_misaligned", "Dynptr has to be an uninitialized dynptr"),
      Map.entry("dynptr_second_half", "Expected an initialized dynptr as arg #2"),
      Map.entry("helper_writes_over_dynptr", "potential write to dynptr at off=-16 disallowed"),
      Map.entry("dynptr_from_stack", "Unsupported reg type fp for bpf_dynptr_from_mem data"),
      Map.entry("dynptr_from_rodata", "write into map forbidden, value_size=32 off=0 size=32"),
      Map.entry("submit_local_dynptr", "arg 1 is an unacquired reference"),
      Map.entry("ringbuf_dynptr_discarded_twice", "arg 1 is an unacquired reference"),
      Map.entry("reserve_dynptr_wrong_map",
          "cannot pass map_type 2 into func bpf_ringbuf_reserve_dynptr#198"),
      Map.entry("ringbuf_dynptr_slice_submitted", "R1 type=mem expected=ringbuf_mem"),
      Map.entry("submit_callback_dynptr", "cannot release unowned const bpf_dynptr"),
      Map.entry("dynptr_maybe_initialised", "Expected an initialized dynptr as arg #2"),
      Map.entry("callback_releases_caller_dynptr", "Unreleased reference id=2 alloc_insn=7"),
      Map.entry("ringbuf_dynptr_leak_after_null_slice", "Unreleased reference id=2 alloc_insn=7"),
      // pruned as one path with the other (accepted) without comparing the slots' kinds
      Map.entry("dynptr_kinds_swapped", "arg 1 is an unacquired reference"));

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    JvmFindVmaTest.rejectsWithTheKernelsReasons("dynptr_rejected", REJECTED);
    ObjectSpec ok = JvmTimersTest.spec("dynptrs.o");
    for (var p : ok.programs()) {
      VerifierResult r = Verifier.verify(ObjectInputs.of(ok, p, null, true));
      assertTrue(r.accepted(), r.format());
      assertFalse(Verifier.verify(ObjectInputs.of(ok, p, null, false)).accepted(),
          "the dynptr helpers need CAP_BPF, as in the kernel");
    }
  }

  @Test
  void aLeakedDynptrIsExplainedAsOne() throws Exception {
    ObjectSpec s = JvmTimersTest.spec("dynptr_rejected/ringbuf_dynptr_leak.o");
    VerifierResult r = Verifier.verify(ObjectInputs.of(s, s.programs().getFirst(), null, true));
    assertEquals(io.bpf4j.verifier.Problem.DYNPTR, r.rejection().problem());
    assertEquals("R0=2 R10=fp+0 fp-16=dynptr_ringbuf(id=1,ref_id=2,dynptr_id=1)",
        r.rejection().registers(), "the kernel's notation for the dynptr's slots");
    assertTrue(r.rejection().hint().contains("submit or discard a ring buffer dynptr exactly"
        + " once on every path (even when the reserve failed)"), r.rejection().hint());
  }
}
