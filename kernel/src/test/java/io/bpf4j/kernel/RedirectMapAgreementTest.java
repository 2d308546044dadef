package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The redirect maps (DEVMAP, DEVMAP_HASH, CPUMAP, XSKMAP) in the kernel and on the JVM
 * backend: the same updates from user space give the same errors (a missing interface, a
 * key past the end, BPF_NOEXIST, a queue size too large, a CPU that does not exist), and
 * redirect_maps.o's programs give the same verdicts for packets whose first byte is each key
 * (XDP_REDIRECT for a filled slot, the fallback action otherwise, a broadcast, bad flags) and
 * the same DEVMAP lookups.
 */
@RequiresKernel
class RedirectMapAgreementTest {
  static byte[] u32(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  /** One update on each side: "ok" or the errno, the same for both. */
  record Update(String map, int key, byte[] value, long flags) {}

  static final List<Update> UPDATES = List.of(
      new Update("tx", 1, u32(1), 0),           // lo
      new Update("tx", 3, u32(1), 0),
      new Update("tx", 3, u32(0), 0),           // ifindex 0: the slot is emptied
      new Update("tx", 2, u32(0x7ffffff0), 0),  // no such interface: EINVAL
      new Update("tx", 4, u32(1), 0),           // past the end: E2BIG
      new Update("tx", 1, u32(1), 1),           // BPF_NOEXIST: EEXIST
      new Update("tx", 1, u32(1), 4),           // bad flags: EINVAL
      new Update("txh", 7, u32(1, 0), 0),
      new Update("txh", 7, u32(1, 0), 1),       // exists: EEXIST
      new Update("txh", 9, u32(0, 0), 0),       // ifindex 0: EINVAL
      new Update("cpus", 0, u32(64, 0), 0),
      new Update("cpus", 1, u32(20000, 0), 0),  // qsize > 16384: EOVERFLOW
      new Update("cpus", 2, u32(64, 0), 0));    // past the end: E2BIG

  static String kernelUpdate(KernelObject k, Update u) {
    try {
      k.map(u.map()).update(u32(u.key()), u.value(), u.flags());
      return "ok";
    } catch (SysException e) {
      return "errno " + e.errno();
    }
  }

  static String jvmUpdate(JvmObject j, Update u) {
    try {
      j.map(u.map()).update(MemorySegment.ofArray(u32(u.key())),
          MemorySegment.ofArray(u.value()), u.flags());
      return "ok";
    } catch (BpfMapException e) {
      return "errno " + e.errno();
    }
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameUpdatesAndVerdictsAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/redirect_maps.o"));
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      List<String> k = new ArrayList<>();
      List<String> j = new ArrayList<>();
      for (Update u : UPDATES) {
        k.add(u + " -> " + kernelUpdate(kernel, u));
        j.add(u + " -> " + jvmUpdate(jvm, u));
      }
      assertEquals(k.toString().replaceAll("\\[B@[0-9a-f]+", "v"),
          j.toString().replaceAll("\\[B@[0-9a-f]+", "v"), "updates");
      for (String prog : List.of("to_dev", "to_dev_hash", "to_cpu", "to_xsk", "broadcast",
          "bad_flags", "dev_lookup")) {
        for (int first : new int[] {0, 1, 2, 3, 7, 200}) {
          byte[] packet = KernelObjectTest.ipv4Frame(64);
          packet[0] = (byte) first;
          long want = kernel.program(prog).testRun(TestRun.of(packet)).retvalUnsigned();
          long got = jvm.program(prog).testRun(packet, null, 1).retval();
          assertEquals(want, got, prog + " with first byte " + first + " on " + engine);
        }
      }
    } finally {
      jvm.maps().values().forEach(BpfMap::close);
    }
  }
}
