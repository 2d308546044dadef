package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.MapOptions;
import io.bpf4j.kernel.ProgramOptions;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bpftool-shaped commands against the kernel: show, dump, lookup/update/delete, probes. */
class KernelCommandsTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void kernel() {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
  }

  @Test
  void mapCommandsByIdNameAndPin() {
    String pin = "/sys/fs/bpf/bpf4j-cli-" + ProcessHandle.current().pid();
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.HASH, 4, 4, 8).withName("clitest"))) {
      m.pin(pin);
      String id = String.valueOf(m.info().id());
      assertEquals(0, run("map", "update", "id", id, "key", "1", "0", "0", "0", "value", "hex", "2a", "0", "0", "0").code());
      Result dump = run("map", "dump", "pinned", pin);
      assertEquals("key: 01 00 00 00  value: 2a 00 00 00\nFound 1 element\n", dump.out());
      Result look = run("-j", "map", "lookup", "name", "clitest", "key", "1", "0", "0", "0");
      assertEquals("{\"key\":[\"0x01\",\"0x00\",\"0x00\",\"0x00\"],\"value\":[\"0x2a\",\"0x00\",\"0x00\",\"0x00\"]}\n", look.out());
      Result show = run("map", "show", "id", id);
      assertEquals(id + ": hash  name clitest  flags 0x0\n\tkey 4B  value 4B  max_entries 8\n", show.out());
      assertEquals(0, run("map", "delete", "id", id, "key", "1", "0", "0", "0").code());
      Result gone = run("map", "lookup", "id", id, "key", "1", "0", "0", "0");
      assertEquals(1, gone.code());
      assertEquals("bpf4j map lookup: key 01 00 00 00 not found\n", gone.err());
    } finally {
      KernelMap.unpin(pin);
    }
  }

  @Test
  void progShowListsALoadedProgram() {
    List<Insn> code = List.of(Insn.of(0xb7, 0, 0, 0, 2), Insn.of(0x95, 0, 0, 0, 0));
    try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, code).name("cliprog").build())) {
      int id = p.info().id();
      Result r = run("prog", "show", "id", String.valueOf(id));
      assertTrue(r.out().startsWith(id + ": xdp  name cliprog  tag " + p.info().tag() + "  gpl\n\tloaded_at "), r.out());
      assertTrue(run("prog", "show").out().contains(id + ": xdp  name cliprog"));
      assertTrue(run("-j", "prog", "show").out().contains("{\"id\":" + id + ",\"type\":\"xdp\",\"name\":\"cliprog\""));
    }
  }

  @Test
  void cleanOneLineErrors() {
    Result r = run("map", "dump", "id", "2147483647");
    assertEquals(1, r.code());
    assertEquals("bpf4j map dump: map id 2147483647: bpf(BPF_MAP_GET_FD_BY_ID): ENOENT\n", r.err());
    Result u = run("map", "dump", "idx", "3");
    assertEquals(2, u.code());
    assertTrue(u.err().startsWith("bpf4j map dump: 'idx': say id N, pinned PATH or name NAME\n"), u.err());
  }

  @Test
  void btfLinkAndFeatures() {
    assertTrue(run("btf", "show").out().contains("name [vmlinux]"));
    assertEquals(0, run("link", "show").code());
    Result f = run("-j", "feature", "probe");
    assertTrue(f.out().startsWith("{\"program_types\":{\"have_socket_filter_prog_type\":true,"), f.out());
    assertTrue(f.out().contains("\"have_ringbuf_map_type\":true"), f.out());
  }
}
