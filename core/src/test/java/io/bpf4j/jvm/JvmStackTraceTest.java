package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapException;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * stack_ids.o on each engine: the STACK_TRACE map loads, {@code bpf_get_stackid} is -EFAULT
 * (no stack to walk on the JVM backend) and the map stays empty.
 */
class JvmStackTraceTest {
  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void noStackOnTheJvm(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("stack_ids.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      o.program("stack_id").testRun(null, new byte[8], 1);
      assertEquals(-14, JvmTimersTest.words(o.map("out"), 0)[0], "-EFAULT");
      BpfMap stacks = o.map("stacks");
      MemorySegment key = MemorySegment.ofArray(new int[] {0});
      assertFalse(stacks.lookup(key).isPresent());
      assertEquals(0, stacks.keys().size(), "empty");
      assertEquals(22, assertThrows(BpfMapException.class, () -> stacks.update(key,
          MemorySegment.ofArray(new long[127]), 0)).errno());
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }
}
