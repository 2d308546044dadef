package io.bpf4j.kernel.link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair whose far end lives in a network namespace the test creates: {@link #host} in
 * this namespace with {@link #hostIp}, the peer in {@link #netns} with {@link #peerIp}.
 * Closing deletes both (the pair goes with either end); names carry the pid, so parallel
 * runs do not collide.
 */
final class Veth implements AutoCloseable {
  final String netns;
  final String host;
  final String hostIp;
  final String peerIp;

  Veth(int n) throws Exception {
    long pid = ProcessHandle.current().pid();
    netns = "bpf4j-" + pid + "-" + n;
    host = "b4j" + pid % 1_000_000 + "h" + n;
    String peer = "b4j" + pid % 1_000_000 + "p" + n;
    int subnet = (int) ((pid * 7 + n) % 250) + 1;
    hostIp = "10.213." + subnet + ".1";
    peerIp = "10.213." + subnet + ".2";
    try {
      run("ip", "netns", "add", netns);
      run("ip", "link", "add", host, "type", "veth", "peer", "name", peer, "netns", netns);
      run("ip", "addr", "add", hostIp + "/24", "dev", host);
      run("ip", "link", "set", host, "up");
      run("ip", "-n", netns, "addr", "add", peerIp + "/24", "dev", peer);
      run("ip", "-n", netns, "link", "set", peer, "up");
      run("ip", "-n", netns, "link", "set", "lo", "up");
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Sends one UDP datagram from the namespace to {@code hostIp:port} (bash's /dev/udp). */
  void sendFromPeer(int port, String text) throws Exception {
    run("ip", "netns", "exec", netns, "bash", "-c",
        "echo -n '" + text + "' > /dev/udp/" + hostIp + "/" + port + " 2>/dev/null || true");
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
    return out;
  }

  @Override
  public void close() {
    List<String> errors = new ArrayList<>();
    for (String[] cmd : new String[][] {{"ip", "link", "del", host}, {"ip", "netns", "del", netns}}) {
      try {
        run(cmd);
      } catch (Exception e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      System.err.println("veth clean-up: " + errors);
    }
  }
}
