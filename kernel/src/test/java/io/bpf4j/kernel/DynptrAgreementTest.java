package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.RingBufferConsumer;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dynptrs made on the stack in the kernel and on the JVM backend: dynptrs.o (a local dynptr
 * over a map value, ring buffer dynptrs submitted, discarded, and failing to reserve; dynptrs
 * passed to functions and a bpf_loop callback) runs in both, three times on random packets;
 * after each run r0, every helper's result (maps {@code out} and {@code calls}), the map value
 * written through the dynptrs ({@code mem}) and the ring buffer's records are the same. The programs of dynptr_rejected/ with dynptrs on the stack are refused
 * by both verifiers.
 */
@RequiresKernel
class DynptrAgreementTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameResultsMapsAndRecordsAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/dynptrs.o"));
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    SplittableRandom rnd = new SplittableRandom(5);
    HexFormat hex = HexFormat.of();
    try (KernelObject kernel = KernelObject.load(spec);
        RingBuffer krb = RingBuffer.open(kernel.map("rb"))) {
      List<String> kRecords = new ArrayList<>();
      List<String> jRecords = new ArrayList<>();
      RingBufferConsumer jrb = new RingBufferConsumer(jvm.map("rb"), rec -> {
        jRecords.add(hex.formatHex(rec.toArray(ValueLayout.JAVA_BYTE)));
        return 0;
      });
      for (int run = 0; run < 3; run++) {
        byte[] frame = KernelObjectTest.ipv4Frame(64);
        for (int i = 0; i < 16; i++) {
          frame[i] = (byte) rnd.nextInt(256);
        }
        for (String p : new String[] {"dynptrs", "dynptr_calls"}) {
          long k = kernel.program(p).testRun(TestRun.of(frame)).retvalUnsigned();
          assertEquals(k, jvm.program(p).testRun(frame, null, 1).retval(),
              "r0 of " + p + " in run " + run);
        }
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("calls")),
            CallbackAgreementTest.jvmEntries(jvm.map("calls")), "dynptr_calls in run " + run);
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("out")),
            CallbackAgreementTest.jvmEntries(jvm.map("out")), "helper results of run " + run);
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("mem")),
            CallbackAgreementTest.jvmEntries(jvm.map("mem")), "map value after run " + run);
        int kn = krb.consume(rec -> kRecords.add(hex.formatHex(rec.toArray(ValueLayout.JAVA_BYTE))));
        assertEquals(kn, jrb.consume(), "records after run " + run);
      }
      assertEquals(9, kRecords.size(), "two records from dynptrs and one from dynptr_calls per run");
      assertEquals(kRecords, jRecords);
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ringbuf_dynptr_leak", "ringbuf_dynptr_leak_on_failure",
      "ringbuf_dynptr_double_init", "ringbuf_dynptr_overwritten", "local_dynptr_overwritten",
      "dynptr_loaded", "dynptr_copied", "dynptr_used_after_submit", "dynptr_slice_after_submit",
      "dynptr_slice_after_overwrite", "dynptr_misaligned", "dynptr_second_half",
      "helper_writes_over_dynptr", "dynptr_from_stack", "dynptr_from_rodata",
      "submit_local_dynptr", "ringbuf_dynptr_discarded_twice", "reserve_dynptr_wrong_map",
      "ringbuf_dynptr_slice_submitted", "submit_callback_dynptr", "dynptr_maybe_initialised",
      "callback_releases_caller_dynptr", "ringbuf_dynptr_leak_after_null_slice",
      "dynptr_kinds_swapped"})
  void bothVerifiersReject(String name) throws Exception {
    CallbackAgreementTest.bothVerifiersReject("core/src/test/bpf/dynptr_rejected/" + name + ".o");
  }
}
