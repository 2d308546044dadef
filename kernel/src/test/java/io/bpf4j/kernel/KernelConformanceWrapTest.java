package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewriting that makes a conformance program an XDP program (no kernel needed). */
class KernelConformanceWrapTest {
  // main: call local +2 (to slot 3); exit; (pad) ; callee: call 5; exit
  static final List<Insn> BODY = List.of(
      Insn.of(0x85, 0, 1, 0, 2), Insn.of(0x95, 0, 0, 0, 0), Insn.of(0x05, 0, 0, 0, 0),
      Insn.of(0x85, 0, 0, 0, 5), Insn.of(0x95, 0, 0, 0, 0));

  @Test
  void lowRunKeepsExitsAndReplacesHelper5() {
    List<Insn> w = KernelConformance.wrap(BODY, 0, false);
    assertEquals(7, w.size());
    assertEquals(BODY.get(0), w.get(0));
    assertEquals(Insn.of(0x85, 0, 1, 0, 1), w.get(3)); // call local the stub at slot 5
    assertEquals(Insn.of(0xbf, 0, 1, 0, 0), w.get(5)); // stub: r0 = r1
  }

  @Test
  void highRunSendsMainExitsThroughTheShift() {
    List<Insn> w = KernelConformance.wrap(BODY, 8, true);
    int base = 9 + 3; // prologue + goto + epilogue
    assertEquals(Insn.of(0xb7, 2, 0, 0, 8), w.get(8)); // r2 = size
    assertEquals(Insn.of(0x77, 0, 0, 0, 32), w.get(10));
    assertEquals(Insn.of(0x05, 0, 0, 10 - (base + 2), 0), w.get(base + 1)); // main's exit
    assertEquals(Insn.of(0x95, 0, 0, 0, 0), w.get(base + 4)); // the callee's exit stays
  }
}
