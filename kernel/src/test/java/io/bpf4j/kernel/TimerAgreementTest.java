package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpf_timer} in the kernel and on each engine of the JVM backend: timers.o's programs
 * run once each on both, and after their timers had time to fire (callbacks that count and
 * record their key, one that re-arms itself, timers cancelled by a delete or an update) the
 * maps and globals are the same, the helpers' return codes included. The programs of
 * timers_rejected/ are refused by both verifiers.
 */
@RequiresKernel
class TimerAgreementTest {
  static final List<String> PROGRAMS = List.of("timer_errors", "timer_fire", "timer_rearm",
      "timer_gone");

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameMapsAsTheKernelAfterTheTimersFired(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/timers.o"));
    byte[] frame = KernelObjectTest.ipv4Frame(64);
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      for (String name : PROGRAMS) {
        long k = kernel.program(name).testRun(TestRun.of(frame)).retvalUnsigned();
        assertEquals(k, jvm.program(name).testRun(frame, null, 1).retval(),
            name + " on " + engine);
      }
      // the timers fire after 1 to 2 ms: wait for the last of the re-armed chain on both
      // sides (arr[2].fired == 3), then for the 300 ms ones that were cancelled
      byte[] two = {2, 0, 0, 0};
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline && (fired(kernel.map("arr").lookup(two).orElseThrow())
          < 3 || fired(jvm.map("arr").lookup(MemorySegment.ofArray(two)).orElseThrow()
              .toArray(ValueLayout.JAVA_BYTE)) < 3)) {
        Thread.sleep(5);
      }
      Thread.sleep(400);
      for (String m : kernel.maps().keySet()) {
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map(m)),
            CallbackAgreementTest.jvmEntries(jvm.map(m)),
            "map " + m + " after the timers on " + engine);
      }
    } finally {
      jvm.maps().values().forEach(io.bpf4j.maps.BpfMap::close); // cancels what is still armed
    }
  }

  /** {@code struct elem}'s fired counter (bytes 16..23 of the value). */
  static long fired(byte[] value) {
    return java.nio.ByteBuffer.wrap(value).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"timer_on_stack", "timer_wrong_offset", "timer_other_map",
      "timer_direct_store", "timer_callback_returns_1", "timer_in_tracing"})
  void bothVerifiersReject(String name) throws Exception {
    CallbackAgreementTest.bothVerifiersReject("core/src/test/bpf/timers_rejected/" + name + ".o");
  }
}
