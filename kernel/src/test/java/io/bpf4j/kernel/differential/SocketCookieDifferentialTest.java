package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.RequiresKernel;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code socket_cookie.o} in the kernel and on the JVM backend: a test run gives its skb a
 * socket of its own, so {@code bpf_get_socket_cookie} is that socket's cookie — not 0, the
 * same every time it is asked during the run (from a subprogram too), another one in the next
 * run — and {@code bpf_get_socket_uid} is 0, for tc, socket filter and cgroup skb programs.
 * The cookies' values are not compared: the kernel's come from a counter of its own.
 */
@RequiresKernel
class SocketCookieDifferentialTest {
  private static final String[] KEYS = {"00000000", "01000000", "02000000", "03000000"};

  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void aTestRunsSocketHasOneCookieAndUidZero(JvmEngine engine) throws Exception {
    try (Both b = Both.load("socket_cookie", engine)) {
      for (String prog : new String[] {"cookie_tc", "cookie_socket", "cookie_cgroup"}) {
        byte[] data = new byte[64];
        data[12] = 0x08; // IPv4
        long k1 = b.runKernel(prog, data);
        String[] kernel1 = values(b.kernelMap("out"));
        long k2 = b.runKernel(prog, data);
        String[] kernel2 = values(b.kernelMap("out"));
        long j1 = b.runJvm(prog, data);
        String[] jvm1 = values(b.jvmMap("out"));
        long j2 = b.runJvm(prog, data);
        String[] jvm2 = values(b.jvmMap("out"));
        assertEquals(1, k1, prog + ": the kernel's uid + 1");
        assertEquals(k1, j1, prog);
        assertEquals(k2, j2, prog);
        for (String[][] side : new String[][][] {{kernel1, kernel2}, {jvm1, jvm2}}) {
          String who = prog + (side[0] == kernel1 ? " in the kernel" : " on the JVM");
          for (String[] run : side) {
            assertNotEquals("0000000000000000", run[0], who + ": a cookie");
            assertEquals(run[0], run[1], who + ": asked twice");
            assertEquals(run[0], run[3], who + ": asked from a subprogram");
            assertEquals("0000000000000000", run[2], who + ": uid");
          }
          assertNotEquals(side[0][0], side[1][0], who + ": each run has a socket of its own");
        }
      }
    }
  }

  private static String[] values(Map<String, String> m) {
    String[] v = new String[KEYS.length];
    for (int i = 0; i < KEYS.length; i++) {
      v[i] = m.get(KEYS[i]);
    }
    return v;
  }
}
