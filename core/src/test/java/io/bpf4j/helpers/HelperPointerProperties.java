package io.bpf4j.helpers;

import static io.bpf4j.uapi.HelperId.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.RunResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every helper that takes a pointer, called from a checked-mode program with random pointer
 * arguments, must end the run normally or with an error naming the helper — never crash the
 * JVM (a crash here kills the whole surefire fork, which is the failure this detects).
 */
class HelperPointerProperties {
  static final int[] MEMORY_HELPERS = {
    MAP_LOOKUP_ELEM, MAP_UPDATE_ELEM, MAP_DELETE_ELEM, MAP_PUSH_ELEM, MAP_POP_ELEM,
    MAP_PEEK_ELEM, PROBE_READ, PROBE_READ_KERNEL, PROBE_READ_USER, PROBE_READ_STR,
    PROBE_READ_KERNEL_STR, PROBE_READ_USER_STR, RINGBUF_OUTPUT, RINGBUF_RESERVE,
    RINGBUF_SUBMIT, RINGBUF_DISCARD, RINGBUF_QUERY, PERF_EVENT_OUTPUT, SNPRINTF, TRACE_PRINTK,
    STRNCMP, SKB_LOAD_BYTES, SKB_STORE_BYTES, CSUM_DIFF, L3_CSUM_REPLACE, L4_CSUM_REPLACE,
    XDP_ADJUST_HEAD, XDP_ADJUST_TAIL, XDP_ADJUST_META, GET_CURRENT_COMM, SPIN_LOCK, SPIN_UNLOCK,
    TAIL_CALL, FOR_EACH_MAP_ELEM,
  };

  static final Arena ARENA = Arena.ofShared();
  static final MemorySegment INPUT = ARENA.allocate(256, 8);
  static final List<BpfMap> MAPS = List.of(
      BpfMaps.create(BpfMapSpec.of("ptr_hash", MapType.HASH, 4, 8, 16)),
      BpfMaps.create(BpfMapSpec.of("ptr_queue", MapType.QUEUE, 0, 8, 16)),
      BpfMaps.create(BpfMapSpec.of("ptr_rb", MapType.RINGBUF, 0, 0, 4096)));
  static final HelperTable HELPERS = StandardHelpers.table(ProgType.UNSPEC, new TracePipe());

  @AfterContainer
  static void close() {
    MAPS.forEach(BpfMap::close);
  }

  @Provide
  Arbitrary<Integer> helper() {
    return Arbitraries.of(java.util.Arrays.stream(MEMORY_HELPERS).boxed().toList());
  }

  /** Unmapped, null, small, near (and inside) the input, map pointers, and sizes. */
  @Provide
  Arbitrary<Long> arg() {
    long in = INPUT.address();
    List<Arbitrary<Long>> choices = new ArrayList<>(List.of(
        Arbitraries.just(0L),
        Arbitraries.longs().between(1, 0x10000),
        Arbitraries.just(0x1000L),
        Arbitraries.of(0xdead_0000_0000L, 0x7fff_ffff_f000L, -8L, 0xffff_8000_0000_0000L),
        Arbitraries.longs().between(in - 4096, in + 4096),
        Arbitraries.longs().between(in, in + 256),
        Arbitraries.longs().between(0, 64),
        Arbitraries.longs()));
    for (BpfMap m : MAPS) {
      choices.add(Arbitraries.of(m.address(), m.address() + 8));
    }
    return Arbitraries.oneOf(choices);
  }

  @Example
  void csumDiffOfAnUnmappedAddressIsAnErrorNamingIt() throws Exception {
    List<Insn> prog = List.of(
        Insn.of(Opcodes.LDDW, 1, 0, 0, 0x1000),
        Insn.of(Opcodes.LDDW, 2, 0, 0, 4),
        Insn.of(Opcodes.LDDW, 3, 0, 0, 0),
        Insn.of(Opcodes.LDDW, 4, 0, 0, 0),
        Insn.of(Opcodes.LDDW, 5, 0, 0, 0),
        Insn.of(Opcodes.JMP | Opcodes.CALL, 0, 0, 0, CSUM_DIFF),
        Insn.of(Opcodes.JMP | Opcodes.EXIT, 0, 0, 0, 0));
    RunResult res = Interpreter.load(prog, HELPERS, InterpreterOptions.checkedMode())
        .execute(new byte[8]);
    assertFalse(res.ok());
    String msg = res.error().getMessage();
    assertTrue(msg.contains("bpf_csum_diff") && msg.contains("r1") && msg.contains("0x1000"), msg);
  }

  @Property(tries = 3000)
  void checkedRunsSurviveBadPointers(
      @ForAll("helper") int id, @ForAll("arg") long r1, @ForAll("arg") long r2,
      @ForAll("arg") long r3, @ForAll("arg") long r4, @ForAll("arg") long r5,
      @ForAll byte fill) throws Exception {
    INPUT.fill(id == SPIN_LOCK ? 0 : fill); // a held lock would spin forever
    long[] r = {r1, r2, r3, r4, r5};
    List<Insn> prog = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      prog.add(Insn.of(Opcodes.LDDW, i + 1, 0, 0, r[i]));
    }
    prog.add(Insn.of(Opcodes.JMP | Opcodes.CALL, 0, 0, 0, id));
    prog.add(Insn.of(Opcodes.JMP | Opcodes.EXIT, 0, 0, 0, 0));
    Interpreter vm = Interpreter.load(prog, HELPERS, InterpreterOptions.checkedMode());
    RunResult res = vm.execute(INPUT);
    if (!res.ok()) {
      String msg = res.error().getMessage();
      assertTrue(msg.contains("bpf_" + HelperId.name(id)), msg);
    }
  }
}
