package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pointer members read through {@code bpf_get_current_task_btf}'s task, in the kernel and on
 * the JVM backend: a raw tracepoint's test run runs in the calling thread, so task_walk.o
 * looks at this JVM in both, and {@code t->real_parent->tgid}, {@code t->group_leader->pid},
 * the leader's {@code comm} and a read through the NULL {@code t->pi_blocked_on} give the same
 * values and the same r0 on each engine, read directly and with {@code BPF_CORE_READ}
 * ({@code bpf_probe_read_kernel}); {@code t->mm} gives this process's memory layout in both,
 * and {@code bpf_find_vma}'s VMA its {@code vm_mm}. The programs of btf_rejected/walk_*.c are refused by
 * both verifiers with the same message.
 */
@RequiresKernel
class TaskWalkAgreementTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameValuesAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/task_walk.o"));
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      for (String name : new String[] {"task_walk", "task_core_read"}) {
        long k = kernel.program(name).testRun(TestRun.ofContext(new byte[8])).retvalUnsigned();
        long j = jvm.program(name).testRun(null, new byte[8], 1).retval();
        assertEquals(k, j, name + ": r0 (real_parent->tgid)");
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), j,
            name + ": real_parent->tgid is this JVM's parent");
        assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("out")),
            CallbackAgreementTest.jvmEntries(jvm.map("out")),
            name + ": out {0: real_parent->tgid, 1: group_leader->pid, 2: leader's tgid is ours,"
                + " 3: the leader leads itself, 4: leader's comm, 5: pi_blocked_on->task->tgid,"
                + " 6: pi_blocked_on is NULL, 7: the leader's parent is ours}");
      }
      long k = kernel.program("task_mm").testRun(TestRun.ofContext(new byte[8])).retvalUnsigned();
      assertEquals(k, jvm.program("task_mm").testRun(null, new byte[8], 1).retval(), "task_mm: r0");
      assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("mm_out")),
          CallbackAgreementTest.jvmEntries(jvm.map("mm_out")),
          "mm_out: {0: start_code, 1: end_code, 2: start_data, 3: end_data, 4: start_brk,"
              + " 5: start_stack, 6: env_end - arg_start, 7: the leader's mm is ours}");
      long vk = kernel.program("task_vma_mm").testRun(TestRun.ofContext(new byte[8]))
          .retvalUnsigned();
      assertEquals(1, vk, "task_vma_mm in the kernel: the VMA's vm_mm is the task's mm");
      assertEquals(vk, jvm.program("task_vma_mm").testRun(null, new byte[8], 1).retval(),
          "task_vma_mm: r0");
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }

  /** bpf4j's message starts with the kernel's last log line before its summary. */
  @ParameterizedTest
  @ValueSource(strings = {"walk_write", "walk_past_end", "walk_ptr_size",
      "walk_member_overrun", "walk_negative", "walk_variable_offset",
      "walk_untrusted_to_helper", "walk_mem_write", "walk_mixed_pointers",
      "walk_sleepable_to_helper"})
  void bothVerifiersRejectWithTheSameMessage(String name) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/btf_rejected/" + name + ".o"));
    ObjectLoadException e = assertThrows(ObjectLoadException.class,
        () -> KernelObject.load(spec).close(), name + ": the kernel accepts it");
    String reason = reason(e.log());
    VerifierResult r = Verifier.verify(ObjectInputs.of(spec, spec.programs().getFirst(), null,
        true));
    assertFalse(r.accepted(), name + ": the kernel rejects it (" + reason + "), bpf4j accepts it");
    assertTrue(r.rejection().message().startsWith(reason), name + ": kernel: " + reason
        + "\nbpf4j: " + r.rejection().message());
  }

  /** The kernel log's reason: the last line before "processed N insns". */
  static String reason(String log) {
    String[] lines = log.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("processed ")) {
        for (int j = i - 1; j >= 0; j--) {
          if (!lines[j].isBlank()) {
            return lines[j].strip();
          }
        }
      }
    }
    return log.strip();
  }
}
