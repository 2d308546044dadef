package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresKernel
class KernelProgramTest {
  static final List<Insn> PASS = List.of(I.mov(0, 2), I.exit());

  /** Counts its runs in slot 0 of an array map, returns XDP_PASS. */
  static List<Insn> counter(KernelMap m) {
    return List.of(
        I.stw(10, -4, 0),
        I.movReg(2, 10),
        I.add(2, -4),
        KernelProgram.ldMapFd(1, m),
        I.call(1), // bpf_map_lookup_elem
        I.jeq(0, 0, 2),
        I.mov(1, 1),
        I.atomicAdd64(0, 1, 0),
        I.mov(0, 2),
        I.exit());
  }

  @Test
  void loadsAndRunsAnXdpProgram() {
    try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, PASS).name("pass").build())) {
      TestRunResult r = p.testRun(TestRun.of(new byte[64]));
      assertEquals(2, r.retval());
      assertEquals(64, r.dataOut().length);
      ProgInfo info = p.info();
      assertEquals(ProgType.XDP, info.type());
      assertEquals("pass", info.name());
      assertEquals(16, info.tag().length());
      assertTrue(info.gplCompatible());
      assertTrue(info.jitedLen() > 0, "JIT is always on here");
    }
  }

  @Test
  void mapsAreReferencedByFdFromLddw() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 8, 1).withName("runs"));
        KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, counter(m)).build())) {
      TestRunResult r = p.testRun(TestRun.of(new byte[64]).withRepeat(10));
      assertEquals(2, r.retval());
      assertTrue(r.durationNs() >= 0);
      long runs = ByteBuffer.wrap(m.lookup(new byte[4]).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertEquals(10, runs);
      assertEquals(List.of(m.info().id()), p.info().mapIds());
    }
  }

  @Test
  void theVerifierLogIsKeptWhenAsked() {
    try (KernelProgram p = KernelProgram.load(
        ProgramOptions.builder(ProgType.XDP, PASS).logLevel(2).build())) {
      assertTrue(p.log().contains("processed 2 insns"), p.log());
    }
  }

  @Test
  void aRefusedLoadCarriesTheLogAndLeaksNoFd() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 8, 1))) {
      int before = Fds.open();
      // reads r0 before writing it
      List<Insn> bad = List.of(KernelProgram.ldMapFd(1, m), I.exit());
      BpfException e = assertThrows(BpfException.class, () -> KernelProgram.load(
          ProgramOptions.builder(ProgType.XDP, bad).name("bad").initialLogSize(128).build()));
      assertEquals("EACCES", e.errnoName());
      assertTrue(e.log().contains("R0 !read_ok"), e.log());
      assertTrue(e.getMessage().contains("bpf(BPF_PROG_LOAD): EACCES: R0 !read_ok"), e.getMessage());
      assertEquals(before, Fds.open());
    }
  }

  @Test
  void btfLoadsAndDescribesItself() {
    // one type: "int", 4 bytes, signed
    ByteBuffer b = ByteBuffer.allocate(24 + 16 + 5).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24);
    b.putInt(0).putInt(16).putInt(16).putInt(5);
    b.putInt(1).putInt(0x01000000).putInt(4).putInt(0x01000020);
    b.put(new byte[] {0, 'i', 'n', 't', 0});
    try (Btf btf = Btf.load(Bpf.system(), b.array())) {
      BtfInfo info = btf.info();
      assertTrue(info.id() > 0);
      assertEquals(45, info.size());
    }
    byte[] broken = b.array().clone();
    broken[12] = 99; // type_len beyond the data
    BpfException e = assertThrows(BpfException.class, () -> Btf.load(Bpf.system(), broken));
    assertEquals(BpfCmd.BTF_LOAD, e.command());
    assertTrue(!e.log().isEmpty(), "the BTF checker says why");
  }

  @Test
  void statsCountRunsWhileEnabled() {
    try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, PASS).build());
        Fd stats = Bpf.system().enableStats(0)) {
      assertTrue(stats.isOpen());
      p.testRun(TestRun.of(new byte[64]).withRepeat(5));
      assertTrue(p.info().runCount() >= 5, "run_cnt " + p.info().runCount());
    }
  }

  @Test
  void idsWalkToOurProgram() {
    try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, PASS).name("findme").build())) {
      int id = p.info().id();
      boolean seen = false;
      for (int i = Bpf.system().nextId(ObjectKind.PROG, 0); i > 0; i = Bpf.system().nextId(ObjectKind.PROG, i)) {
        seen |= i == id;
      }
      assertTrue(seen);
      try (KernelProgram again = KernelProgram.fromId(Bpf.system(), id)) {
        assertEquals("findme", again.info().name());
        assertArrayEquals(new byte[0], new byte[0]);
      }
    }
  }
}
