package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bpf_jiffies64}, {@code bpf_get_numa_node_id}, {@code bpf_get_current_cgroup_id} and
 * {@code bpf_get_cgroup_classid}
 * in the kernel and on the JVM backend: host_info.o's raw tracepoint runs in the calling
 * thread in both. The JVM's jiffies lie between two kernel runs around it (a tick of slack on
 * each side), the NUMA node and the cgroup id are the kernel's.
 */
@RequiresKernel
class HostInfoAgreementTest {
  static long kernelWord(KernelObject k, int i) {
    byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(i).array();
    return ByteBuffer.wrap(k.map("out").lookup(key).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN)
        .getLong();
  }

  static long jvmWord(JvmObject j, int i) {
    MemorySegment key = MemorySegment.ofArray(new int[] {i});
    return j.map("out").lookup(key).orElseThrow().get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameClockNodeAndCgroupAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/host_info.o"));
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      kernel.program("host_info").testRun(TestRun.ofContext(new byte[8]));
      long before = kernelWord(kernel, 0);
      jvm.program("host_info").testRun(null, new byte[8], 1);
      kernel.program("host_info").testRun(TestRun.ofContext(new byte[8]));
      long after = kernelWord(kernel, 0);
      long mine = jvmWord(jvm, 0);
      assertTrue(mine >= before - 1 && mine <= after + 1,
          "jiffies: kernel " + before + " .. " + after + ", JVM " + mine);
      assertEquals(kernelWord(kernel, 1), jvmWord(jvm, 1), "NUMA node");
      assertEquals(kernelWord(kernel, 2), jvmWord(jvm, 2), "cgroup id");
      assertEquals(kernelWord(kernel, 3), jvmWord(jvm, 3), "net_cls classid");
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }
}
