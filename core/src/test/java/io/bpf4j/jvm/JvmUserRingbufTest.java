package io.bpf4j.jvm;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.UserRingBuffer;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * user_ringbuf.o ({@code bpf_user_ringbuf_drain} with dynptrs) in the checked interpreter,
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

  @Test
  void drainsAsTheKernelDoes() throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("user_ringbuf.o"),
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
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
}
