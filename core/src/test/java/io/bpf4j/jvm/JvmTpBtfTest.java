package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.maps.BpfMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tp_btf program (tp_btf/sw_all_args.o, sched_switch) verified and test-run on each engine
 * with its arguments as the context ({@code --ctx-in}): the scalars read narrowly as given,
 * the task pointers' members through probe loads, which read 0 at addresses bpf4j does not
 * know (the kernel has no test run for tp_btf programs).
 */
class JvmTpBtfTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void runsOnItsArguments(JvmEngine engine) throws Exception {
    JvmTaskWalkTest.assumeKernelBtf();
    JvmObject o = JvmObject.load(ObjectReader.read(Path.of(
        "src/test/bpf/tp_btf/sw_all_args.o")), JvmLoadOptions.defaults().withEngine(engine));
    try {
      // preempt, prev, next, prev_state
      byte[] ctx = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1ff)
          .putLong(0x1000).putLong(0x2000).putLong(0x123456789L).array();
      assertEquals(0, o.program("sw_all_args").testRun(null, ctx, 1).retval(),
          "next is never NULL");
      BpfMap bss = o.maps().entrySet().stream().filter(e -> e.getKey().endsWith(".bss"))
          .findFirst().orElseThrow().getValue();
      assertArrayEquals(new long[] {0xff, 0x23456789L, 0, 0}, JvmTimersTest.words(bss, 0),
          "{preempt's low byte, prev_state's low 32 bits, prev->pid, next->tgid}");
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }
}
