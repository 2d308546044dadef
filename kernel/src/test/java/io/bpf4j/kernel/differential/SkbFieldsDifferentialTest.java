package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.kernel.TestRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code skb_fields.o} in the kernel and on the JVM backend: the {@code __sk_buff} fields a
 * test run gives a tc, a socket filter and a cgroup skb program (length, protocol, ifindex,
 * {@code wire_len}, {@code data_meta}, ...), without a context and with one that sets mark,
 * priority and {@code cb[0]}: the same values; a {@code wire_len} below the packet's length is
 * refused by both.
 */
@RequiresKernel
class SkbFieldsDifferentialTest {
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameFieldsAsTheKernel(JvmEngine engine) throws Exception {
    byte[] packet = new byte[64];
    packet[12] = 0x08;
    packet[14] = 0x45;
    packet[23] = 17;
    byte[] ctx = new byte[192];
    ByteBuffer c = ByteBuffer.wrap(ctx).order(ByteOrder.LITTLE_ENDIAN);
    c.putInt(8, 7); // mark
    c.putInt(32, 3); // priority
    c.putInt(48, 5); // cb[0]
    try (Both b = Both.load("skb_fields", engine)) {
      for (String prog : new String[] {"f_tc", "f_sf", "f_cg"}) {
        for (byte[] ctxIn : new byte[][] {null, ctx}) {
          String what = prog + (ctxIn == null ? ", no ctx_in" : ", ctx_in");
          TestRun run = TestRun.of(packet);
          long k = b.kernel.program(prog).testRun(ctxIn == null ? run : run.withContext(ctxIn))
              .retvalUnsigned();
          String kv = b.kernelMap("skb_fiel.bss").toString();
          long j = b.jvm.program(prog).testRun(packet, ctxIn, 1).retval();
          String jv = b.jvmMap("skb_fiel.bss").toString();
          assertEquals(k, j, what + ": r0");
          assertEquals(kv, jv, what + ": the fields (see skb_fields.c)");
        }
      }
      byte[] shortWire = ctx.clone();
      ByteBuffer.wrap(shortWire).order(ByteOrder.LITTLE_ENDIAN).putInt(160, 10);
      org.junit.jupiter.api.Assertions.assertThrows(io.bpf4j.kernel.BpfException.class,
          () -> b.kernel.program("f_tc").testRun(TestRun.of(packet).withContext(shortWire)),
          "a wire_len below the packet's length: EINVAL");
      org.junit.jupiter.api.Assertions.assertThrows(io.bpf4j.jvm.JvmLoadException.class,
          () -> b.jvm.program("f_tc").testRun(packet, shortWire, 1), "refused as the kernel does");
    }
  }
}
