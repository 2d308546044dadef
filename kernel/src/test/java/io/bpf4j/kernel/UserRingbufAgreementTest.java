package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code BPF_MAP_TYPE_USER_RINGBUF} and {@code bpf_user_ringbuf_drain} in the kernel and on
 * the JVM backend: the same samples produced into both rings (kernel: {@link UserRingBuffer}
 * over the mmap'd map; JVM: {@link io.bpf4j.maps.UserRingBuffer}), then user_ringbuf.o's
 * drain run in both; after each run the counters the callback kept are the same. Covers a
 * discarded sample, a 16-byte one, the callback stopping the drain (a sample of 99), a busy
 * sample that stops it, and rings that wrap. The JVM side is verified and runs on each
 * engine. The programs of dynptr_rejected/ are refused by both verifiers.
 */
@RequiresKernel
class UserRingbufAgreementTest {
  /** A producer on one side: reserve (null when full), submit, discard. */
  interface Producer {
    MemorySegment reserve(int size);

    void submit(MemorySegment s);

    void discard(MemorySegment s);
  }

  static void put(Producer p, long value, int size) {
    MemorySegment s = p.reserve(size);
    s.set(JAVA_LONG_UNALIGNED, 0, value);
    p.submit(s);
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void drainsTheSameSamplesAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/user_ringbuf.o"));
    byte[] frame = KernelObjectTest.ipv4Frame(64);
    JvmObject jvm = JvmObject.load(spec,
        JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec);
        UserRingBuffer krb = UserRingBuffer.open(kernel.map("urb"))) {
      io.bpf4j.maps.UserRingBuffer jrb = io.bpf4j.maps.UserRingBuffer.of(jvm.map("urb"));
      Producer kp = new Producer() {
        public MemorySegment reserve(int size) {
          return krb.reserve(size);
        }

        public void submit(MemorySegment s) {
          krb.submit(s);
        }

        public void discard(MemorySegment s) {
          krb.discard(s);
        }
      };
      Producer jp = new Producer() {
        public MemorySegment reserve(int size) {
          return jrb.reserve(size);
        }

        public void submit(MemorySegment s) {
          jrb.submit(s);
        }

        public void discard(MemorySegment s) {
          jrb.discard(s);
        }
      };
      List<java.util.function.Consumer<Producer>> produce = List.of(
          p -> {
            put(p, 1, 8);
            put(p, 2, 8);
            MemorySegment d = p.reserve(8);
            d.set(JAVA_LONG_UNALIGNED, 0, 7);
            p.discard(d);
            put(p, 3, 8);
            put(p, 10, 16);
          },
          p -> {
            put(p, 99, 8); // the callback stops after it
            put(p, 5, 8);
          },
          p -> { }, // the 5 left over
          p -> {
            for (int i = 0; i < 200; i++) { // 200 16-byte records: past the end of the ring
              put(p, 1000 + i, 8);
            }
          },
          p -> {
            for (int i = 0; i < 120; i++) { // 16, 24 and 32-byte records, wrapping again
              put(p, 2000 + i, 8 + (i % 3) * 8);
            }
          },
          p -> {
            p.reserve(8); // busy, never submitted: the drain stops before the next one
            put(p, 3000, 8);
          });
      for (int phase = 0; phase < produce.size(); phase++) {
        produce.get(phase).accept(kp);
        produce.get(phase).accept(jp);
        kernel.program("drain").testRun(TestRun.of(frame));
        jvm.program("drain").testRun(frame, null, 1);
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("out")),
            CallbackAgreementTest.jvmEntries(jvm.map("out")),
            "out after phase " + phase + " {0: drained, 1: sum, 2: calls, 3: error, 4: read past"
                + " the end, 5: bad flags, 6: runs}");
      }
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynptr_direct_load", "dynptr_on_stack",
      "dynptr_data_not_null_checked", "dynptr_data_past_end", "dynptr_offset",
      "drain_wrong_map", "drain_callback_returns_2", "lookup_user_ringbuf"})
  void bothVerifiersReject(String name) throws Exception {
    CallbackAgreementTest.bothVerifiersReject("core/src/test/bpf/dynptr_rejected/" + name + ".o");
  }
}
