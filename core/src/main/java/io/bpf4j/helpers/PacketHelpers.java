package io.bpf4j.helpers;

import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;

/**
 * Packet helpers over the contexts the programs see, laid out as the kernel's UAPI structs
 * with 32-bit packet addresses (the JVM backend keeps packets below 4 GiB, so a program's
 * {@code (void *)(long)ctx->data} is the address):
 *
 * <pre>
 *  xdp_md:      0 u32 data   4 u32 data_end   8 u32 data_meta  (24 bytes)
 *  __sk_buff:  76 u32 data  80 u32 data_end                    (192 bytes)
 * </pre>
 *
 * The XDP helpers move these within the test run's frame ({@link XdpFrame}); an skb's bytes
 * for {@code skb_load/store_bytes} and the checksum helpers are those from data to data_end
 * (the whole packet of a test run: its linear part).
 *
 * Checksums follow RFC 1624 in one's complement arithmetic, which gives the same bits for
 * either byte order as long as the field and the values are in the same one (network order
 * in the packet, as programs pass them).
 */
public final class PacketHelpers {
  private PacketHelpers() {}

  /** {@code xdp_md.data}. */
  public static final int XDP_DATA = 0;
  /** {@code xdp_md.data_end}. */
  public static final int XDP_DATA_END = 4;
  /** {@code xdp_md.data_meta}. */
  public static final int XDP_DATA_META = 8;
  /** {@code sizeof(struct xdp_md)}. */
  public static final int XDP_MD_SIZE = 24;
  /** {@code __sk_buff.data}. */
  public static final int SKB_DATA = 76;
  /** {@code __sk_buff.data_end}. */
  public static final int SKB_DATA_END = 80;
  /** {@code sizeof(struct __sk_buff)}. */
  public static final int SKB_SIZE = 192;

  static final int EINVAL = 22;
  static final int EFAULT = 14;
  static final int EACCES = 13;
  static final int ENOMEM = 12;
  private static final int ETH_HLEN = 14;

  /** A 32-bit address field of a context. */
  private static long get(long ctx, int off) {
    return Memory.ALL.get(Memory.U32, ctx + off) & 0xffffffffL;
  }

  private static void put(long ctx, int off, long v) {
    Memory.ALL.set(Memory.U32, ctx + off, (int) v);
  }

  /** {@code bpf_xdp_adjust_head(xdp, delta)}: moves data (and the metadata with it). */
  static long xdpAdjustHead(RunState s, long xdp, long delta) {
    ArgChecks.mem(s, "xdp_adjust_head", 1, xdp, XDP_MD_SIZE, true);
    int d = (int) delta;
    long data = get(xdp, XDP_DATA);
    long meta = get(xdp, XDP_DATA_META);
    long metalen = data - meta;
    long nd = data + d;
    XdpFrame f = XdpFrame.of(xdp);
    if (nd - metalen < (f == null ? meta : f.low) || nd > get(xdp, XDP_DATA_END) - ETH_HLEN) {
      return -EINVAL;
    }
    if (metalen > 0) {
      ArgChecks.mem(s, "xdp_adjust_head", 1, meta, metalen, false);
      ArgChecks.mem(s, "xdp_adjust_head", 1, meta + d, metalen, true);
      MemorySegment.copy(Memory.ALL, meta, Memory.ALL, meta + d, metalen);
    }
    put(xdp, XDP_DATA_META, meta + d);
    put(xdp, XDP_DATA, nd);
    return 0;
  }

  /** {@code bpf_xdp_adjust_tail(xdp, delta)}: moves data_end within the frame. */
  static long xdpAdjustTail(RunState s, long xdp, long delta) {
    ArgChecks.mem(s, "xdp_adjust_tail", 1, xdp, XDP_MD_SIZE, true);
    long old = get(xdp, XDP_DATA_END);
    long end = old + (int) delta;
    XdpFrame f = XdpFrame.of(xdp);
    if (end > (f == null ? old : f.high) || end < get(xdp, XDP_DATA) + ETH_HLEN) {
      return -EINVAL;
    }
    if ((int) delta > 0) { // the kernel clears what the packet grows into
      ArgChecks.mem(s, "xdp_adjust_tail", 1, old, (int) delta, true);
      Memory.ALL.asSlice(old, (int) delta).fill((byte) 0);
    }
    put(xdp, XDP_DATA_END, end);
    return 0;
  }

  /** {@code bpf_xdp_adjust_meta(xdp, delta)}: metadata of 0..32 bytes, a multiple of 4. */
  static long xdpAdjustMeta(RunState s, long xdp, long delta) {
    ArgChecks.mem(s, "xdp_adjust_meta", 1, xdp, XDP_MD_SIZE, true);
    long old = get(xdp, XDP_DATA_META);
    long meta = old + (int) delta;
    long data = get(xdp, XDP_DATA);
    XdpFrame f = XdpFrame.of(xdp);
    if (meta < (f == null ? old : f.low) || meta > data) {
      return -EINVAL;
    }
    long metalen = data - meta;
    if ((metalen & 3) != 0 || metalen > 32) {
      return -EACCES;
    }
    put(xdp, XDP_DATA_META, meta);
    return 0;
  }

  /** {@code bpf_xdp_get_buff_len(xdp)}: the packet's length (there are no fragments here). */
  static long xdpGetBuffLen(RunState s, long xdp) {
    ArgChecks.mem(s, "xdp_get_buff_len", 1, xdp, XDP_MD_SIZE, false);
    return get(xdp, XDP_DATA_END) - get(xdp, XDP_DATA);
  }

  /**
   * {@code bpf_xdp_load_bytes} ({@code store} false) and {@code bpf_xdp_store_bytes}: copies
   * {@code len} bytes at {@code offset} of the packet; -EFAULT for an offset or length above
   * 0xffff, -EINVAL past the packet's end (the buffer is left as it was), as the kernel's.
   */
  static long xdpBytes(RunState s, long xdp, long offset, long buf, long len, boolean store) {
    String name = store ? "xdp_store_bytes" : "xdp_load_bytes";
    ArgChecks.mem(s, name, 1, xdp, XDP_MD_SIZE, false);
    long off = offset & 0xffffffffL;
    long n = len & 0xffffffffL;
    if (off > 0xffff || n > 0xffff) {
      return -EFAULT;
    }
    long data = get(xdp, XDP_DATA);
    if (off + n > get(xdp, XDP_DATA_END) - data) {
      return -EINVAL;
    }
    ArgChecks.mem(s, name, 3, buf, n, !store);
    ArgChecks.mem(s, name, 1, data + off, n, store);
    if (store) {
      MemorySegment.copy(Memory.ALL, buf, Memory.ALL, data + off, n);
    } else {
      MemorySegment.copy(Memory.ALL, data + off, Memory.ALL, buf, n);
    }
    return 0;
  }

  /**
   * {@code bpf_skb_pull_data(skb, len)}: a test run's packet is all linear, so 0 when it has
   * {@code len} bytes (0: its whole head), else -ENOMEM as the kernel's {@code pskb_may_pull}.
   */
  static long skbPullData(RunState s, long skb, long len) {
    ArgChecks.mem(s, "skb_pull_data", 1, skb, SKB_SIZE, false);
    long n = len & 0xffffffffL;
    return n <= get(skb, SKB_DATA_END) - get(skb, SKB_DATA) ? 0 : -ENOMEM;
  }

  /** {@code bpf_skb_load_bytes(skb, offset, to, len)}: 0, or -EFAULT (to zeroed). */
  static long skbLoadBytes(RunState s, long skb, long offset, long to, long len) {
    ArgChecks.mem(s, "skb_load_bytes", 1, skb, 16, false);
    if (len > 0) {
      ArgChecks.mem(s, "skb_load_bytes", 3, to, len, true);
    }
    long data = get(skb, SKB_DATA);
    long size = get(skb, SKB_DATA_END) - data;
    if (offset < 0 || len <= 0 || offset + len > size || (int) offset != offset) {
      if (len > 0) {
        Memory.ALL.asSlice(to, len).fill((byte) 0);
      }
      return -EFAULT;
    }
    ArgChecks.mem(s, "skb_load_bytes", 1, data + offset, len, false);
    MemorySegment.copy(Memory.ALL, data + offset, Memory.ALL, to, len);
    return 0;
  }

  /** {@code bpf_skb_store_bytes(skb, offset, from, len, flags)}. */
  static long skbStoreBytes(RunState s, long skb, long offset, long from, long len, long flags) {
    if ((flags & ~3L) != 0) { // BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH
      return -EINVAL;
    }
    ArgChecks.mem(s, "skb_store_bytes", 1, skb, 16, false);
    long data = get(skb, SKB_DATA);
    long size = get(skb, SKB_DATA_END) - data;
    if (offset < 0 || len <= 0 || offset + len > size) {
      return -EFAULT;
    }
    ArgChecks.mem(s, "skb_store_bytes", 3, from, len, false);
    ArgChecks.mem(s, "skb_store_bytes", 1, data + offset, len, true);
    MemorySegment.copy(Memory.ALL, from, Memory.ALL, data + offset, len);
    return 0;
  }

  /** Folds a 64-bit one's complement sum to 32 bits with end-around carry. */
  static long fold32(long sum) {
    while ((sum >>> 32) != 0) {
      sum = (sum & 0xffffffffL) + (sum >>> 32);
    }
    return sum;
  }

  /** Folds to 16 bits. */
  static int fold16(long sum) {
    sum = fold32(sum);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  /**
   * {@code bpf_csum_diff(from, from_size, to, to_size, seed)} as the kernel computes it (seen
   * on Linux 6.18, x86_64): with both sides, {@code csum_sub(csum_partial(to, seed),
   * csum_partial(from, 0))}; with only {@code to}, {@code csum_partial(to, seed)}; with only
   * {@code from}, {@code ~csum_partial(from, ~seed)}; with neither, the seed — then folded to
   * 16 bits, not inverted. Which side is empty decides whether a zero sum comes out as 0 or
   * 0xffff. Sizes are any u32 (no multiple-of-4 rule, no 512-byte limit, as since the kernel
   * moved to {@code csum_partial}); trailing bytes count as a zero-padded little-endian word.
   */
  static long csumDiff(RunState st, long from, long fromSize, long to, long toSize, long seed) {
    fromSize &= 0xffffffffL; // u32 arguments
    toSize &= 0xffffffffL;
    if ((fromSize > 0 && from == 0) || (toSize > 0 && to == 0)) {
      return -EINVAL;
    }
    ArgChecks.mem(st, "csum_diff", 1, from, fromSize, false);
    ArgChecks.mem(st, "csum_diff", 3, to, toSize, false);
    long s = seed & 0xffffffffL;
    long ret;
    if (fromSize > 0 && toSize > 0) {
      ret = csumAdd(csumPartial(to, toSize, s), ~csumPartial(from, fromSize, 0) & 0xffffffffL);
    } else if (toSize > 0) {
      ret = csumPartial(to, toSize, s);
    } else if (fromSize > 0) {
      ret = ~csumPartial(from, fromSize, ~s & 0xffffffffL) & 0xffffffffL;
    } else {
      ret = s;
    }
    return from32to16(ret);
  }

  /**
   * The kernel's {@code csum_partial} (x86_64): the end-around-carry sum of the little-endian
   * 32-bit words, the trailing 1..3 bytes as a word padded with zero high bytes.
   */
  private static long csumPartial(long p, long size, long sum32) {
    long sum = sum32;
    long whole = size & ~3L;
    for (long i = 0; i < whole; i += 4) {
      sum += Memory.ALL.get(Memory.U32, p + i) & 0xffffffffL;
      if (sum < 0) {
        sum = fold32(sum);
      }
    }
    long tail = 0;
    for (long i = size - 1; i >= whole; i--) {
      tail = tail << 8 | (Memory.ALL.get(Memory.U8, p + i) & 0xffL);
    }
    return fold32(sum + tail);
  }

  /** {@code csum_add}: 32-bit addition with end-around carry. */
  private static long csumAdd(long a, long b) {
    return fold32(a + b);
  }

  /** {@code csum_from32to16}: the high half of the sum plus its halves swapped. */
  private static long from32to16(long sum) {
    long x = (sum + ((sum >>> 16) | (sum << 16))) & 0xffffffffL;
    return x >>> 16;
  }

  /**
   * Replaces a 16-bit checksum field for a change from {@code from} to {@code to} of
   * {@code size} bytes (2, 4, or 0: {@code to} is a precomputed difference).
   */
  static int replace(int check, long from, long to, int size) {
    long sum = ~check & 0xffff;
    if (size == 0) {
      sum += to & 0xffffffffL;
    } else if (size == 2) {
      sum += (~from & 0xffff) + (to & 0xffff);
    } else {
      sum += (~from & 0xffffffffL) + (to & 0xffffffffL);
    }
    return ~fold16(sum) & 0xffff;
  }

  /** {@code bpf_l3_csum_replace(skb, offset, from, to, flags)}; flags bits 0..3: size. */
  static long l3CsumReplace(RunState s, long skb, long offset, long from, long to, long flags) {
    int size = (int) (flags & 0xf);
    if ((flags & ~0xfL) != 0 || (size != 0 && size != 2 && size != 4)) {
      return -EINVAL;
    }
    ArgChecks.mem(s, "l3_csum_replace", 1, skb, 16, false);
    long data = get(skb, SKB_DATA);
    if (offset < 0 || offset + 2 > get(skb, SKB_DATA_END) - data) {
      return -EFAULT;
    }
    ArgChecks.mem(s, "l3_csum_replace", 1, data + offset, 2, true);
    int check = Memory.ALL.get(Memory.U16, data + offset) & 0xffff;
    Memory.ALL.set(Memory.U16, data + offset, (short) replace(check, from, to, size));
    return 0;
  }

  /**
   * {@code bpf_l4_csum_replace(skb, offset, from, to, flags)}: as l3, plus
   * {@code BPF_F_PSEUDO_HDR} (0x10, accepted), {@code BPF_F_MARK_MANGLED_0} (0x20: a zero
   * checksum, UDP's "none", stays zero and a result of zero is written as 0xffff) and
   * {@code BPF_F_MARK_ENFORCE} (0x40).
   */
  static long l4CsumReplace(RunState s, long skb, long offset, long from, long to, long flags) {
    int size = (int) (flags & 0xf);
    if ((flags & ~0x7fL) != 0 || (size != 0 && size != 2 && size != 4)) {
      return -EINVAL;
    }
    ArgChecks.mem(s, "l4_csum_replace", 1, skb, 16, false);
    long data = get(skb, SKB_DATA);
    if (offset < 0 || offset + 2 > get(skb, SKB_DATA_END) - data) {
      return -EFAULT;
    }
    ArgChecks.mem(s, "l4_csum_replace", 1, data + offset, 2, true);
    boolean mangled0 = (flags & 0x20) != 0;
    int check = Memory.ALL.get(Memory.U16, data + offset) & 0xffff;
    if (mangled0 && check == 0) {
      return 0;
    }
    int r = replace(check, from, to, size);
    if (mangled0 && r == 0) {
      r = 0xffff;
    }
    Memory.ALL.set(Memory.U16, data + offset, (short) r);
    return 0;
  }
}
