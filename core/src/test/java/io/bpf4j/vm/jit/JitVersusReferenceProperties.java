package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random valid programs give the same r0 and leave the same buffer on the JIT (whole functions
 * and cut into tiny regions) as on the reference evaluator.
 */
class JitVersusReferenceProperties {
  @Property(tries = 60)
  void jitAgreesWithTheReference(@ForAll long seed, @ForAll boolean split) {
    List<Insn> prog = RandomPrograms.generate(seed);
    HelperTable helpers = RandomPrograms.helpers();
    byte[] init = new byte[RandomPrograms.BUFFER];
    new Random(seed ^ 0x5eed).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment a = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      MemorySegment b = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      long expected = new RefEval(prog, helpers, arena).run(a.address(), init.length);
      JitProgram p = split
          ? JitCompiler.compile(prog, helpers, 60, 60, 0)
          : JitCompiler.compile(prog, helpers);
      long actual = p.run(b.address(), init.length);
      String where = "seed " + seed + " split " + split + "\n" + p.dump();
      assertEquals(expected, actual, where);
      assertArrayEquals(a.toArray(ValueLayout.JAVA_BYTE), b.toArray(ValueLayout.JAVA_BYTE), where);
    }
  }
}
