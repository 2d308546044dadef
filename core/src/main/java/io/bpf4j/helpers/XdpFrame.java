package io.bpf4j.helpers;

import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.KernelTypes;

/**
 * The frame around an XDP test run's packet, which {@code bpf_xdp_adjust_head}, {@code _tail}
 * and {@code _meta} move {@code data}, {@code data_end} and {@code data_meta} within, as the
 * kernel's {@code xdp_buff} does: the packet starts 256 bytes ({@code XDP_PACKET_HEADROOM})
 * into a page, the first {@code sizeof(struct xdp_frame)} bytes of the headroom stay reserved,
 * and {@code data_end} may grow up to the page's end less the aligned {@code struct
 * skb_shared_info}. The JVM backend's test run opens one around its repeats ({@code
 * io.bpf4j.jvm.JvmProgram#testRun}); an XDP program run on any other {@code xdp_md} (a Java
 * caller's own) has no headroom or tailroom bpf4j knows of: its head and tail may shrink,
 * not grow.
 */
public final class XdpFrame implements AutoCloseable {
  /** The kernel's {@code XDP_PACKET_HEADROOM}. */
  public static final int HEADROOM = 256;
  /** The page a test run's frame lives in. */
  public static final int FRAME_SIZE = 4096;
  /** {@code sizeof(struct xdp_frame)}, kept free at the start of the headroom. */
  static final int FRAME_HEADER = size("xdp_frame", 40);
  /** {@code SKB_DATA_ALIGN(sizeof(struct skb_shared_info))}, kept free at the frame's end. */
  static final int SHARED_INFO = (size("skb_shared_info", 320) + 63) & ~63;

  private static final ThreadLocal<XdpFrame> CURRENT = new ThreadLocal<>();

  private final long ctx;
  /** The lowest address data_meta (and data) may reach. */
  final long low;
  /** The highest address data_end may reach. */
  final long high;
  private final XdpFrame outer;

  private XdpFrame(long ctx, long low, long high, XdpFrame outer) {
    this.ctx = ctx;
    this.low = low;
    this.high = high;
    this.outer = outer;
  }

  private static int size(String struct, int fallback) {
    return KernelTypes.vmlinux().map(b -> {
      int id = b.find(BtfKind.STRUCT, struct);
      return id > 0 && b.type(id) instanceof BtfType.Composite c ? c.size() : fallback;
    }).orElse(fallback);
  }

  /**
   * Gives the {@code xdp_md} at {@code ctx} the frame that starts at {@code page} (its packet
   * at {@code page + HEADROOM}) on this thread until closed; a packet too large for one page
   * may not grow at its tail.
   */
  public static XdpFrame open(long ctx, long page, long dataEnd) {
    long limit = page + FRAME_SIZE - SHARED_INFO;
    XdpFrame f = new XdpFrame(ctx, page + FRAME_HEADER, Math.max(dataEnd, limit), CURRENT.get());
    CURRENT.set(f);
    return f;
  }

  /** The frame of the {@code xdp_md} at {@code ctx} on this thread, or null. */
  static XdpFrame of(long ctx) {
    XdpFrame f = CURRENT.get();
    return f != null && f.ctx == ctx ? f : null;
  }

  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
