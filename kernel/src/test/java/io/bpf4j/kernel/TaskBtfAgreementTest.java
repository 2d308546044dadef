package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bpf_get_current_task_btf}'s task read field by field in the kernel and on the JVM
 * backend: a raw tracepoint's test run runs in the calling thread, so task_btf.o sees the
 * same thread in both, and {@code task->pid}, {@code task->tgid} and {@code task->comm} agree
 * with {@code bpf_get_current_pid_tgid} and {@code bpf_get_current_comm} in both. The JVM
 * side is verified and runs on each engine, on the object relocated against the kernel's BTF.
 */
@RequiresKernel
class TaskBtfAgreementTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameFieldsAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/task_btf.o"));
    ObjectSpec relocated = CallbackAgreementTest.relocated("core/src/test/bpf/task_btf.o");
    JvmObject jvm = JvmObject.load(relocated, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      kernel.program("task_fields").testRun(TestRun.ofContext(new byte[8]));
      jvm.program("task_fields").testRun(null, new byte[8], 1);
      assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("out")),
          CallbackAgreementTest.jvmEntries(jvm.map("out")),
          "out: {0: pid matches, 1: tgid matches, 2: comm matches, 3: tgid}");
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }
}
