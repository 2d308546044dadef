package io.bpf4j.kernel.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Counter;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.LinkInfo;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Programs on real packets: XDP and tcx on a veth whose peer is in a namespace the test
 * creates, a socket filter on a socket opened through FFM, cgroup_skb on a cgroup v2 the
 * test creates. Each drops or passes as its program says, and stops when closed.
 */
@RequiresKernel
class NetworkLinksTest {
  static Veth veth;

  @BeforeAll
  static void network() throws Exception {
    if (io.bpf4j.kernel.KernelAvailable.available()) {
      veth = new Veth(0);
    }
  }

  @AfterAll
  static void cleanUp() {
    if (veth != null) {
      veth.close();
    }
  }

  /** Sends from the namespace; true when the datagram arrived. */
  static boolean delivered(Udp sock, String text, int waitMillis) throws Exception {
    veth.sendFromPeer(sock.port, text);
    byte[] got = sock.receive(waitMillis);
    if (got != null) {
      assertArrayEquals(text.getBytes(), got);
    }
    return got != null;
  }

  @Test
  void xdpPassesAndDropsRealFrames() throws Exception {
    try (Udp sock = new Udp(veth.hostIp)) {
      try (Counter pass = new Counter(ProgType.XDP, 2 /* XDP_PASS */, AttachType.XDP);
          Link l = Xdp.attach(pass.prog, veth.host, 0)) {
        assertTrue(delivered(sock, "pass", 2000), "XDP_PASS let nothing through");
        assertTrue(pass.count() > 0);
        LinkInfo info = LinkInfo.of(Bpf.system(), ((FdLink) l).fd());
        assertEquals("xdp", info.typeName());
      }
      try (Counter drop = new Counter(ProgType.XDP, 1 /* XDP_DROP */, AttachType.XDP)) {
        try (Link l = Xdp.attach(drop.prog, veth.host, 0)) {
          assertFalse(delivered(sock, "drop", 300), l.describe() + " did not drop");
          assertTrue(drop.count() > 0, "the program saw the frames it dropped");
        }
        assertTrue(delivered(sock, "after", 2000), "still dropping after close");
      }
    }
  }

  @Test
  void anXdpLinkSwapsItsProgramAndDetaches() throws Exception {
    Bpf bpf = Bpf.system();
    try (Udp sock = new Udp(veth.hostIp);
        Counter pass = new Counter(ProgType.XDP, 2, AttachType.XDP);
        Counter drop = new Counter(ProgType.XDP, 1, AttachType.XDP);
        Link l = Xdp.attach(pass.prog, veth.host, 0)) {
      int fd = ((FdLink) l).fd();
      assertTrue(delivered(sock, "one", 2000));
      bpf.linkUpdate(fd, drop.prog.fd(), pass.prog.fd()); // BPF_LINK_UPDATE with BPF_F_REPLACE
      assertEquals(drop.prog.info().id(), LinkInfo.of(bpf, fd).progId());
      assertFalse(delivered(sock, "two", 300), "the swapped-in program drops");
      bpf.linkDetach(fd); // BPF_LINK_DETACH: the fd stays open, the hook is empty
      assertTrue(delivered(sock, "three", 2000), "detached");
    }
  }

  @Test
  void tcxPassesAndDropsRealPackets() throws Exception {
    try (Udp sock = new Udp(veth.hostIp)) {
      try (Counter ok = new Counter(ProgType.SCHED_CLS, Tc.ACT_OK);
          Link l = Tc.attach(ok.prog, veth.host, true)) {
        assertTrue(delivered(sock, "ok", 2000), l.describe() + " let nothing through");
        assertTrue(ok.count() > 0);
      }
      try (Counter shot = new Counter(ProgType.SCHED_CLS, Tc.ACT_SHOT)) {
        try (Link l = Tc.attach(shot.prog, veth.host, true)) {
          assertFalse(delivered(sock, "shot", 300), l.describe() + " did not drop");
          assertTrue(shot.count() > 0);
        }
        assertTrue(delivered(sock, "after", 2000), "still dropping after close");
      }
    }
  }

  @Test
  void socketFilterOnAnFfmSocket() throws Exception {
    try (Udp sock = new Udp("127.0.0.1"); DatagramSocket out = new DatagramSocket()) {
      InetAddress lo = InetAddress.getLoopbackAddress();
      try (Counter drop = new Counter(ProgType.SOCKET_FILTER, 0)) {
        try (Link l = SocketFilter.attach(drop.prog, sock.fd.get())) {
          out.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, lo, sock.port));
          assertNull(sock.receive(200), l.describe() + " kept a packet it should drop");
          assertEquals(1, drop.count());
        }
        out.send(new DatagramPacket(new byte[] {4, 5}, 2, lo, sock.port));
        assertArrayEquals(new byte[] {4, 5}, sock.receive(2000));
      }
      try (Counter keep = new Counter(ProgType.SOCKET_FILTER, 0x10000); Link l = SocketFilter.attach(keep.prog, sock.fd.get())) {
        out.send(new DatagramPacket(new byte[] {6}, 1, lo, sock.port));
        assertNotNull(sock.receive(2000), l.describe() + " dropped a packet it should keep");
        assertEquals(1, keep.count());
      }
    }
  }

  @Test
  void cgroupSkbOnEgressOfACgroup() throws Exception {
    Path root = Path.of("/sys/fs/cgroup/unified");
    if (!Files.exists(root.resolve("cgroup.procs"))) {
      root = Path.of("/sys/fs/cgroup");
    }
    Path cg = root.resolve("bpf4j-test-" + ProcessHandle.current().pid());
    Files.createDirectories(cg);
    try (Udp sock = new Udp("127.0.0.1")) {
      String send = "echo $$ > " + cg.resolve("cgroup.procs") + " && echo -n hi > /dev/udp/127.0.0.1/"
          + sock.port + " 2>/dev/null; true";
      try (Counter drop = new Counter(ProgType.CGROUP_SKB, 0, AttachType.CGROUP_INET_EGRESS)) {
        try (Link l = CgroupSkb.attach(drop.prog, cg, false)) {
          Veth.run("bash", "-c", send);
          assertNull(sock.receive(200), l.describe() + " let a packet out");
          assertTrue(drop.count() > 0);
        }
      }
      try (Counter allow = new Counter(ProgType.CGROUP_SKB, 1, AttachType.CGROUP_INET_EGRESS);
          Link l = CgroupSkb.attach(allow.prog, cg, false)) {
        Veth.run("bash", "-c", send);
        assertNotNull(sock.receive(2000), l.describe() + " dropped a packet it should allow");
        assertTrue(allow.count() > 0);
      }
    } finally {
      for (int i = 0; i < 50 && Files.exists(cg); i++) {
        try {
          Files.delete(cg); // succeeds once the shells have exited
        } catch (java.io.IOException busy) {
          Thread.sleep(20);
        }
      }
    }
    assertFalse(Files.exists(cg));
  }
}
