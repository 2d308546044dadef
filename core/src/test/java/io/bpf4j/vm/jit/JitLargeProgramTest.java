package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.vm.HelperTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A program of more than 100,000 instructions is cut into regions small enough for HotSpot
 * (every method under 8000 bytecode bytes), and computes what the reference computes.
 */
class JitLargeProgramTest {
  @Test
  void programOf100kInstructionsIsSplitAndCorrect() {
    List<Insn> prog = RandomPrograms.generate(new Random(42), 101_000, 3, true);
    int slots = InsnCodec.slotCount(prog);
    assertTrue(slots > 100_000, "slots " + slots);
    HelperTable helpers = RandomPrograms.helpers();
    byte[] init = new byte[RandomPrograms.BUFFER];
    new Random(7).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment a = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      MemorySegment b = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      long expected = new RefEval(prog, helpers, arena).run(a.address(), init.length);
      JitProgram p = JitCompiler.compile(prog, helpers);
      System.out.printf("%d instructions: compiled in %.1f ms, %d regions, %d methods,"
              + " largest method %d bytes%n", slots, p.compileNanos() / 1e6, p.regionCount(),
          p.methodCount(), p.largestMethodBytes());
      assertTrue(p.regionCount() > 50, "regions " + p.regionCount());
      assertTrue(p.largestMethodBytes() < 8000, "largest method " + p.largestMethodBytes());
      assertEquals(expected, p.run(b.address(), init.length));
      assertArrayEquals(a.toArray(ValueLayout.JAVA_BYTE), b.toArray(ValueLayout.JAVA_BYTE));
    }
  }
}
