package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.Timers;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * timers.o ({@code bpf_timer}) on every engine of the JVM backend: the helpers' return codes
 * and what the callbacks left, as the kernel (Linux 6.18) gave them for the same runs,
 * recorded here so that the test needs no kernel ({@code TimerAgreementTest} in the kernel
 * module compares with a live kernel); the verifier's rejections of timers_rejected/*.o with
 * the kernel's reasons; a checked run's error for a timer that is not in a map value.
 */
class JvmTimersTest {
  static final long EINVAL = -22;
  static final long EBUSY = -16;
  static final long EDEADLK = -35;

  /** out[i] after timer_errors, timer_gone (16, 18), timer_rearm (17), as the kernel gave them. */
  static final long[] OUT = {EINVAL, EINVAL, EINVAL, EINVAL, 0, EBUSY, EINVAL, 0, EINVAL, 0, 1,
      0, EINVAL, 0, 0, 1, EINVAL, 0, EINVAL};

  static ObjectSpec spec(String relative) throws Exception {
    return ObjectReader.read(JvmBackendTest.fixtures().resolve(relative));
  }

  static MemorySegment key(int k) {
    return MemorySegment.ofArray(new int[] {k});
  }

  /** The value of {@code k} as u64 words, or null when there is none. */
  static long[] words(BpfMap m, int k) {
    return m.lookup(key(k)).map(v -> v.toArray(ValueLayout.JAVA_LONG_UNALIGNED)).orElse(null);
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void runsAsInTheKernel(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(spec("timers.o"), JvmLoadOptions.defaults().withEngine(engine));
    try {
      byte[] frame = new byte[64];
      for (String p : new String[] {"timer_errors", "timer_fire", "timer_rearm", "timer_gone"}) {
        assertEquals(2, o.program(p).testRun(frame, null, 1).retval(), p + " returns XDP_PASS");
      }
      BpfMap arr = o.map("arr");
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (words(arr, 2)[2] < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(400); // the cancelled timers' 300 ms
      for (int i = 0; i < OUT.length; i++) {
        assertEquals(OUT[i], words(o.map("out"), i)[0], "out[" + i + "]");
      }
      // {timer (reads as 0), fired, key, res}
      assertArrayEquals(new long[] {0, 0, 0, 0, 0}, words(arr, 0), "arr[0]: never started");
      assertArrayEquals(new long[] {0, 0, 1, 1, 0}, words(arr, 1), "arr[1]: fired once");
      assertArrayEquals(new long[] {0, 0, 3, 2, EDEADLK}, words(arr, 2),
          "arr[2]: re-armed twice from its callback, which cannot cancel its own timer");
      assertArrayEquals(new long[] {0, 0, 5, 0, 0}, words(arr, 3),
          "arr[3]: the update's value; its timer was cancelled");
      assertArrayEquals(new long[] {0, 0, 1, 7, 0}, words(o.map("hash"), 7), "hash[7]");
      assertEquals(null, words(o.map("hash"), 9), "hash[9] deleted");
      assertArrayEquals(new long[] {0, 0, 0, 0, 0}, words(o.map("hash"), 10),
          "hash[10]: replaced by an update, its timer freed");
      BpfMap bss = o.maps().entrySet().stream().filter(e -> e.getKey().endsWith(".bss"))
          .map(Map.Entry::getValue).findFirst().orElseThrow();
      assertEquals(0, words(bss, 0)[0], "stray: the deleted and overwritten timers never fired");
      assertEquals(null, Timers.lastFailure());
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  @Test
  void closingTheMapFreesItsTimers() throws Exception {
    int before = Timers.live();
    JvmObject o = JvmObject.load(spec("timers.o"), JvmLoadOptions.defaults());
    assertEquals(2, o.program("timer_errors").testRun(new byte[64], null, 1).retval());
    assertEquals(before + 1, Timers.live(), "arr[0]'s timer is initialised");
    o.maps().values().forEach(BpfMap::close);
    assertEquals(before, Timers.live());
  }

  @Test
  void checkedRunNamesTheHelperForATimerOutsideAMapValue() throws Exception {
    JvmObject o = JvmObject.load(spec("timers_rejected/timer_on_stack.o"),
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
    try {
      Exception e = assertThrows(Exception.class,
          () -> o.program("timer_on_stack").testRun(new byte[64], null, 1));
      String m = e.getMessage();
      assertTrue(m.contains("bpf_timer_init: argument r1") && m.contains("instruction")
          && m.contains("is not the bpf_timer (at offset 0) of a value of map 'arr'"), m);
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /** Each rejected program with the kernel's reason (bpftool prog load on Linux 6.18). */
  static final Map<String, String> REJECTED = Map.of(
      "timer_on_stack", "R1 type=fp expected=map_value",
      "timer_wrong_offset", "off 16 doesn't point to 'struct bpf_timer' that is at 0",
      "timer_other_map", "doesn't match map pointer in R2",
      "timer_direct_store", "bpf_timer cannot be accessed directly by load/store",
      "timer_callback_returns_1", "should have been in [0, 0]",
      "timer_in_tracing", "tracing progs cannot use bpf_timer yet");

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    JvmFindVmaTest.rejectsWithTheKernelsReasons("timers_rejected", REJECTED);
    ObjectSpec ok = spec("timers.o");
    for (ProgramSpec p : ok.programs()) {
      VerifierResult r = Verifier.verify(ObjectInputs.of(ok, p, null, true));
      assertTrue(r.accepted(), p.name() + ":\n" + r.format());
    }
  }
}
