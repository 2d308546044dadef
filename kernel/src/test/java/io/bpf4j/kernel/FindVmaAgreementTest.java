package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.Linker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bpf_find_vma} in the kernel and on the JVM backend: a raw tracepoint's test run
 * runs in the calling thread, so find_vma.o looks at this JVM's own address space in both.
 * For an address in libc's code both report the same VMA (start, end, flags, page offset),
 * -ENOENT for address 0 and -EINVAL for flags 1. The JVM side runs in the checked
 * interpreter without verification (bpf4j's verifier has no BTF-typed task pointer), on the
 * object's CO-RE relocated against the kernel's BTF, as the kernel backend relocates it.
 */
@RequiresKernel
class FindVmaAgreementTest {
  @Test
  void sameVmaAsTheKernel() throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/find_vma.o"));
    long addr = Linker.nativeLinker().defaultLookup().find("getpid").orElseThrow().address();
    byte[] args = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(addr).array();
    ObjectSpec relocated = spec.relocateCore(
        Btf.parse(Files.readAllBytes(Path.of("/sys/kernel/btf/vmlinux"))), true);
    JvmObject jvm = JvmObject.load(relocated,
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
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
}
