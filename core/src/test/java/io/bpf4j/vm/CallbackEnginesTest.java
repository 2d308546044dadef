package io.bpf4j.vm;

import static io.bpf4j.isa.Reg.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.helpers.StandardHelpers;
import io.bpf4j.isa.Asm;
import io.bpf4j.isa.Insn;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.jit.JitCompiler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callbacks ({@code bpf_loop}, {@code bpf_for_each_map_elem}) through each engine's {@link
 * io.bpf4j.helpers.Subprograms}: the subprogram named by {@code lddw rX, BPF_PSEUDO_FUNC}
 * runs nested in the run, on its own frame, within the depth limit of 8 frames.
 */
class CallbackEnginesTest {
  enum Kind { INTERPRETER, CHECKED, JIT }

  static final HelperTable HELPERS = StandardHelpers.table();

  static Engine load(Kind k, List<Insn> p) throws InvalidProgramException {
    return switch (k) {
      case INTERPRETER -> Interpreter.load(p, HELPERS, InterpreterOptions.fast());
      case CHECKED -> Interpreter.load(p, HELPERS, InterpreterOptions.checkedMode());
      case JIT -> JitCompiler.compile(p, HELPERS);
    };
  }

  /** Runs with an 8-byte context. */
  static long run(Kind k, List<Insn> p) throws InvalidProgramException {
    Engine e = load(k, p);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ctx = a.allocate(8, 8);
      return e.run(ctx.address(), 8);
    }
  }

  /**
   * main: u64 sum = 0 at fp-8; r0 = bpf_loop(nr, cb, &sum, flags); returns ret * 1000 + sum,
   * and checks that r6..r9 survive the helper (else returns -1).
   */
  static Asm loopMain(long nr, long flags) {
    return new Asm()
        .stdw(R10, -8, 0)
        .mov(R6, 6).mov(R7, 7).mov(R8, 8).mov(R9, 9)
        .lddw(R1, nr)
        .ldFunc(R2, "cb")
        .mov(R3, R10).add(R3, -8)
        .lddw(R4, flags)
        .call(HelperId.LOOP)
        .jne(R6, 6, "bad").jne(R7, 7, "bad").jne(R8, 8, "bad").jne(R9, 9, "bad")
        .mul(R0, 1000)
        .ldxdw(R1, R10, -8)
        .add(R0, R1)
        .exit()
        .label("bad").mov(R0, -1).exit();
  }

  /** cb(i, ctx): *ctx += i; stops (returns 1) when i == stopAt. */
  static Asm sumCallback(Asm a, long stopAt) {
    return a.label("cb")
        .mov(R6, 60) // clobbers a callee-saved register: its own, not main's
        .ldxdw(R3, R2, 0).add(R3, R1).stxdw(R2, 0, R3)
        .mov(R0, 0)
        .jne(R1, (int) stopAt, "cont")
        .mov(R0, 1)
        .label("cont")
        .exit();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loopSumsTheIndexes(Kind k) throws Exception {
    assertEquals(10 * 1000 + 45, run(k, sumCallback(loopMain(10, 0), -1).build()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loopStopsWhenTheCallbackReturnsOne(Kind k) throws Exception {
    // i = 0..3 run, bpf_loop returns the number of calls made
    assertEquals(4 * 1000 + 6, run(k, sumCallback(loopMain(10, 0), 3).build()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loopOfZeroNeverCallsBack(Kind k) throws Exception {
    assertEquals(0, run(k, sumCallback(loopMain(0, 0), -1).build()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loopRefusesMoreThanBpfMaxLoops(Kind k) throws Exception {
    // -E2BIG in 32 bits (the kernel inlines bpf_loop and sets r0 with a 32-bit move), no call
    assertEquals(0xfffffff9L * 1000, run(k, sumCallback(loopMain((1L << 23) + 1, 0), -1).build()));
    assertEquals(0xfffffff9L * 1000, run(k, sumCallback(loopMain(1L << 32, 0), -1).build()),
        "nr_loops compared as 64 bits");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loopRefusesFlags(Kind k) throws Exception {
    assertEquals(-22 * 1000, run(k, sumCallback(loopMain(5, 1), -1).build()), "-EINVAL");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void callbackMakesABpfToBpfCall(Kind k) throws Exception {
    Asm a = loopMain(10, 0)
        .label("cb")
        .mov(R6, R2)
        .callLocal("twice") // r1 = i
        .ldxdw(R3, R6, 0).add(R3, R0).stxdw(R6, 0, R3)
        .mov(R0, 0)
        .exit()
        .label("twice")
        .stdw(R10, -8, 0) // its own frame
        .mov(R0, R1).add(R0, R1)
        .exit();
    assertEquals(10 * 1000 + 90, run(k, a.build()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void callbacksNest(Kind k) throws Exception {
    assertEquals(4 * 1000 + 12, run(k, nestedProgram()));
  }

  /** outer(i, ctx): bpf_loop(3, inner, ctx); inner(j, ctx): *ctx += 1 → 4 * 3 calls of inner. */
  static List<Insn> nestedProgram() {
    Asm a = loopMain(4, 0)
        .label("cb")
        .stdw(R10, -8, 77) // the callback's own frame
        .mov(R6, R2)
        .mov(R1, 3).ldFunc(R2, "inner").mov(R3, R6).mov(R4, 0)
        .call(HelperId.LOOP)
        .ldxdw(R1, R10, -8)
        .jne(R1, 77, "broken") // the inner callback did not overwrite this frame
        .jne(R0, 3, "broken")
        .mov(R0, 0).exit()
        .label("broken").mov(R0, 1).exit()
        .label("inner")
        .stdw(R10, -8, 0)
        .ldxdw(R3, R2, 0).add(R3, 1).stxdw(R2, 0, R3)
        .mov(R0, 0).exit();
    return a.build();
  }

  /**
   * main calls bpf_loop(1, cb); cb counts its level in *ctx and, below {@code levels}, calls
   * bpf_loop(1, cb) again: level n runs in frame n.
   */
  static List<Insn> recursion(int levels) {
    return loopMain(1, 0)
        .label("cb")
        .ldxdw(R3, R2, 0).add(R3, 1).stxdw(R2, 0, R3)
        .mov(R0, 0)
        .jge(R3, levels, "out")
        .mov(R1, 1).mov(R3, R2).ldFunc(R2, "cb").mov(R4, 0)
        .call(HelperId.LOOP)
        .mov(R0, 0)
        .label("out")
        .exit()
        .build();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void callbackFramesCountTowardTheDepthLimit(Kind k) throws Exception {
    // frames 1..7 hold the 7 levels: the deepest the 8-frame stack allows
    assertEquals(1000 + 7, run(k, recursion(7)));
    ExecutionException e = assertThrows(ExecutionException.class, () -> run(k, recursion(8)));
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aValueThatIsNoSubprogramIsRefusedAtRunTime(Kind k) throws Exception {
    List<Insn> p = new Asm()
        .mov(R1, 1).mov(R2, 3).mov(R3, 0).mov(R4, 0)
        .call(HelperId.LOOP)
        .exit()
        .build();
    ExecutionException e = assertThrows(ExecutionException.class, () -> run(k, p));
    assertTrue(e.getMessage().contains("not a subprogram"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void forEachMapElemVisitsUpdatesAndStops(Kind k) throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 8, 6));
        Arena arena = Arena.ofConfined()) {
      MemorySegment key = arena.allocate(4);
      MemorySegment val = arena.allocate(8);
      for (int i = 0; i < 6; i++) {
        key.set(ValueLayout.JAVA_INT, 0, i);
        val.set(ValueLayout.JAVA_LONG, 0, 10L * i);
        m.update(key, val, 0);
      }
      // cb(map, key, value, ctx): *ctx += *value; *value += *key; stop after key 3
      List<Insn> p = new Asm()
          .stdw(R10, -8, 0)
          .lddw(R1, m.address())
          .ldFunc(R2, "cb")
          .mov(R3, R10).add(R3, -8)
          .mov(R4, 0)
          .call(HelperId.FOR_EACH_MAP_ELEM)
          .mul(R0, 1000)
          .ldxdw(R1, R10, -8)
          .add(R0, R1)
          .exit()
          .label("cb")
          .ldxdw(R5, R3, 0)
          .ldxdw(R0, R4, 0).add(R0, R5).stxdw(R4, 0, R0)
          .ldxw(R0, R2, 0).add(R5, R0).stxdw(R3, 0, R5)
          .mov(R1, R0)
          .mov(R0, 0)
          .jne(R1, 3, "cont")
          .mov(R0, 1)
          .label("cont")
          .exit()
          .build();
      assertEquals(4 * 1000 + 0 + 10 + 20 + 30, run(k, p));
      long[] want = {0, 11, 22, 33, 40, 50};
      for (int i = 0; i < 6; i++) {
        key.set(ValueLayout.JAVA_INT, 0, i);
        m.lookup(key, val);
        assertEquals(want[i], val.get(ValueLayout.JAVA_LONG, 0), "value of key " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"CHECKED"})
  void checkedModeLendsTheElementOnlyDuringTheCallback(Kind k) throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 8, 2))) {
      // cb saves the value pointer in *ctx; main reads through it afterwards: refused
      List<Insn> p = new Asm()
          .stdw(R10, -8, 0)
          .lddw(R1, m.address())
          .ldFunc(R2, "cb")
          .mov(R3, R10).add(R3, -8)
          .mov(R4, 0)
          .call(HelperId.FOR_EACH_MAP_ELEM)
          .ldxdw(R1, R10, -8)
          .ldxdw(R0, R1, 0)
          .exit()
          .label("cb")
          .stxdw(R4, 0, R3)
          .ldxdw(R0, R3, 0) // allowed here
          .mov(R0, 0)
          .exit()
          .build();
      ExecutionException e = assertThrows(ExecutionException.class, () -> run(k, p));
      assertTrue(e.getMessage().contains("outside the program's memory"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"INTERPRETER", "CHECKED"})
  void instructionCountsIncludeCallbacks(Kind k) throws Exception {
    Interpreter vm = (Interpreter) load(k, sumCallback(loopMain(10, 0), -1).build());
    RunResult r = vm.execute(new byte[8]);
    assertEquals(10 * 1000 + 45, r.r0());
    // main: 19 instructions up to its exit; each callback call: 7 (no stop)
    assertEquals(19 + 10 * 7, r.instructions());
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"INTERPRETER", "JIT"})
  void callingBackAllocatesNothing(Kind k) throws Exception {
    // through reflection: the test module does not read java.management
    Object mx = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    java.lang.reflect.Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    long tid = Thread.currentThread().threadId();
    Engine e = load(k, sumCallback(loopMain(100_000, 0), -1).build());
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ctx = a.allocate(8, 8);
      long want = 100_000L * 1000 + 100_000L * 99_999 / 2;
      assertEquals(want, e.run(ctx.address(), 8)); // warms up the thread's state
      long before = (long) allocatedBytes.invoke(mx, tid);
      assertEquals(want, e.run(ctx.address(), 8));
      long allocated = (long) allocatedBytes.invoke(mx, tid) - before;
      // 100,000 callback calls: a few bytes per call would be hundreds of kilobytes
      assertTrue(allocated < 16 * 1024, allocated + " bytes allocated by one run");
    }
  }
}
