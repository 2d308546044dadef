package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.Linker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * find_vma.o ({@code bpf_find_vma} from a raw tracepoint), verified, on each engine: the
 * VMA of an address in libc's code is this process's mapping as {@code /proc/self/maps}
 * lists it; address 0 gives -ENOENT, flags 1 -EINVAL. {@code FindVmaAgreementTest} (kernel
 * module) compares the same run with the kernel's.
 */
class JvmFindVmaTest {
  static ObjectSpec relocated() throws Exception {
    return relocated("find_vma.o");
  }

  /**
   * A fixture CO-RE relocated against the running kernel's BTF when there is one (the blocks
   * of KernelTypes follow that kernel's layout; else their fallback, the fixture's own).
   */
  static ObjectSpec relocated(String fixture) throws Exception {
    ObjectSpec spec = JvmTimersTest.spec(fixture);
    Path vmlinux = Path.of("/sys/kernel/btf/vmlinux");
    return Files.isReadable(vmlinux)
        ? spec.relocateCore(Btf.parse(Files.readAllBytes(vmlinux)), true) : spec;
  }

  /**
   * Each program of {@code dir}/NAME.o (its first) is refused by bpf4j's verifier with a
   * message that holds the kernel's reason in {@code reasons}.
   */
  static void rejectsWithTheKernelsReasons(String dir, Map<String, String> reasons)
      throws Exception {
    for (var e : reasons.entrySet()) {
      ObjectSpec s = JvmTimersTest.spec(dir + "/" + e.getKey() + ".o");
      ProgramSpec p = s.programs().getFirst();
      VerifierResult r = Verifier.verify(ObjectInputs.of(s, p, null, true));
      assertFalse(r.accepted(), e.getKey() + " accepted");
      assertTrue(r.rejection().message().contains(e.getValue()),
          e.getKey() + ": " + r.rejection().message());
    }
  }

  static long[] out(BpfMap m) {
    long[] v = new long[8];
    for (int i = 0; i < 8; i++) {
      v[i] = JvmTimersTest.words(m, i)[0];
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void findsTheMappingOfLibcCode(JvmEngine engine) throws Exception {
    Path maps = Path.of("/proc/self/maps");
    Assumptions.assumeTrue(Files.isReadable(maps), "no /proc/self/maps here");
    long addr = Linker.nativeLinker().defaultLookup().find("getpid").orElseThrow().address();
    JvmObject o = JvmObject.load(relocated(), JvmLoadOptions.defaults().withEngine(engine));
    try {
      byte[] args = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(addr).array();
      o.program("find_vma").testRun(null, args, 1);
      long[] v = out(o.map("out"));
      assertEquals(0, v[0], "bpf_find_vma of libc code");
      String line = Files.readAllLines(maps).stream().filter(l -> {
        String[] r = l.split("[- ]");
        return Long.compareUnsigned(addr, Long.parseUnsignedLong(r[0], 16)) >= 0
            && Long.compareUnsigned(addr, Long.parseUnsignedLong(r[1], 16)) < 0;
      }).findFirst().orElseThrow();
      String[] f = line.split("\\s+");
      String[] range = f[0].split("-");
      assertEquals(Long.parseUnsignedLong(range[0], 16), v[1], "vm_start of " + line);
      assertEquals(Long.parseUnsignedLong(range[1], 16), v[2], "vm_end of " + line);
      assertEquals(0x5, v[3] & 0xf, "VM_READ | VM_EXEC, not written or shared: " + line);
      assertEquals(Long.parseUnsignedLong(f[2], 16) / 4096, v[4], "vm_pgoff of " + line);
      assertEquals(-2, v[5], "no VMA at address 0");
      assertEquals(-22, v[6], "flags 1");
      assertEquals(1, v[7], "one callback call");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * A raw tracepoint run without a context (prog run with no --ctx-in) or with fewer bytes
   * than the program reads: the missing args read as 0, on every engine. The JIT used to
   * read args[0] at address 0 and crash the JVM (SIGSEGV).
   */
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void missingOrShortContextReadsAsZero(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(relocated(), JvmLoadOptions.defaults().withEngine(engine));
    try {
      for (byte[] ctx : new byte[][] {null, new byte[0], new byte[3]}) {
        JvmProgram.TestRun r = o.program("find_vma").testRun(null, ctx, 1);
        assertEquals(-2, out(o.map("out"))[0], "bpf_find_vma of address 0");
        assertEquals(ctx == null ? 0 : ctx.length, r.ctxOut().length, "ctx out as long as ctx in");
      }
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  /**
   * Each program of btf_rejected/ with the kernel's reason (bpftool prog load on Linux 6.18),
   * which bpf4j gives in the same words.
   */
  static final Map<String, String> REJECTED = Map.of(
      "vma_write", "only read is supported",
      "vma_past_end", "access beyond struct vm_area_struct at off 65536 size 8",
      "vma_variable_offset", "R2 is ptr_vm_area_struct invalid variable offset: off=0,"
          + " var_off=(0x0; 0x8)",
      "find_vma_not_a_task", "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_",
      "find_vma_vma_as_task", "R1 is of type vm_area_struct but task_struct is expected",
      "find_vma_callback_returns_2", "should have been in [0, 1]");

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    rejectsWithTheKernelsReasons("btf_rejected", REJECTED);
    ObjectSpec ok = relocated();
    VerifierResult r = Verifier.verify(ObjectInputs.of(ok, ok.programs().getFirst(), null, true));
    assertTrue(r.accepted(), r.format());
  }
}
