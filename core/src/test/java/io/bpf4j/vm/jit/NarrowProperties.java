package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link Narrow} is sound: on random programs run by the reference evaluator, every register
 * it calls narrow before an instruction holds a value below 2^32 whenever that instruction
 * runs.
 */
class NarrowProperties {
  @Property(tries = 120)
  void narrowRegistersHoldValuesBelow2To32(@ForAll long seed) {
    List<Insn> prog = RandomPrograms.generate(seed);
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    byte[] init = new byte[RandomPrograms.BUFFER];
    new Random(seed ^ 0xa11).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      new RefEval(prog, RandomPrograms.helpers(), arena).trace((r, pc) -> {
        for (int reg = 0; reg < Opcodes.REGISTER_COUNT; reg++) {
          if (layout.narrow(pc, reg)) {
            long v = r[reg];
            int which = reg;
            assertEquals(0, v >>> 32, () -> "seed " + seed + ": r" + which + " = "
                + Long.toHexString(v) + " before instruction " + pc);
          }
        }
      }).run(buf.address(), init.length);
    }
  }
}
