package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.kernel.RingBuffer;
import io.bpf4j.maps.RingBufferConsumer;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ringbuf_ops.o} in the kernel and on the JVM backend: bpf_ringbuf_output of 1, 13 and
 * 64 bytes, an unknown flag (-EINVAL), reserve + submit, reserve + discard, a reserve that
 * does not fit (NULL), bpf_ringbuf_query of all four values, a 2-byte record. Three runs, the
 * consumer reading after the first and the third: the same records in the same order, the
 * same helper results (map {@code results}) and the same r0.
 */
@RequiresKernel
class RingBufDifferentialTest {
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameRecordsAndResultsAsTheKernel(JvmEngine engine) throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    try (Both b = Both.load("ringbuf_ops", engine);
        RingBuffer krb = RingBuffer.open(b.kernel.map("rb"))) {
      List<String> kRecords = new ArrayList<>();
      List<String> jRecords = new ArrayList<>();
      RingBufferConsumer jrb = new RingBufferConsumer(b.jvm.map("rb"), rec -> {
        jRecords.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE)));
        return 0;
      });
      for (int run = 0; run < 3; run++) {
        byte[] data = new byte[64];
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) rnd.nextInt(256);
        }
        assertEquals(b.runKernel("ringbuf_ops", data), b.runJvm("ringbuf_ops", data), "r0 of run " + run);
        Map<String, String> k = b.kernelMap("results");
        assertEquals(k, b.jvmMap("results"), "helper results of run " + run);
        if (run != 1) {
          int kn = krb.consume(rec -> kRecords.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE))));
          int jn = jrb.consume();
          assertEquals(kn, jn, "records consumed after run " + run);
        }
      }
      assertEquals(15, kRecords.size(), "5 records per run (3 outputs, 2 submits) reach the kernel's consumer");
      assertEquals(kRecords, jRecords);
    }
  }

  /**
   * {@code ringbuf_fill}: outputs of 0..127 bytes that fill the 4096-byte ring exactly (the
   * output that would bring the producer 4096 bytes ahead fails), then wrap it many times
   * with the consumer reading at irregular points: the same results, positions and records.
   */
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void fillingAndWrappingLikeTheKernel(JvmEngine engine) throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    try (Both b = Both.load("ringbuf_ops", engine);
        RingBuffer krb = RingBuffer.open(b.kernel.map("rb"))) {
      List<String> kRecords = new ArrayList<>();
      List<String> jRecords = new ArrayList<>();
      RingBufferConsumer jrb = new RingBufferConsumer(b.jvm.map("rb"), rec -> {
        jRecords.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE)));
        return 0;
      });
      List<Integer> sizes = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sizes.add(127); // 30 * 136 = 4080 bytes
      }
      sizes.add(8); // 16 more: the producer would be 4096 ahead, refused
      sizes.add(0); // 8 more: 4088, taken
      sizes.add(0); // refused
      for (int i = 0; i < 150; i++) {
        sizes.add(i % 17 == 0 ? 0 : rnd.nextInt(128));
      }
      List<String> k = new ArrayList<>();
      List<String> j = new ArrayList<>();
      for (int i = 0; i < sizes.size(); i++) {
        byte[] data = new byte[128];
        for (int d = 1; d < data.length; d++) {
          data[d] = (byte) (i + d);
        }
        data[0] = (byte) (int) sizes.get(i);
        b.runKernel("ringbuf_fill", data);
        b.runJvm("ringbuf_fill", data);
        Map<String, String> km = b.kernelMap("results");
        Map<String, String> jm = b.jvmMap("results");
        for (String slot : new String[] {"0d000000", "0e000000", "0f000000"}) {
          k.add("output " + i + " of " + sizes.get(i) + " bytes: slot " + slot + " = " + km.get(slot));
          j.add("output " + i + " of " + sizes.get(i) + " bytes: slot " + slot + " = " + jm.get(slot));
        }
        if (i >= 33 && rnd.nextInt(4) == 0) {
          krb.consume(rec -> kRecords.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE))));
          jrb.consume();
        }
      }
      assertEquals(k, j);
      assertEquals("output 30 of 8 bytes: slot 0d000000 = f5ffffffffffffff", k.get(90),
          "-EAGAIN when the producer would be a whole ring ahead");
      krb.consume(rec -> kRecords.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE))));
      jrb.consume();
      assertEquals(kRecords, jRecords);
    }
  }
}
