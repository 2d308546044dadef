package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.uapi.AttachType;

/**
 * XDP: a {@code BPF_PROG_TYPE_XDP} program on a network interface's receive path, through a
 * BPF link ({@code BPF_LINK_CREATE} with {@code BPF_XDP}); it returns {@code XDP_DROP},
 * {@code XDP_PASS}, {@code XDP_TX} or {@code XDP_REDIRECT} for each frame.
 */
public final class Xdp {
  private Xdp() {}

  /** {@code XDP_FLAGS_SKB_MODE}: generic XDP, after the skb is built (works on any device). */
  public static final int SKB_MODE = 1 << 1;
  /** {@code XDP_FLAGS_DRV_MODE}: native XDP in the driver (veth has it). */
  public static final int DRV_MODE = 1 << 2;

  /** Attaches {@code prog} to interface {@code ifname} (0 flags: the kernel's choice of mode). */
  public static Link attach(KernelProgram prog, String ifname, int flags) {
    return attach(Bpf.system(), prog, Netdev.ifindex(ifname), flags, "xdp on " + ifname);
  }

  /** Attaches {@code prog} to the interface with index {@code ifindex}. */
  public static Link attach(Bpf bpf, KernelProgram prog, int ifindex, int flags, String what) {
    return new FdLink(bpf.linkCreate(prog.fd(), ifindex, AttachType.XDP.value(), flags, 0), what);
  }
}
