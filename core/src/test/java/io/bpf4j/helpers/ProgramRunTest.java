package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Assembler;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.Codecs;
import io.bpf4j.maps.Rcu;
import io.bpf4j.maps.TypedView;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Programs run by the interpreter use maps through the standard helpers, with the map
 * pointer in an lddw (as the loader patches it), from several threads at once.
 */
class ProgramRunTest {
  /** Counts ctx's u32 key: lookup, then an atomic add on the value, or insert 1. */
  static String counter(long map) {
    return """
        mov %r6, %r1
        ldxw %r2, [%r6+0]
        stxw [%r10-4], %r2
        lddw %r1, MAP
        mov %r2, %r10
        add %r2, -4
        call 1
        jeq %r0, 0, miss
        mov %r1, 1
        lock add [%r0+0], %r1
        mov %r0, 1
        exit
        miss:
        stdw [%r10-16], 1
        lddw %r1, MAP
        mov %r2, %r10
        add %r2, -4
        mov %r3, %r10
        add %r3, -16
        mov %r4, 1
        call 2
        exit
        """.replace("MAP", "0x" + Long.toHexString(map));
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"HASH", "LRU_HASH", "ARRAY"})
  void concurrentProgramRunsCountExactly(MapType type) throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("counts", type, 4, 8, 16))) {
      Interpreter prog = Interpreter.load(Assembler.assemble(counter(m.address())),
          StandardHelpers.table(), InterpreterOptions.fast());
      TypedView<Integer, Long> view = m.typed(Codecs.u32(), Codecs.u64());
      int threads = 4;
      int runs = 5000;
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        ts[t] = new Thread(() -> {
          try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = a.allocate(8, 8);
            for (int i = 0; i < runs; i++) {
              ctx.set(Memory.U32, 0, i % 4);
              Rcu.enter();
              try {
                prog.run(ctx.address(), 8);
              } finally {
                Rcu.exit();
              }
            }
          }
        });
      }
      // The first run of each key inserts with BPF_NOEXIST: create them first so that
      // every later run takes the atomic path.
      for (int k = 0; k < 4; k++) {
        view.put(k, 0L);
      }
      for (Thread th : ts) {
        th.start();
      }
      for (Thread th : ts) {
        th.join();
      }
      for (int k = 0; k < 4; k++) {
        assertEquals((long) threads * runs / 4, view.get(k).orElseThrow(), "key " + k);
      }
      if (type != MapType.ARRAY) {
        try (Arena a = Arena.ofConfined()) {
          MemorySegment ctx = a.allocate(8, 8);
          ctx.set(Memory.U32, 0, 9);
          assertEquals(0, prog.run(ctx.address(), 8), "insert path: update returns 0");
          assertEquals(1L, view.get(9).orElseThrow());
        }
      }
    }
  }
}
