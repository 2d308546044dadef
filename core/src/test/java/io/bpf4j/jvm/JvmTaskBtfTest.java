package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.bpf4j.maps.BpfMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * task_btf.o: {@code task->pid}, {@code task->tgid} and {@code task->comm} read through
 * {@code bpf_get_current_task_btf}'s pointer, verified, on each engine, equal what {@code
 * bpf_get_current_pid_tgid} and {@code bpf_get_current_comm} give. {@code
 * TaskBtfAgreementTest} (kernel module) compares the same run with the kernel's.
 */
class JvmTaskBtfTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void readsTheTasksFields(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmFindVmaTest.relocated("task_btf.o"), JvmLoadOptions.defaults().withEngine(engine));
    try {
      o.program("task_fields").testRun(null, new byte[8], 1);
      long[] v = new long[4];
      for (int i = 0; i < 4; i++) {
        v[i] = JvmTimersTest.words(o.map("out"), i)[0];
      }
      assertArrayEquals(new long[] {1, 1, 1, ProcessHandle.current().pid()}, v,
          "{pid, tgid, comm as the helpers give them, tgid}");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }
}
