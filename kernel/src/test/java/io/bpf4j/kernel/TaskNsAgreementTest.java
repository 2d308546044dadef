package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The credentials and namespaces of the current task, in the kernel and on the JVM backend:
 * a raw tracepoint's test run runs in the calling thread, so task_ns.o looks at this JVM in
 * both, and {@code t->cred}'s uids, gids and user namespace, {@code t->nsproxy}'s namespaces
 * (inode numbers, as {@code /proc/self/ns} shows them) and the UTS namespace's host name give
 * the same values on each engine, read directly and with {@code BPF_CORE_READ}.
 */
@RequiresKernel
class TaskNsAgreementTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameCredentialsAndNamespacesAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("kernel/src/test/bpf/task_ns.o"));
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      for (String name : new String[] {"task_ns", "task_ns_core_read"}) {
        long k = kernel.program(name).testRun(TestRun.ofContext(new byte[8])).retvalUnsigned();
        long j = jvm.program(name).testRun(null, new byte[8], 1).retval();
        assertEquals(k, j, name + ": r0");
        TreeMap<String, String> ke = CallbackAgreementTest.kernelEntries(kernel.map("out"));
        assertEquals(ke, CallbackAgreementTest.jvmEntries(jvm.map("out")),
            name + ": out {0: euid:uid, 1: egid:gid, 2: fsuid, 3: user ns, 4: uts ns, 5: ipc ns,"
                + " 6: mnt ns, 7: pid ns for children, 8: net ns, 9: time ns, 10: cgroup ns,"
                + " 11: the host name's first 8 bytes, 12: real_cred is cred,"
                + " 13: the leader's nsproxy is ours}");
      }
      String mnt = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
      long inum = Long.parseLong(mnt.substring(mnt.indexOf('[') + 1, mnt.indexOf(']')));
      assertEquals(String.format("%016x", Long.reverseBytes(inum)),
          CallbackAgreementTest.jvmEntries(jvm.map("out")).get("06000000"),
          "the mount namespace is /proc/self/ns/mnt's");
    }
  }
}
