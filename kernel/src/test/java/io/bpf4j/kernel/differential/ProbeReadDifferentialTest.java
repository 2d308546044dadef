package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.RequiresKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code probe_read.o} in the kernel and on the JVM backend: {@code bpf_probe_read_kernel}
 * and {@code _str} from the stack, from global data (read-only and writable), from the packet
 * and from addresses that fault (a user one, which {@code _kernel} refuses with -ERANGE, and
 * an unmapped kernel one), and {@code bpf_snprintf}'s {@code %s} and {@code %pI4}
 * through the same kinds of pointers: the same r0, results and text.
 */
@RequiresKernel
class ProbeReadDifferentialTest {
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameReadsAndTextAsTheKernel(JvmEngine engine) throws Exception {
    byte[] packet = new byte[64];
    for (int i = 0; i < packet.length; i++) {
      packet[i] = (byte) (0x40 + i);
    }
    try (Both b = Both.load("probe_read", engine)) {
      assertEquals(b.runKernel("probe_read", packet), b.runJvm("probe_read", packet), "r0");
      assertEquals(b.kernelMap("out"), b.jvmMap("out"),
          "out {0: read of the stack, 1: its bytes, 2: _str of 8 and of 4, 3: their bytes,"
              + " 4: a fault, 5: global data, 6: its bytes, 7: the packet, 8: _user of NULL + 16,"
              + " 9: _kernel of an unmapped kernel address}");
      assertEquals(b.kernelMap("text"), b.jvmMap("text"), "[%s]x4 [%pI4]x2");
    }
  }
}
