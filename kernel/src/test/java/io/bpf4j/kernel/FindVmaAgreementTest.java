package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.Linker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpf_find_vma} in the kernel and on the JVM backend: a raw tracepoint's test run
 * runs in the calling thread, so find_vma.o looks at this JVM's own address space in both.
 * For an address in libc's code both report the same VMA (start, end, flags, page offset),
 * -ENOENT for address 0 and -EINVAL for flags 1. The JVM side is verified and runs on each
 * engine, on the object's CO-RE relocated against the kernel's BTF, as the kernel backend
 * relocates it. The programs of btf_rejected/ are refused by both verifiers.
 */
@RequiresKernel
class FindVmaAgreementTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameVmaAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/find_vma.o"));
    long addr = Linker.nativeLinker().defaultLookup().find("getpid").orElseThrow().address();
    byte[] args = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(addr).array();
    ObjectSpec relocated = CallbackAgreementTest.relocated("core/src/test/bpf/find_vma.o");
    JvmObject jvm = JvmObject.load(relocated, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      kernel.program("find_vma").testRun(TestRun.ofContext(args));
      jvm.program("find_vma").testRun(null, args, 1);
      assertEquals(CallbackAgreementTest.kernelEntries(kernel.map("out")),
          CallbackAgreementTest.jvmEntries(jvm.map("out")),
          "out: {0: find_vma, 1: vm_start, 2: vm_end, 3: vm_flags, 4: vm_pgoff, 5: ENOENT,"
              + " 6: EINVAL, 7: callback calls} for 0x" + Long.toHexString(addr));
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"vma_write", "vma_past_end", "vma_variable_offset",
      "find_vma_not_a_task", "find_vma_vma_as_task", "find_vma_callback_returns_2"})
  void bothVerifiersReject(String name) throws Exception {
    CallbackAgreementTest.bothVerifiersReject("core/src/test/bpf/btf_rejected/" + name + ".o");
  }
}
