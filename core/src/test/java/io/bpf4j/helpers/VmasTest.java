package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bpf_find_vma}'s parts: the smaps lookup, the flags, the checked task argument. */
class VmasTest {
  @Test
  void aSegmentOfOursIsInAReadWritePrivateVma() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "no smaps here");
    try (Arena a = Arena.ofConfined()) {
      MemorySegment m = a.allocate(1 << 20, 4096);
      Vmas.Vma v = Vmas.find(m.address() + 100);
      assertNotNull(v);
      assertTrue(Long.compareUnsigned(v.start(), m.address() + 100) <= 0
          && Long.compareUnsigned(m.address() + 100, v.end()) < 0, v.toString());
      assertEquals(0x3, v.flags() & 0xf, "VM_READ | VM_WRITE: " + v);
      assertEquals(0x30, v.flags() & 0x30, "VM_MAYREAD | VM_MAYWRITE: " + v);
    }
    assertNull(Vmas.find(0), "nothing is mapped at 0");
  }

  @Test
  void theBlockFollowsTheKernelsStruct() {
    io.bpf4j.btf.KernelTypes.StructLayout l = io.bpf4j.btf.KernelTypes.vma();
    assertEquals(0, l.offset("vm_start"));
    assertEquals(8, l.offset("vm_end"));
    assertTrue(l.size() >= 32 && l.offset("vm_flags") >= 16 && l.offset("vm_pgoff") >= 16,
        l.toString());
  }

  @Test
  void flagsAndTasks() {
    RunState checked = new RunState() {
      @Override
      public boolean checked() {
        return true;
      }
    };
    assertEquals(-22, Vmas.findVma(checked, 0x1234, 0, 0, 0, 1), "flags 1");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> Vmas.findVma(checked, 0x1234, 0, 0, 0, 0));
    assertTrue(e.getMessage().contains("bpf_find_vma: argument r1 (0x1234) is not a task"),
        e.getMessage());
    assertEquals(-2, Vmas.findVma(checked, TaskInfo.task(), 0, 0, 0, 0), "no VMA at 0");
  }
}
