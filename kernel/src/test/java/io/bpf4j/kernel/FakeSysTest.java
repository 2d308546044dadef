package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel-independent logic (log growth, errors, fd ownership) against a fake kernel. */
class FakeSysTest {
  static final List<Insn> RET0 = List.of(Insn.of(0xb7, 0, 0, 0, 0), Insn.of(0x95, 0, 0, 0, 0));

  @Test
  void refusedLoadIsRetriedWithALogThatGrowsUntilItFits() {
    FakeSys sys = new FakeSys();
    sys.loadErrno = Errno.EACCES;
    sys.verifierLog = "0: (b7) r0 = 0\n".repeat(40) + "R1 invalid mem access 'scalar'\nprocessed 2 insns\n";
    BpfException e = assertThrows(BpfException.class, () -> KernelProgram.load(Bpf.on(sys),
        ProgramOptions.builder(ProgType.XDP, RET0).name("bad").initialLogSize(128).build()));
    assertEquals("EACCES", e.errnoName());
    assertEquals(BpfCmd.PROG_LOAD, e.command());
    assertTrue(e.getMessage().contains("bpf(BPF_PROG_LOAD): EACCES: R1 invalid mem access 'scalar'"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("program 'bad' (BPF_PROG_TYPE_XDP, 2 insns)"), e.getMessage());
    assertEquals(sys.verifierLog, e.log());
    // first without a log, then 128 bytes (ENOSPC), 512, 2048 (fits)
    assertEquals(List.of("PROG_LOAD", "log_level=0 log_size=0", "PROG_LOAD", "log_level=1 log_size=128",
        "PROG_LOAD", "log_level=1 log_size=512", "PROG_LOAD", "log_level=1 log_size=2048"), sys.calls);
    assertTrue(sys.open.isEmpty());
  }

  @Test
  void aLoadedProgramOwnsItsFd() {
    FakeSys sys = new FakeSys();
    KernelProgram p = KernelProgram.load(Bpf.on(sys), ProgramOptions.builder(ProgType.XDP, RET0).build());
    assertEquals(1, sys.open.size());
    p.close();
    p.close();
    assertTrue(sys.open.isEmpty());
    assertEquals(1, sys.calls.stream().filter(c -> c.startsWith("close")).count());
  }

  @Test
  void mapCreateFailureNamesTheMapAndLeaksNothing() {
    FakeSys sys = new FakeSys();
    BpfException e = assertThrows(BpfException.class,
        () -> KernelMap.create(Bpf.on(sys), MapOptions.of(MapType.HASH, 4, 0, 1).withName("m")));
    assertEquals("map 'm': bpf(BPF_MAP_CREATE): EINVAL", e.getMessage());
    assertTrue(sys.open.isEmpty());
    try (KernelMap m = KernelMap.create(Bpf.on(sys), MapOptions.of(MapType.HASH, 4, 4, 1))) {
      assertEquals(1, m.info().id());
    }
    assertTrue(sys.open.isEmpty());
  }

  @Test
  void errnoNames() {
    assertEquals("EPERM", io.bpf4j.kernel.sys.Errno.name(1));
    assertEquals("E2BIG", io.bpf4j.kernel.sys.Errno.name(7));
    assertEquals("ENOMSG", io.bpf4j.kernel.sys.Errno.name(42));
    assertEquals("EBADMSG", io.bpf4j.kernel.sys.Errno.name(74));
    assertEquals("ENOTSOCK", io.bpf4j.kernel.sys.Errno.name(88));
    assertEquals("EOPNOTSUPP", io.bpf4j.kernel.sys.Errno.name(95));
    assertEquals("ETIMEDOUT", io.bpf4j.kernel.sys.Errno.name(110));
    assertEquals("EHWPOISON", io.bpf4j.kernel.sys.Errno.name(133));
    assertEquals("ENOTSUPP", io.bpf4j.kernel.sys.Errno.name(524));
    assertEquals("errno 999", io.bpf4j.kernel.sys.Errno.name(999));
  }
}
