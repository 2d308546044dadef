package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.uapi.AttachType;

/**
 * tc through tcx: a {@code BPF_PROG_TYPE_SCHED_CLS} program on an interface's ingress or
 * egress, through a BPF link ({@code BPF_TCX_INGRESS} / {@code BPF_TCX_EGRESS}, kernel 6.6+);
 * it returns {@code TC_ACT_OK} (0), {@code TC_ACT_SHOT} (2), {@code TC_ACT_REDIRECT} (7)...
 */
public final class Tc {
  private Tc() {}

  /** {@code TC_ACT_OK}: let the packet go on. */
  public static final int ACT_OK = 0;
  /** {@code TC_ACT_SHOT}: drop it. */
  public static final int ACT_SHOT = 2;

  /** Attaches {@code prog} to the ingress (or egress) of interface {@code ifname}. */
  public static Link attach(KernelProgram prog, String ifname, boolean ingress) {
    return attach(Bpf.system(), prog, Netdev.ifindex(ifname), ingress,
        "tcx " + (ingress ? "ingress" : "egress") + " on " + ifname);
  }

  /** Same, by interface index, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, int ifindex, boolean ingress, String what) {
    AttachType t = ingress ? AttachType.TCX_INGRESS : AttachType.TCX_EGRESS;
    return new FdLink(bpf.linkCreate(prog.fd(), ifindex, t.value(), 0, 0), what);
  }
}
