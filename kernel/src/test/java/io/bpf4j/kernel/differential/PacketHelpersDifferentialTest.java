package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.kernel.TestRunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code packet_helpers.o} in the kernel and on the JVM backend: {@code bpf_xdp_adjust_head},
 * {@code _tail} and {@code _meta} (shrinking, growing, too far), {@code bpf_xdp_get_buff_len},
 * {@code _load_bytes} and {@code _store_bytes} (inside, past the end, above 0xffff),
 * {@code bpf_skb_pull_data}, {@code bpf_skb_load_bytes}
 * and {@code _store_bytes} (inside and past the end, from a tc program and from a socket
 * filter, whose data starts at the IP header), {@code bpf_l3_csum_replace} and {@code
 * bpf_l4_csum_replace} (with the pseudo header) on one IPv4/UDP packet: the same r0 and the
 * same packet out of every program. {@code bpf_xdp_adjust_meta}, which this kernel refuses to
 * XDP programs, runs on the JVM backend only ({@code xdp_meta.o}).
 */
@RequiresKernel
class PacketHelpersDifferentialTest {
  private static final String[] PROGRAMS = {"xdp_head_shrink", "xdp_head_grow",
      "xdp_head_too_far", "xdp_tail_shrink", "xdp_tail_grow", "xdp_bytes", "xdp_store_keeps_pointers", "skb_pull", "skb_load",
      "skb_store", "skb_csum", "socket_load"};

  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameResultsAndPacketsAsTheKernel(JvmEngine engine) throws Exception {
    byte[] packet = udpPacket();
    try (Both b = Both.load("packet_helpers", engine)) {
      List<String> kernel = new ArrayList<>();
      List<String> jvm = new ArrayList<>();
      for (String name : PROGRAMS) {
        TestRunResult k = b.kernel.program(name).testRun(TestRun.of(packet.clone()).withDataOutSize(256));
        JvmProgram.TestRun j = b.jvm.program(name).testRun(packet.clone(), null, 1);
        kernel.add(name + ": r0 " + k.retvalUnsigned() + ", packet " + Both.hex(k.dataOut()));
        jvm.add(name + ": r0 " + j.retval() + ", packet " + Both.hex(j.dataOut()));
      }
      assertEquals(String.join("\n", kernel), String.join("\n", jvm));
    }
  }

  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void metadataGrowsBelowTheData(JvmEngine engine) throws Exception {
    java.nio.file.Path o = java.nio.file.Path.of(System.getProperty("bpf4j.root", ".."))
        .resolve("kernel/src/test/bpf/xdp_meta.o");
    io.bpf4j.jvm.JvmObject j = io.bpf4j.jvm.JvmObject.load(io.bpf4j.elf.ObjectReader.read(o),
        io.bpf4j.jvm.JvmLoadOptions.defaults().withEngine(engine));
    JvmProgram.TestRun r = j.program("xdp_meta").testRun(udpPacket(), null, 1);
    assertEquals(0xcdef + 100000, r.retval(),
        "8 bytes of metadata written and read back, then given back: data_meta == data again");
    assertEquals(Both.hex(udpPacket()), Both.hex(r.dataOut()), "the packet is untouched");
  }

  /** 64 bytes: Ethernet, IPv4 10.0.0.1 → 10.0.0.2 (checksum set), UDP 1234 → 80 (checksum set), payload. */
  static byte[] udpPacket() {
    byte[] p = new byte[64];
    for (int i = 0; i < 12; i++) {
      p[i] = (byte) (0x10 + i);
    }
    p[12] = 0x08;
    int ip = 14;
    int[] hdr = {0x45, 0, 0, 50, 0x12, 0x34, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    for (int i = 0; i < hdr.length; i++) {
      p[ip + i] = (byte) hdr[i];
    }
    int c = csum(p, ip, 20, 0);
    p[ip + 10] = (byte) (c >> 8);
    p[ip + 11] = (byte) c;
    int udp = ip + 20;
    int[] u = {1234 >> 8, 1234 & 0xff, 0, 80, 0, 30, 0, 0};
    for (int i = 0; i < u.length; i++) {
      p[udp + i] = (byte) u[i];
    }
    for (int i = udp + 8; i < 64; i++) {
      p[i] = (byte) (i * 3);
    }
    // pseudo header: addresses, protocol, UDP length
    int pseudo = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 30;
    int uc = csum(p, udp, 30, pseudo);
    p[udp + 6] = (byte) (uc >> 8);
    p[udp + 7] = (byte) uc;
    return p;
  }

  /** The Internet checksum of {@code len} bytes at {@code off}, starting from {@code sum}. */
  private static int csum(byte[] b, int off, int len, int sum) {
    for (int i = 0; i < len; i += 2) {
      sum += ((b[off + i] & 0xff) << 8) | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
  }
}
