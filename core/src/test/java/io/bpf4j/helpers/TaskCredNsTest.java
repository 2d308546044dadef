package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.ProbeLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The current task block's {@code cred} and {@code nsproxy} (kernel BTF layouts): the ids of
 * {@code /proc/self/status}, the inode numbers of {@code /proc/self/ns} and the host name,
 * each read through {@link ProbeLoads} as a program's probe load reads them. The kernel
 * comparison is {@code TaskNsAgreementTest} in the kernel module.
 */
class TaskCredNsTest {
  private static long at(long base, KernelTypes.StructLayout l, String member) {
    return ProbeLoads.load(base + l.offset(member), 8);
  }

  private static long inum(String ns) throws Exception {
    String link = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
    return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
  }

  @Test
  void credentialsAndNamespacesOfThisProcess() throws Exception {
    Assumptions.assumeTrue(KernelTypes.task().fromKernel(), "no kernel BTF here");
    long t = TaskInfo.task();
    // the probe registry holds its blocks weakly: the blocks must outlive a collection
    System.gc();
    KernelTypes.StructLayout task = KernelTypes.task();
    long cred = at(t, task, "cred");
    assertEquals(cred, at(t, task, "real_cred"));
    KernelTypes.StructLayout c = KernelTypes.cred();
    String uids = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().substring(4).trim();
    assertEquals(Long.parseLong(uids.split("\\s+")[1]), ProbeLoads.load(cred + c.offset("euid"), 4));
    long userNs = at(cred, c, "user_ns");
    assertEquals(inum("user"), ProbeLoads.load(
        userNs + KernelTypes.namespace("user_namespace").offset("ns.inum"), 4));
    KernelTypes.StructLayout n = KernelTypes.nsproxy();
    long nsproxy = at(t, task, "nsproxy");
    String[][] ns = {{"mnt_ns", "mnt_namespace", "mnt"}, {"net_ns", "net", "net"},
        {"pid_ns_for_children", "pid_namespace", "pid_for_children"},
        {"cgroup_ns", "cgroup_namespace", "cgroup"}, {"uts_ns", "uts_namespace", "uts"}};
    for (String[] x : ns) {
      long p = at(nsproxy, n, x[0]);
      assertEquals(inum(x[2]), ProbeLoads.load(p + KernelTypes.namespace(x[1]).offset("ns.inum"), 4),
          x[0]);
    }
    KernelTypes.StructLayout uts = KernelTypes.namespace("uts_namespace");
    assertEquals(uts.offset("name.sysname") + 65, uts.offset("name.nodename"), "char[65] each");
    long u = at(nsproxy, n, "uts_ns");
    byte[] host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().getBytes();
    for (int i = 0; i < host.length; i++) {
      assertEquals(host[i], (byte) ProbeLoads.load(u + uts.offset("name.nodename") + i, 1));
    }
    assertEquals(0, Memory.ALL.get(Memory.U8, u + uts.offset("name.nodename") + host.length));
    assertNull(KernelTypes.namespace("no_such_namespace"));
  }
}
