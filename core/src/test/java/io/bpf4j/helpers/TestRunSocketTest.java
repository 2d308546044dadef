package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * {@code bpf_get_socket_cookie} and {@code bpf_get_socket_uid} of skb programs: the socket a
 * test run opens for its skb, none for any other context (the kernel comparison is
 * {@code SocketCookieDifferentialTest} in the kernel module).
 */
class TestRunSocketTest {
  final HelperTable tc = StandardHelpers.table(ProgType.SCHED_CLS, new TracePipe());
  final MemorySegment skb = mem(192);
  final RunState s = state(skb);

  @Test
  void withoutATestRunThereIsNoSocket() {
    assertEquals(0, call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address()));
    assertEquals(65534, call(tc, s, HelperId.GET_SOCKET_UID, skb.address()));
  }

  @Test
  void aTestRunsSocketHasOneCookieAndUidZero() {
    long first;
    try (TestRunSocket _ = TestRunSocket.open(skb.address())) {
      first = call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address());
      assertNotEquals(0, first);
      assertEquals(first, call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address()));
      assertEquals(0, call(tc, s, HelperId.GET_SOCKET_UID, skb.address()));
      MemorySegment other = mem(192);
      assertEquals(0, call(tc, s, HelperId.GET_SOCKET_COOKIE, other.address()), "another skb");
    }
    assertEquals(0, call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address()), "closed");
    try (TestRunSocket _ = TestRunSocket.open(skb.address())) {
      long second = call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address());
      assertTrue(second > first, "a new socket, a new cookie: " + first + ", " + second);
    }
  }

  @Test
  void aSocketIsAskedOnlyAfterItIsUsed() throws Exception {
    long[] seen = new long[2];
    try (TestRunSocket _ = TestRunSocket.open(skb.address())) {
      // another thread's test run takes cookies meanwhile; this socket's is made at first use
      Thread t = new Thread(() -> {
        try (TestRunSocket _ = TestRunSocket.open(skb.address())) {
          seen[0] = call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address());
        }
      });
      t.start();
      t.join();
      seen[1] = call(tc, s, HelperId.GET_SOCKET_COOKIE, skb.address());
    }
    assertTrue(seen[1] > seen[0], seen[0] + ", " + seen[1]);
  }

  @Test
  void onlySkbProgramsHaveTheHelpers() {
    for (ProgType p : new ProgType[] {ProgType.SOCKET_FILTER, ProgType.SCHED_ACT, ProgType.CGROUP_SKB}) {
      StandardHelpers.require(StandardHelpers.table(p, new TracePipe()), HelperId.GET_SOCKET_COOKIE);
    }
    HelperTable xdp = StandardHelpers.table(ProgType.XDP, new TracePipe());
    assertEquals("helper bpf_get_socket_cookie (id 46) is not available on the JVM backend",
        assertThrows(IllegalArgumentException.class,
            () -> StandardHelpers.require(xdp, HelperId.GET_SOCKET_COOKIE)).getMessage());
  }
}
