package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  private static final InterpreterOptions FAST = InterpreterOptions.fast();
  private static final InterpreterOptions CHECKED = InterpreterOptions.checkedMode();

  @Test
  void checkedModeNamesInstructionAddressAndSize() throws Exception {
    Interpreter vm = load(CHECKED, mov(0, 0), ldx(W, 0, 1, 100), exit());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment in = arena.allocate(8);
      RunResult res = vm.execute(in);
      assertNotNull(res.error());
      assertEquals(1, res.error().pc());
      String msg = res.error().getMessage();
      assertTrue(msg.startsWith("instruction 1: load of 4 bytes at 0x"
          + Long.toHexString(in.address() + 100)), msg);
      assertEquals(2, res.instructions());
    }
  }

  @Test
  void checkedModeAllowsTheContextAndTheActiveFrameOnly() throws Exception {
    // store to r10 - 8 and to the context is fine
    Interpreter ok = load(CHECKED, st(DW, 10, -8, 7), st(B, 1, 3, 9), ldx(DW, 0, 10, -8), exit());
    byte[] mem = new byte[4];
    RunResult res = ok.execute(mem);
    assertNull(res.error());
    assertEquals(7, res.r0());
    assertEquals(9, mem[3]);
    // above the frame top, below the frame, one past the context
    for (Insn bad : List.of(st(B, 10, 0, 1), st(B, 10, -513, 1), st(B, 1, 4, 1))) {
      RunResult r = load(CHECKED, bad, mov(0, 0), exit()).execute(new byte[4]);
      assertNotNull(r.error(), bad.toString());
      assertTrue(r.error().getMessage().contains("store of 1 byte at"), r.error().getMessage());
    }
  }

  @Test
  void checkedModeUsesRegisteredRegions() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ro = arena.allocate(8);
      ro.set(Memory.U64, 0, 42);
      InterpreterOptions opts = CHECKED.withRegion(new Region(ro.address(), 8, false));
      Interpreter read = load(opts, lddw(1, ro.address()), ldx(DW, 0, 1, 0), exit());
      assertEquals(42, read.run(0, 0));
      Interpreter write = load(opts, lddw(1, ro.address()), st(DW, 1, 0, 1), mov(0, 0), exit());
      ExecutionException e = assertThrows(ExecutionException.class, () -> write.run(0, 0));
      assertTrue(e.getMessage().contains("store of 8 bytes"), e.getMessage());
    }
  }

  @Test
  void helpersCanAllowRegionsDuringARun() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment value = arena.allocate(8);
      value.set(Memory.U64, 0, 1234);
      HelperTable t = HelperTable.empty().with(1, "lookup", (st, a, b, c, d, e) -> {
        st.allowRegion(value.address(), 8, true);
        return value.address();
      });
      Interpreter vm = Interpreter.load(
          List.of(call(1), ldx(DW, 0, 0, 0), exit()), t, CHECKED);
      assertEquals(1234, vm.run(0, 0));
      Interpreter noAllow = Interpreter.load(
          List.of(lddw(0, value.address()), ldx(DW, 0, 0, 0), exit()), t, CHECKED);
      assertThrows(ExecutionException.class, () -> noAllow.run(0, 0));
    }
  }

  @Test
  void budgetStopsAnEndlessLoop() throws Exception {
    Interpreter vm = load(CHECKED.withBudget(1000), mov(0, 0), ja(-1), exit());
    RunResult res = vm.execute(new byte[0]);
    assertNotNull(res.error());
    assertTrue(res.error().getMessage().contains("instruction budget of 1000"), res.error().getMessage());
    assertEquals(1, res.error().pc());
    assertTrue(res.instructions() > 1000 && res.instructions() < 1010, "" + res.instructions());
  }

  @Test
  void callDepthOverEightFails() throws Exception {
    Insn[] prog = {
      callLocal(1), exit(),
      jneImm(1, 0, 2), mov(0, 0), exit(),
      alu64Imm(SUB, 1, 1), callLocal(-5), alu64Imm(ADD, 0, 1), exit()
    };
    for (InterpreterOptions o : List.of(FAST, CHECKED)) {
      Interpreter vm = load(o, prog);
      assertEquals(6, vm.run(6, 0)); // main + f(6) .. f(0) = 8 frames
      ExecutionException e = assertThrows(ExecutionException.class, () -> vm.run(7, 0));
      assertTrue(e.getMessage().contains("call depth"), e.getMessage());
    }
  }

  @Test
  void localCallsGetAFreshFrameAndKeepCalleeSavedRegisters() throws Exception {
    Insn[] prog = {
      st(DW, 10, -8, 11), mov(6, 6), mov(9, 9), callLocal(5),
      ldx(DW, 0, 10, -8), alu64(ADD, 0, 6), alu64(ADD, 0, 9), exit(), exit(),
      // callee: clobber its own frame and r6..r9, return r10 distance check in r0
      st(DW, 10, -8, 1000), mov(6, 0), mov(9, 0), mov(0, 0), exit()
    };
    assertEquals(26, load(CHECKED, prog).run(0, 0));
    assertEquals(26, load(FAST, prog).run(0, 0));
  }

  @Test
  void loadRejectsWithTheReason() {
    HelperTable none = HelperTable.empty();
    assertRejected(none, "unknown helper id 60000", call(60000), exit());
    assertRejected(none, "helper bpf_skb_vlan_push (id 18) is not available on the JVM backend",
        call(18), exit());
    assertRejected(none, "pseudo source 1 (map fd)", Insn.of(LDDW, 1, PSEUDO_MAP_FD, 0, 3), exit());
    assertRejected(none, "outside the program", ja(5), exit());
    assertRejected(none, "middle of an lddw", ja(1), lddw(0, 1), exit());
    assertRejected(none, "outside the program", callLocal(-3), exit());
    assertRejected(none, "r10 (the frame pointer) is read-only", mov(10, 0), exit());
    assertRejected(none, "kfunc", Insn.of(JMP | CALL, 0, CALL_KFUNC, 0, 7), exit());
    assertRejected(none, "no instructions");
  }

  @Test
  void checkedModeRejectsReadsOfUnwrittenRegisters() throws Exception {
    InvalidProgramException e = assertThrows(
        InvalidProgramException.class, () -> load(CHECKED, alu64(OR, 0, 10), exit()));
    assertEquals(0, e.pc());
    assertTrue(e.getMessage().contains("r0 is read before it is written"), e.getMessage());
    // written on one path only
    assertThrows(InvalidProgramException.class,
        () -> load(CHECKED, jeqImm(1, 0, 1), mov(0, 1), exit()));
    // scratch registers are unknown after a call
    InvalidProgramException afterCall = assertThrows(InvalidProgramException.class,
        () -> load(CHECKED, mov(1, 1), call(ConformanceHelpers.UNWIND), movReg(0, 1), exit()));
    assertTrue(afterCall.getMessage().contains("r1 is read"), afterCall.getMessage());
    // fast mode trusts the verifier; r1, r2 and r10 are written at entry
    assertEquals(0, load(FAST, alu64(OR, 0, 0), alu64(AND, 0, 2), exit()).run(0, 0));
    assertEquals(5, load(CHECKED, movReg(0, 2), alu64(ADD, 0, 1), exit()).run(2, 3));
  }

  private static void assertRejected(HelperTable t, String why, Insn... insns) {
    InvalidProgramException e = assertThrows(
        InvalidProgramException.class, () -> Interpreter.load(List.of(insns), t, FAST));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void runningPastTheEndIsAnError() throws Exception {
    ExecutionException e = assertThrows(
        ExecutionException.class, () -> load(FAST, mov(0, 1)).run(0, 0));
    assertEquals(1, e.pc());
    assertTrue(e.getMessage().contains("past the last instruction"));
  }

  @Test
  void callxOfAnUnknownIdFailsAtRunTime() throws Exception {
    Interpreter vm = load(FAST, mov(2, 77), callx(2), exit());
    ExecutionException e = assertThrows(ExecutionException.class, () -> vm.run(0, 0));
    assertTrue(e.getMessage().contains("no helper with id 77"), e.getMessage());
  }

  @Test
  void unwindStopsTheProgramWithZero() throws Exception {
    Interpreter vm = load(FAST, mov(1, 0), call(ConformanceHelpers.UNWIND), mov(0, 2), exit());
    RunResult res = vm.execute(new byte[0]);
    assertEquals(0, res.r0());
    assertEquals(2, res.instructions());
  }

  @Test
  void misalignedAtomicIsAnError() throws Exception {
    Interpreter vm = load(CHECKED, mov(1, 1), atomic(DW, 10, 1, -12, ADD), mov(0, 0), exit());
    ExecutionException e = assertThrows(ExecutionException.class, () -> vm.run(0, 0));
    assertTrue(e.getMessage().contains("not aligned"), e.getMessage());
  }

  @Test
  void legacyPacketLoadsReadNetworkOrderAndExitOnOutOfBounds() throws Exception {
    byte[] pkt = {0x12, 0x34, 0x56, 0x78, (byte) 0x9a};
    Interpreter h = load(CHECKED, Insn.of(LD | ABS | H, 0, 0, 0, 1), exit());
    assertEquals(0x3456, h.execute(pkt).r0());
    Interpreter w = load(CHECKED, mov(3, 1), Insn.of(LD | IND | W, 0, 3, 0, 0), exit());
    assertEquals(0x3456789aL, w.execute(pkt).r0());
    Interpreter oob = load(CHECKED, mov(0, 5), Insn.of(LD | ABS | W, 0, 0, 0, 2), mov(0, 9), exit());
    RunResult r = oob.execute(pkt);
    assertNull(r.error());
    assertEquals(0, r.r0());
  }

  @Test
  void eachThreadHasItsOwnStack() throws Exception {
    // r0 = sum of 1..r1, kept in the stack across a loop
    Insn[] prog = {
      st(DW, 10, -8, 0), jeqImm(1, 0, 5),
      ldx(DW, 0, 10, -8), alu64(ADD, 0, 1), stx(DW, 10, 0, -8), alu64Imm(SUB, 1, 1), ja(-6),
      ldx(DW, 0, 10, -8), exit()
    };
    Interpreter vm = load(CHECKED, prog);
    Thread[] threads = new Thread[2];
    long[] sums = new long[2];
    for (int i = 0; i < threads.length; i++) {
      int k = i;
      threads[i] = new Thread(() -> {
        long s = 0;
        for (int j = 0; j < 2000; j++) {
          s += vm.run(100 + k, 0);
        }
        sums[k] = s;
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(2000L * 5050, sums[0]);
    assertEquals(2000L * 5151, sums[1]);
  }

  @Test
  void aRunAllocatesNothing() throws Exception {
    Insn[] prog = {
      mov(0, 0), st(DW, 10, -8, 3), jeqImm(1, 0, 4),
      ldx(DW, 2, 10, -8), alu64(ADD, 0, 2), alu64Imm(SUB, 1, 1), ja(-5),
      mov(1, 1), call(ConformanceHelpers.UNWIND), exit()
    };
    // through reflection: the test module does not read java.management
    Object mx = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    long tid = Thread.currentThread().threadId();
    for (InterpreterOptions o : List.of(FAST, CHECKED)) {
      Interpreter vm = load(o, prog);
      long sum = 0;
      for (int i = 0; i < 2_000; i++) {
        sum += vm.run(10, 0);
      }
      long before = (long) allocatedBytes.invoke(mx, tid);
      for (int i = 0; i < 10_000; i++) {
        sum += vm.run(10, 0);
      }
      long allocated = (long) allocatedBytes.invoke(mx, tid) - before;
      assertEquals(12_000L, sum);
      assertTrue(allocated < 4096, o + ": 10000 runs allocated " + allocated + " bytes");
    }
  }
}
