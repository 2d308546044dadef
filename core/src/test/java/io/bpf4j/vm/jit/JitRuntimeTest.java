package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.helpers.StandardHelpers;
import io.bpf4j.isa.Insn;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.ProgArray;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Calls, stops, tail calls, stack frames, threads and allocation of compiled programs. */
class JitRuntimeTest {
  /** main calls f(depth): f calls itself until r1 reaches 0; each frame writes its stack. */
  private static List<Insn> recursion() {
    return List.of(
        callLocal(1), // 0: r0 = f(r1)
        exit(), // 1
        stx(DW, FP, 1, -8), // 2: f: *(fp-8) = r1
        jmp(JEQ, 1, 0, 4), // 3
        alu64(SUB, 1, 1), // 4
        callLocal(-4), // 5: f(r1 - 1)
        ldx(DW, 0, FP, -8), // 6: r0 = *(fp-8) (own frame intact)
        exit(), // 7
        ldx(DW, 0, FP, -8), // 8
        alu64(ADD, 0, 100), // 9
        exit());
  }

  @Test
  void callsGetTheirOwnFramesUpToDepthEight() {
    JitProgram p = JitCompiler.compile(recursion(), HelperTable.empty());
    // main + 7 nested frames of f = 8 frames: allowed
    assertEquals(6, p.run(6, 0));
    assertEquals(100, p.run(0, 0));
    ExecutionException e = assertThrows(ExecutionException.class, () -> p.run(7, 0));
    assertTrue(e.getMessage().contains("call depth"), e.getMessage());
    // the state was released: the next run works on the same thread
    assertEquals(5, p.run(5, 0));
  }

  @Test
  void helperStopEndsTheRunFromANestedFunction() {
    HelperTable h = Conformance.helpers();
    List<Insn> prog = List.of(
        mov(6, 7),
        callLocal(2),
        mov(0, 42), // not reached when the helper stops
        exit(),
        mov(1, 0), // f: unwind(0) stops with r0 = 0
        call(5),
        mov(0, 99),
        exit());
    JitProgram p = JitCompiler.compile(prog, h);
    assertEquals(0, p.run(0, 0));
    // and the stop flag is reset for the next run: with unwind(1) the program runs on
    List<Insn> prog2 = new ArrayList<>(prog);
    prog2.set(4, mov(1, 1));
    assertEquals(42, JitCompiler.compile(prog2, h).run(0, 0));
  }

  @Test
  void tailCallGoesThroughTheHelperTableAndIsLimitedTo33() {
    HelperTable h = StandardHelpers.table();
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("jmp", MapType.PROG_ARRAY, 4, 4, 2))) {
      // target: r0 = ctx + 1
      JitProgram target = JitCompiler.compile(List.of(movr(0, 1), alu64(ADD, 0, 1), exit()), h);
      List<Insn> caller = List.of(
          lddw(2, pa.address()), mov(3, 0), call(12), // on success it does not come back
          alu64(ADD, 0, 1000), exit());
      JitProgram p = JitCompiler.compile(caller, h);
      ProgArray.set(pa, 0, target);
      assertEquals(41, p.run(40, 0));
      ProgArray.set(pa, 0, null);
      assertEquals(-2 + 1000, p.run(40, 0), "an empty slot: -ENOENT, the caller goes on");
      // a program that counts its runs and tail-calls itself: 33 tail calls succeed, the 34th
      // (-E2BIG) falls through and returns the count
      AtomicInteger runs = new AtomicInteger();
      HelperTable counting = h.with(200, "count", (st, a, b, c, d, e) -> runs.incrementAndGet());
      List<Insn> self = List.of(movr(7, 1), call(200), movr(6, 0), movr(1, 7),
          lddw(2, pa.address()), mov(3, 1), call(12), movr(0, 6), exit());
      JitProgram loop = JitCompiler.compile(self, counting);
      ProgArray.set(pa, 1, loop);
      assertEquals(34, loop.run(0, 0));
      // the target may be another engine: the interpreter, on the same path
      ProgArray.set(pa, 0, Interpreter.load(List.of(movr(0, 1), alu64(ADD, 0, 2), exit()), h,
          InterpreterOptions.fast()));
      assertEquals(42, p.run(40, 0));
    } catch (io.bpf4j.vm.InvalidProgramException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTailCallFromASubprogramReturnsToItsCallerOnBothEngines() throws Exception {
    HelperTable h = StandardHelpers.table();
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("jmp", MapType.PROG_ARRAY, 4, 4, 1))) {
      List<Insn> prog = List.of(
          callLocal(2), // 0: r0 = sub()
          alu64(ADD, 0, 1000), // 1: the caller goes on after the tail call
          exit(), // 2
          lddw(2, pa.address()), mov(3, 0), call(12), // 3, 5, 6: sub: tail call slot 0
          mov(0, 5), exit()); // 7, 8: only when it failed
      // the same through callx: r4 = 12, callx r4
      List<Insn> viaCallx = new ArrayList<>(prog);
      viaCallx.set(5, mov(4, 12));
      viaCallx.add(6, Insn.of(JMP | CALL | X, 4, 0, 0, 0));
      List<io.bpf4j.vm.Engine> engines = new ArrayList<>();
      for (List<Insn> code : List.of(prog, viaCallx)) {
        engines.add(JitCompiler.compile(code, h));
        engines.add(Interpreter.load(code, h, InterpreterOptions.fast()));
        engines.add(Interpreter.load(code, h, InterpreterOptions.checkedMode()));
      }
      for (io.bpf4j.vm.Engine e : engines) {
        ProgArray.set(pa, 0, null);
        assertEquals(1005, e.run(0, 0), e + ": an empty slot, the subprogram goes on");
        ProgArray.set(pa, 0, JitCompiler.compile(List.of(mov(0, 42), exit()), h));
        assertEquals(1042, e.run(0, 0), e + ": the target's r0 comes back to the caller");
      }
    }
  }

  @Test
  void callxCallsTheHelperWhoseIdIsInTheRegister() {
    HelperTable h = HelperTable.empty().with(3, "plus", (s, a, b, c, d, e) -> a + b);
    List<Insn> prog = List.of(mov(1, 2), mov(2, 5), mov(4, 3),
        Insn.of(JMP | CALL | X, 4, 0, 0, 0), exit());
    assertEquals(7, JitCompiler.compile(prog, h).run(0, 0));
    List<Insn> bad = List.of(mov(4, 9), Insn.of(JMP | CALL | X, 4, 0, 0, 0), exit());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> JitCompiler.compile(bad, h).run(0, 0));
    assertTrue(e.getMessage().contains("no helper with id 9"), e.getMessage());
  }

  @Test
  void rejectsWhatItCannotCompileNamingTheInstruction() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JitCompiler.compile(List.of(call(18), exit()), HelperTable.empty()));
    assertEquals("instruction 0 (slot 0): helper bpf_skb_vlan_push (id 18) is not available on"
        + " the JVM backend", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> JitCompiler.compile(List.of(call(60000), exit()), HelperTable.empty()));
    assertEquals("instruction 0 (slot 0): unknown helper id 60000", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> JitCompiler.compile(List.of(lddw(1, 5), ja(-2), exit()), HelperTable.empty()));
    assertTrue(e.getMessage().startsWith("instruction 1 (slot 2): jump target slot 1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> JitCompiler.compile(
        List.of(Insn.of(LDDW, 1, PSEUDO_MAP_FD, 0, 3), exit()), HelperTable.empty()));
    assertTrue(e.getMessage().contains("resolved by the loader"), e.getMessage());
  }

  @Test
  void runsOnManyThreadsEachWithItsOwnStack() throws Exception {
    // writes r1 to its stack, spins, reads it back
    List<Insn> prog = List.of(
        stx(DW, FP, 1, -8), mov(2, 10000),
        alu64(SUB, 2, 1), jmp(JNE, 2, 0, -2),
        ldx(DW, 0, FP, -8), exit());
    JitProgram p = JitCompiler.compile(prog, HelperTable.empty());
    List<Thread> threads = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < 4; t++) {
      long id = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 2000; i++) {
          long v = id * 1_000_000 + i;
          if (p.run(v, 0) != v) {
            failure.set(new AssertionError("thread " + id + " run " + i));
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertNull(failure.get());
  }

  @Test
  void aHelperMayRunAProgramAgainOnTheSameThread() {
    AtomicReference<JitProgram> self = new AtomicReference<>();
    HelperTable h = HelperTable.empty().with(1, "again",
        (s, a, b, c, d, e) -> a == 0 ? 0 : self.get().run(a - 1, 0) + 1);
    List<Insn> prog = List.of(stx(DW, FP, 1, -8), call(1), ldx(DW, 2, FP, -8),
        alu64r(ADD, 0, 2), exit());
    JitProgram p = JitCompiler.compile(prog, h);
    self.set(p);
    // r0(n) = r0(n-1) + 1 + n, r0(0) = 0: 3 -> 1+1 + ... = 9
    assertEquals(9, p.run(3, 0));
  }

  @Test
  void aRunAllocatesNothing() throws Exception {
    // through reflection: the test compiles in the module io.bpf4j.core, which does not read
    // java.management; at run time the tests are on the class path
    Object threadBean = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    List<Insn> prog = List.of(stx(DW, FP, 1, -8), callLocal(2), ldx(DW, 0, FP, -8), exit(),
        movr(0, 1), exit());
    JitProgram p = JitCompiler.compile(prog, HelperTable.empty());
    long sum = 0;
    for (int i = 0; i < 20_000; i++) {
      sum += p.run(i, 0);
    }
    long tid = Thread.currentThread().threadId();
    long before = (long) allocatedBytes.invoke(threadBean, tid);
    for (int i = 0; i < 100_000; i++) {
      sum += p.run(i, 0);
    }
    long allocated = (long) allocatedBytes.invoke(threadBean, tid) - before;
    assertTrue(sum > 0);
    // the measurement itself may allocate a little; 100k runs allocating would be megabytes
    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 100k runs");
  }

  @Test
  void aTailCallIntoACompiledProgramAllocatesNothing() throws Exception {
    Object threadBean = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    HelperTable h = StandardHelpers.table();
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("jmp", MapType.PROG_ARRAY, 4, 4, 1))) {
      // a program that tail-calls itself: 33 nested runs of one program per run
      JitProgram p = JitCompiler.compile(List.of(lddw(2, pa.address()), mov(3, 0), call(12),
          mov(0, 7), exit()), h);
      ProgArray.set(pa, 0, p);
      long sum = 0;
      for (int i = 0; i < 2_000; i++) {
        sum += p.run(i, 0);
      }
      long tid = Thread.currentThread().threadId();
      long before = (long) allocatedBytes.invoke(threadBean, tid);
      for (int i = 0; i < 3_000; i++) {
        sum += p.run(i, 0);
      }
      long allocated = (long) allocatedBytes.invoke(threadBean, tid) - before;
      assertEquals(7 * 5_000, sum);
      // each nested run needs a state of its own while the outer ones are busy: made once per
      // depth and thread, not per run (99,000 tail calls here)
      assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 99k tail calls");
    }
  }

  @Test
  void reportsCompilationTimeAndShape() {
    JitProgram p = JitCompiler.compile(recursion(), HelperTable.empty());
    assertTrue(p.compileNanos() > 0);
    assertEquals(2, p.functionCount());
    assertEquals(0, p.regionCount());
    assertTrue(p.largestMethodBytes() > 0 && p.largestMethodBytes() < 8000);
  }
}
