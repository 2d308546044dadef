package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random valid programs give the same r0 and leave the same buffer on the JIT (whole and cut
 * into tiny regions) as on the project's reference interpreter.
 */
class JitVersusInterpreterProperties {
  @Property(tries = 150)
  void jitAgreesWithTheInterpreter(@ForAll long seed, @ForAll boolean split) throws Exception {
    List<Insn> prog = RandomPrograms.generate(seed);
    HelperTable helpers = RandomPrograms.helpers();
    byte[] init = new byte[RandomPrograms.BUFFER];
    new Random(seed ^ 0xfeed).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment a = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      MemorySegment b = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      Interpreter interp = Interpreter.load(prog, helpers, InterpreterOptions.fast());
      long expected = interp.run(a.address(), init.length);
      JitProgram p = split
          ? JitCompiler.compile(prog, helpers, 60, 60, 0)
          : JitCompiler.compile(prog, helpers);
      long actual = p.run(b.address(), init.length);
      String where = "seed " + seed + " split " + split;
      assertEquals(expected, actual, where);
      assertArrayEquals(a.toArray(ValueLayout.JAVA_BYTE), b.toArray(ValueLayout.JAVA_BYTE), where);
    }
  }
}
