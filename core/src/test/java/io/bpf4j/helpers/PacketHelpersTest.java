package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.HelperId;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class PacketHelpersTest {
  final HelperTable t = StandardHelpers.table();

  /**
   * An xdp_md over a page-sized frame (below 4 GiB): 100 bytes of data 256 bytes into it, as
   * a test run lays it out.
   */
  static MemorySegment xdp(MemorySegment frame) {
    MemorySegment x = low(PacketHelpers.XDP_MD_SIZE);
    long base = frame.address();
    x.set(Memory.U32, PacketHelpers.XDP_DATA, (int) (base + 256));
    x.set(Memory.U32, PacketHelpers.XDP_DATA_END, (int) (base + 356));
    x.set(Memory.U32, PacketHelpers.XDP_DATA_META, (int) (base + 256));
    return x;
  }

  private static long at(MemorySegment x, int field) {
    return x.get(Memory.U32, field) & 0xffffffffL;
  }

  @Test
  void xdpAdjustHeadTailMeta() {
    MemorySegment frame = low(4096);
    MemorySegment x = xdp(frame);
    RunState s = state(x);
    long ctx = x.address();
    long base = frame.address();
    try (XdpFrame _ = XdpFrame.open(ctx, base, base + 356)) {
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, -14));
      assertEquals(base + 242, at(x, PacketHelpers.XDP_DATA));
      assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, -(242 - XdpFrame.FRAME_HEADER) - 1),
          "into the xdp_frame at the start of the headroom");
      assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, 110), "under 14 bytes left");
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_META, ctx, -8));
      assertEquals(base + 234, at(x, PacketHelpers.XDP_DATA_META));
      assertEquals(-13, call(t, s, HelperId.XDP_ADJUST_META, ctx, -2), "not a multiple of 4");
      assertEquals(-13, call(t, s, HelperId.XDP_ADJUST_META, ctx, -28), "over 32 bytes");
      Memory.ALL.set(Memory.U64, base + 234, 0xabcdL);
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, 4));
      assertEquals(0xabcdL, Memory.ALL.get(Memory.U64, base + 238), "meta moved along");
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, 36));
      long room = XdpFrame.FRAME_SIZE - XdpFrame.SHARED_INFO - 392;
      assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, room + 1), "into the shared info");
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, room));
      assertEquals(0, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, -room - 100));
      assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, -100));
    }
  }

  @Test
  void anXdpMdWithoutAFrameShrinksButDoesNotGrow() {
    MemorySegment frame = low(4096);
    MemorySegment x = xdp(frame);
    RunState s = state(x);
    long ctx = x.address();
    assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, -4));
    assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, 4));
    assertEquals(-22, call(t, s, HelperId.XDP_ADJUST_META, ctx, -4));
    assertEquals(0, call(t, s, HelperId.XDP_ADJUST_HEAD, ctx, 4));
    assertEquals(0, call(t, s, HelperId.XDP_ADJUST_TAIL, ctx, -4));
    assertEquals(92, at(x, PacketHelpers.XDP_DATA_END) - at(x, PacketHelpers.XDP_DATA));
  }

  static final int[] IP_HEADER = {
    0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
    0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7
  };

  /** A __sk_buff (below 4 GiB) whose data is {@code pkt}. */
  static MemorySegment skb(MemorySegment pkt) {
    MemorySegment s = low(PacketHelpers.SKB_SIZE);
    s.set(Memory.U32, PacketHelpers.SKB_DATA, (int) pkt.address());
    s.set(Memory.U32, PacketHelpers.SKB_DATA_END, (int) (pkt.address() + pkt.byteSize()));
    return s;
  }

  static MemorySegment packet() {
    MemorySegment p = low(20);
    for (int i = 0; i < 20; i++) {
      p.set(Memory.U8, i, (byte) IP_HEADER[i]);
    }
    return p;
  }

  /** The RFC 1071 checksum of the header, computed from scratch. */
  static int checksum(MemorySegment p) {
    long sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += ((p.get(Memory.U8, i) & 0xff) << 8) | (p.get(Memory.U8, i + 1) & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  @Test
  void csumDiffAndReplaceAgreeWithRecomputation() {
    MemorySegment p = packet();
    MemorySegment sk = skb(p);
    RunState s = state(sk);
    long full = call(t, s, HelperId.CSUM_DIFF, 0, 0, p.address(), 20, 0);
    int folded = PacketHelpers.fold16(full);
    assertEquals(0xb861, Integer.reverseBytes(~folded << 16) & 0xffff);
    p.set(Memory.U8, 10, (byte) 0xb8);
    p.set(Memory.U8, 11, (byte) 0x61);
    assertEquals(0, checksum(p), "header checksum correct");
    // TTL 64 -> 63: replace the 16-bit word at offset 8 (TTL, protocol).
    long from = p.get(Memory.U16, 8) & 0xffff;
    p.set(Memory.U8, 8, (byte) 63);
    long to = p.get(Memory.U16, 8) & 0xffff;
    assertEquals(0, call(t, s, HelperId.L3_CSUM_REPLACE, sk.address(), 10, from, to, 2));
    assertEquals(0, checksum(p));
    // Destination address: a 4-byte replace.
    long fromA = p.get(Memory.U32, 16) & 0xffffffffL;
    p.set(Memory.U32, 16, 0x0a0a000a);
    assertEquals(0, call(t, s, HelperId.L4_CSUM_REPLACE, sk.address(), 10, fromA,
        0x0a0a000aL, 4));
    assertEquals(0, checksum(p));
    // Size 0: a precomputed difference from csum_diff.
    MemorySegment oldA = mem(4);
    oldA.set(Memory.U32, 0, 0x0a0a000a);
    MemorySegment newA = mem(4);
    newA.set(Memory.U32, 0, 0x01020304);
    long diff = call(t, s, HelperId.CSUM_DIFF, oldA.address(), 4, newA.address(), 4, 0);
    p.set(Memory.U32, 16, 0x01020304);
    assertEquals(0, call(t, s, HelperId.L3_CSUM_REPLACE, sk.address(), 10, 0, diff, 0));
    assertEquals(0, checksum(p));
    assertEquals(-22, call(t, s, HelperId.CSUM_DIFF, 0, 0, 0, 3, 0), "a null buffer");
    assertEquals(-22, call(t, s, HelperId.L3_CSUM_REPLACE, sk.address(), 10, 0, 0, 3));
    assertEquals(-14, call(t, s, HelperId.L3_CSUM_REPLACE, sk.address(), 19, 0, 0, 2));
  }

  /** Sizes that are not a multiple of 4, and over 512 bytes: the kernel's (6.18) answers. */
  @Test
  void csumDiffOfAnySizeAsTheKernel() {
    MemorySegment buf = mem(2048);
    for (int i = 0; i < 2048; i++) {
      buf.set(Memory.U8, i, (byte) (i * 37 + 11));
    }
    RunState s = new RunState();
    long from = buf.address();
    long to = from + 64;
    long[][] cases = {{3, 0, 0xe1d3}, {0, 3, 0x8314}, {5, 6, 0x96f4}, {0, 1, 0x127f},
        {2, 2, 0x5274}};
    for (long[] c : cases) {
      assertEquals(c[2], call(t, s, HelperId.CSUM_DIFF, from, c[0], to, c[1], 0x1234),
          "from " + c[0] + ", to " + c[1]);
    }
    // no 512-byte limit: 600 bytes sum as 150 words
    long sum = 0x1234;
    for (int i = 0; i < 600; i += 4) {
      sum += buf.get(Memory.U32, 64 + i) & 0xffffffffL;
    }
    long folded = PacketHelpers.fold32(sum);
    long expect = ((folded + ((folded >>> 16) | (folded << 16))) & 0xffffffffL) >>> 16;
    assertEquals(expect, call(t, s, HelperId.CSUM_DIFF, 0, 0, to, 600, 0x1234));
  }

  @Test
  void l4MangledZero() {
    MemorySegment p = packet();
    p.set(Memory.U16, 6, (short) 0);
    RunState s = state(skb(p));
    long sk = s.ctx;
    assertEquals(0, call(t, s, HelperId.L4_CSUM_REPLACE, sk, 6, 1, 2, 0x22));
    assertEquals(0, p.get(Memory.U16, 6), "a zero UDP checksum stays zero");
  }

  @Test
  void skbLoadAndStoreBytes() {
    MemorySegment p = packet();
    RunState s = state(skb(p));
    MemorySegment buf = mem(8);
    assertEquals(0, call(t, s, HelperId.SKB_LOAD_BYTES, s.ctx, 12, buf.address(), 4));
    assertEquals(0x0100a8c0, buf.get(Memory.U32, 0));
    assertEquals(-14, call(t, s, HelperId.SKB_LOAD_BYTES, s.ctx, 18, buf.address(), 4));
    assertEquals(0, buf.get(Memory.U32, 0));
    buf.set(Memory.U32, 0, 0x04030201);
    assertEquals(0, call(t, s, HelperId.SKB_STORE_BYTES, s.ctx, 16, buf.address(), 4, 0));
    assertEquals(0x04030201, p.get(Memory.U32, 16));
    assertEquals(-22, call(t, s, HelperId.SKB_STORE_BYTES, s.ctx, 16, buf.address(), 4, 4));
    assertEquals(-14, call(t, s, HelperId.SKB_STORE_BYTES, s.ctx, 17, buf.address(), 4, 0));
  }
}
