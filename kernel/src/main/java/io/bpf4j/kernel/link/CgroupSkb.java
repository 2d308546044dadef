package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.uapi.AttachType;
import java.nio.file.Path;

/**
 * cgroup skb: a {@code BPF_PROG_TYPE_CGROUP_SKB} program on the packets that processes of a
 * cgroup (v2) receive or send, through a BPF link ({@code BPF_CGROUP_INET_INGRESS} /
 * {@code BPF_CGROUP_INET_EGRESS}); it returns 1 to allow and 0 to drop.
 */
public final class CgroupSkb {
  private CgroupSkb() {}

  /** Attaches {@code prog} to the cgroup v2 directory {@code cgroup}, on ingress or egress. */
  public static Link attach(KernelProgram prog, Path cgroup, boolean ingress) {
    return attach(Bpf.system(), prog, cgroup, ingress);
  }

  /** Same, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, Path cgroup, boolean ingress) {
    AttachType t = ingress ? AttachType.CGROUP_INET_INGRESS : AttachType.CGROUP_INET_EGRESS;
    long dir = Sys.check(bpf.sys().open(cgroup.toString(), 0x80000 /* O_RDONLY|O_CLOEXEC */),
        "open(" + cgroup + ")");
    try (Fd cg = Fd.adopt(bpf.sys(), (int) dir)) {
      // the link holds the cgroup; the directory fd is not needed after
      return new FdLink(bpf.linkCreate(prog.fd(), cg.get(), t.value(), 0, 0),
          "cgroup_skb " + (ingress ? "ingress" : "egress") + " on " + cgroup);
    }
  }
}
