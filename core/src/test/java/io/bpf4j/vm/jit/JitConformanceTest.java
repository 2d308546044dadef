package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.InsnCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every program of the bpf_conformance suite, compiled by the JIT, gives the expected r0. */
class JitConformanceTest {
  @TestFactory
  Stream<DynamicTest> conformance() throws Exception {
    return run(Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET, Consts.POOL_LIMIT);
  }

  /**
   * The same with every function cut into regions of a few instructions and every large
   * constant read from a table, so that the splitter's paths meet every instruction.
   */
  @TestFactory
  Stream<DynamicTest> conformanceSplitIntoTinyRegions() throws Exception {
    return run(60, 60, 0);
  }

  private Stream<DynamicTest> run(int directLimit, int budget, int poolLimit) throws Exception {
    Path dir = Conformance.dir();
    if (dir == null) {
      // a dynamic test, so that the skip is counted and its reason shown
      return Stream.of(DynamicTest.dynamicTest("conformance", () -> Assumptions.assumeTrue(false,
          "conformance files not found (system property bpf4j.conformance.dir)")));
    }
    List<Conformance.Case> cases = Conformance.cases(dir);
    assertEquals(313, cases.size(), "cases in assembled.jsonl");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
      JitProgram p = JitCompiler.compile(
          InsnCodec.decode(c.code()), Conformance.helpers(), directLimit, budget, poolLimit);
      try (Arena arena = Arena.ofConfined()) {
        long addr = 0;
        if (c.mem().length > 0) {
          MemorySegment m = arena.allocate(c.mem().length, 8);
          m.copyFrom(MemorySegment.ofArray(c.mem()));
          addr = m.address();
        }
        assertEquals(c.result(), p.run(addr, c.mem().length), () -> c.file() + "\n" + p.dump());
      }
    }));
  }
}
