package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.maps.BpfMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * task_walk.o: pointer members of {@code bpf_get_current_task_btf}'s task, verified and run on
 * each engine: {@code real_parent->tgid} is this process's parent, {@code group_leader->pid}
 * this process, the leader's {@code comm} that of {@code /proc/self/comm}, and the chain
 * through the NULL {@code pi_blocked_on} reads 0 (a probe load) instead of failing or crashing.
 * {@code TaskWalkAgreementTest} (kernel module) compares the same run with the kernel's. The
 * programs of btf_rejected/walk_*.c are refused with the kernel's messages.
 */
class JvmTaskWalkTest {
  static void assumeKernelBtf() {
    Assumptions.assumeTrue(KernelTypes.task().fromKernel(),
        "no kernel BTF here: pointer members are walked only with /sys/kernel/btf/vmlinux");
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void walksToTheParentAndTheLeader(JvmEngine engine) throws Exception {
    assumeKernelBtf();
    JvmObject o = JvmObject.load(JvmTimersTest.spec("task_walk.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      long r0 = o.program("task_walk").testRun(null, new byte[8], 1).retval();
      long ppid = ProcessHandle.current().parent().orElseThrow().pid();
      long pid = ProcessHandle.current().pid();
      byte[] comm = Files.readString(Path.of("/proc/self/comm")).strip()
          .getBytes(StandardCharsets.UTF_8);
      long comm8 = ByteBuffer.wrap(java.util.Arrays.copyOf(comm, 8))
          .order(ByteOrder.LITTLE_ENDIAN).getLong();
      long[] v = new long[8];
      for (int i = 0; i < 8; i++) {
        v[i] = JvmTimersTest.words(o.map("out"), i)[0];
      }
      assertEquals(ppid, r0, "r0: real_parent->tgid");
      assertArrayEquals(new long[] {ppid, pid, 1, 1, comm8, 0, 1, 1}, v,
          "{real_parent->tgid, group_leader->pid, leader's tgid is ours, the leader leads itself,"
              + " leader's comm, pi_blocked_on->task->tgid, pi_blocked_on is NULL,"
              + " the leader's parent is ours}");
      // the same with bpf_get_current_task() and BPF_CORE_READ (bpf_probe_read_kernel)
      for (int i : new int[] {0, 1, 5}) {
        o.map("out").update(JvmTimersTest.key(i), java.lang.foreign.MemorySegment.ofArray(
            new long[] {-1}), 0);
      }
      assertEquals(ppid, o.program("task_core_read").testRun(null, new byte[8], 1).retval(),
          "task_core_read: r0");
      assertEquals(ppid, JvmTimersTest.words(o.map("out"), 0)[0], "BPF_CORE_READ(t, real_parent, tgid)");
      assertEquals(pid, JvmTimersTest.words(o.map("out"), 1)[0], "BPF_CORE_READ(t, group_leader, pid)");
      assertEquals(0, JvmTimersTest.words(o.map("out"), 5)[0], "through NULL: -EFAULT, 0 read");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /** task_mm: {@code t->mm}'s layout is {@code /proc/self/stat}'s. */
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void readsTheProcesssMemoryLayout(JvmEngine engine) throws Exception {
    assumeKernelBtf();
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long[] want = new long[8];
    int[] fields = {26, 27, 45, 46, 47, 28};
    for (int i = 0; i < fields.length; i++) {
      want[i] = Long.parseUnsignedLong(f[fields[i] - 3]);
    }
    want[6] = Long.parseUnsignedLong(f[51 - 3]) - Long.parseUnsignedLong(f[48 - 3]);
    want[7] = 1;
    JvmObject o = JvmObject.load(JvmTimersTest.spec("task_walk.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      assertEquals(1, o.program("task_mm").testRun(null, new byte[8], 1).retval(),
          "end_code > start_code");
      long[] v = new long[8];
      for (int i = 0; i < 8; i++) {
        v[i] = JvmTimersTest.words(o.map("mm_out"), i)[0];
      }
      assertArrayEquals(want, v, "{start_code, end_code, start_data, end_data, start_brk,"
          + " start_stack, env_end - arg_start, the leader's mm is ours}");
      assertEquals(1, o.program("task_vma_mm").testRun(null, new byte[8], 1).retval(),
          "the VMA of mm->start_code holds it, and its vm_mm is the task's mm");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * Each program of btf_rejected/walk_*.c with the kernel's reason (bpftool prog load on
   * Linux 6.18), which bpf4j gives in the same words; the offsets, which depend on the
   * kernel's layout, are left out.
   */
  static final Map<String, String> REJECTED = Map.of(
      "walk_write", "only read is supported",
      "walk_past_end", "access beyond struct task_struct at off ",
      "walk_ptr_size", "cannot access ptr member real_parent with moff ",
      "walk_member_overrun", "access beyond the end of member pid (mend:",
      "walk_negative", "R1 is ptr_task_struct invalid negative access: off=-8",
      "walk_variable_offset", "is ptr_task_struct invalid variable offset: off=0,"
          + " var_off=(0x0; 0x8)",
      "walk_untrusted_to_helper", "R1 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_",
      "walk_mem_write", "R1 cannot write into rdonly_untrusted_mem",
      "walk_mixed_pointers", "same insn cannot be used with different pointers",
      "walk_sleepable_to_helper", "R1 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_");

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    assumeKernelBtf();
    JvmFindVmaTest.rejectsWithTheKernelsReasons("btf_rejected", REJECTED);
  }
}
