package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Specific facts of the reader, checked against what the fixtures' C sources say. */
class ObjectReaderTest {
  static ObjectSpec read(String stem) throws Exception {
    return ObjectReader.read(Fixtures.dir().resolve(stem + ".o"));
  }

  @Test
  void constVolatileVariablesCanBeSetBeforeLoad() throws Exception {
    ObjectSpec o = read("globals");
    assertEquals(80, o.variableValue("port"));
    assertEquals(1L << 40, o.variableValue("limit"));
    ObjectSpec set = o.withVariable("port", 8080).withVariable("verbose", 1);
    assertEquals(8080, set.variableValue("port"));
    assertEquals(1, set.variableValue("verbose"));
    assertEquals(80, o.variableValue("port"), "the original spec is unchanged");
    assertTrue(o.variable("port").readOnly());
    assertArrayEquals("bpf4j\0\0\0".getBytes(), o.variableBytes("banner"));
    assertEquals(".rodata.cfg", o.variable("banner").map());
    assertEquals(0x1234, o.variableValue("tuned"));
    assertThrows(IllegalArgumentException.class, () -> o.withVariable("port", new byte[3]));
  }

  @Test
  void globalDataReferencesBecomeMapValueLoads() throws Exception {
    ObjectSpec o = read("globals");
    ProgramSpec p = o.program("use_globals");
    for (Relocation r : p.relocations()) {
      Insn in = p.insns().get(p.indexOfSlot(r.slot()));
      assertTrue(in.isLddw());
      if (r instanceof Relocation.MapValue mv) {
        assertEquals(Opcodes.PSEUDO_MAP_IDX_VALUE, in.src());
        assertEquals(o.mapIndex(mv.map()), (int) in.imm());
        assertEquals(mv.offset(), (int) (in.imm() >>> 32));
      }
    }
  }

  @Test
  void subprogramsAreAppendedOncePerCallerWithFixedCalls() throws Exception {
    ProgramSpec p = read("subprogs").program("first");
    assertEquals(List.of("first", "global_helper", "square", "twice", "chain1", "chain2", "chain3"),
        p.functions().stream().map(ProgramSpec.Function::name).toList());
    for (Relocation r : p.relocations()) {
      Relocation.Subprog s = (Relocation.Subprog) r;
      Insn call = p.insns().get(p.indexOfSlot(s.slot()));
      int target = s.slot() + 1 + call.imm32();
      assertEquals(s.function(), p.functions().stream().filter(f -> f.slot() == target).findFirst().orElseThrow().name());
    }
    assertEquals(7, p.funcInfos().size());
  }

  @Test
  void functionPointersUsePseudoFunc() throws Exception {
    ProgramSpec p = read("callbacks").program("loops");
    Relocation.Subprog r = (Relocation.Subprog) p.relocations().getFirst();
    Insn in = p.insns().get(p.indexOfSlot(r.slot()));
    assertTrue(in.isLddw());
    assertEquals(Opcodes.PSEUDO_FUNC, in.src());
    assertEquals("add_index", r.function());
  }

  @Test
  void mapInMapAndProgramArrayInitialisers() throws Exception {
    ObjectSpec o = read("map_in_map");
    MapSpec outer = o.map("outer");
    assertEquals(MapType.ARRAY_OF_MAPS, outer.type());
    assertEquals(MapType.ARRAY, outer.innerMap().type());
    assertEquals(List.of(new MapSpec.InitValue(0, "in_a"), new MapSpec.InitValue(2, "in_b")), outer.initValues());
    assertEquals(List.of(new MapSpec.InitValue(1, "tail_a"), new MapSpec.InitValue(2, "tail_b")), o.map("jumps").initValues());
    assertNull(o.map("jumps").innerMap());
  }

  @Test
  void mapAttributes() throws Exception {
    ObjectSpec o = read("maps_kinds");
    assertEquals(3, o.map("bloom").mapExtra());
    assertEquals(1, o.map("lpm").flags());
    assertEquals(8, o.map("lpm").keySize());
    assertEquals(4096, o.map("rb").maxEntries());
    assertEquals(16, o.map("sized").valueSize());
    assertEquals(1, read("pinned").map("shared").pinning());
  }

  @Test
  void legacyObjectsAreReadWithUnknownTypes() throws Exception {
    ObjectSpec o = read("legacy");
    assertEquals(0x050400, o.kernelVersion());
    for (ProgramSpec p : o.programs()) {
      assertFalse(p.section().known(), p.name());
      assertEquals(ProgType.UNSPEC, p.type());
    }
    assertEquals(MapType.HASH, o.map("table").type());
    assertEquals(128, o.map("table").maxEntries());
  }

  @Test
  void bigEndianObjectsReadLikeLittleEndianOnes() throws Exception {
    ObjectSpec o = read("big_endian");
    assertEquals(java.nio.ByteOrder.BIG_ENDIAN, o.order());
    assertEquals(0x11223344, o.variableValue("magic"));
    assertEquals(0x0102030405060708L, o.variableValue("total"));
    assertEquals(List.of("be_prog", "mix"), o.program("be_prog").functions().stream().map(ProgramSpec.Function::name).toList());
  }

  @Test
  void memcpyCallsAreNamedWithTheInstruction() throws Exception {
    ObjectFormatException e = assertThrows(ObjectFormatException.class, () -> read("memcpy_call"));
    assertTrue(e.getMessage().matches(".*memcpy_call.o: program 'copies', instruction \\d+ .*calls 'memcpy'.*"), e.getMessage());
  }

  @Test
  void lineInfoMapsInstructionsToSource() throws Exception {
    ProgramSpec p = read("xdp_pass").program("xdp_pass");
    var li = p.lineInfos().getFirst();
    assertEquals(0, li.slot());
    assertTrue(li.file().endsWith("xdp_pass.c"), li.file());
    assertTrue(li.text().contains("return XDP_PASS"), li.text());
    assertEquals(3, li.line());
  }

  @Test
  void readingIsDeterministic() throws Exception {
    for (var obj : Fixtures.objects()) {
      if (Fixtures.BROKEN.containsKey(Fixtures.stem(obj))) {
        continue;
      }
      byte[] d = Files.readAllBytes(obj);
      assertEquals(Fixtures.summary(ObjectReader.read("x.o", d)), Fixtures.summary(ObjectReader.read("x.o", d)));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "xdp|XDP|XDP||false|false|true",
      "?xdp|XDP|XDP||false|true|true",
      "socket|SOCKET_FILTER|||false|false|true",
      "socket1|UNSPEC|||false|false|false",
      "xdp_prog|UNSPEC|||false|false|false",
      "test|UNSPEC|||false|false|false",
      "tracepoint/syscalls/sys_enter_write|TRACEPOINT||syscalls/sys_enter_write|false|false|true",
      "tp/sched/sched_switch|TRACEPOINT||sched/sched_switch|false|false|true",
      "raw_tp/sys_enter|RAW_TRACEPOINT||sys_enter|false|false|true",
      "kretprobe/do_exit|KPROBE||do_exit|false|false|true",
      "uprobe.s//bin/sh:main|KPROBE||/bin/sh:main|true|false|true",
      "fentry.s/do_exit|TRACING|TRACE_FENTRY|do_exit|true|false|true",
      "lsm.s/file_open|LSM|LSM_MAC|file_open|true|false|true",
      "cgroup_skb/egress|CGROUP_SKB|CGROUP_INET_EGRESS||false|false|true",
      "cgroup/connect4|CGROUP_SOCK_ADDR|CGROUP_INET4_CONNECT||false|false|true",
      "sk_skb/stream_verdict|SK_SKB|SK_SKB_STREAM_VERDICT||false|false|true",
      "struct_ops.s/x|STRUCT_OPS||x|true|false|true",
      "syscall|SYSCALL|||true|false|true",
      "classifier|SCHED_CLS|||false|false|true",
      "tc/ingress|SCHED_CLS|TCX_INGRESS||false|false|true",
      "xdp/devmap|XDP|XDP_DEVMAP||false|false|true",
      "perf_event|PERF_EVENT|||false|false|true",
      "xdpfoo|UNSPEC|||false|false|false",
      "kprobe|KPROBE|||false|false|true"})
  void sectionNamesFollowLibbpf(String sec, String type, String attach, String target, boolean sleepable,
      boolean optional, boolean known) {
    SectionName s = SectionName.parse(sec);
    assertEquals(ProgType.valueOf(type), s.type());
    assertEquals(attach == null ? null : AttachType.valueOf(attach), s.attach());
    assertEquals(target == null ? "" : target, s.target());
    assertEquals(sleepable, s.sleepable());
    assertEquals(optional, s.optional());
    assertEquals(known, s.known());
  }

  @Test
  void malformedHeadersNameTheFileAndPlace() {
    byte[] empty = new byte[10];
    assertTrue(assertThrows(ObjectFormatException.class, () -> ObjectReader.read("a.o", empty)).getMessage().startsWith("a.o: "));
    byte[] notElf = new byte[64];
    assertTrue(assertThrows(ObjectFormatException.class, () -> ObjectReader.read("b.o", notElf)).getMessage().contains("bad magic"));
  }
}
