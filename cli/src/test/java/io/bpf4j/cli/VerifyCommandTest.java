package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  static final Path CORPUS = Path.of("../core/src/test/bpf/verifier");

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void acceptedObjectExitsZero() {
    Run r = run("verify", CORPUS.resolve("c_xdp_count_proto.o").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("c_xdp_count_proto: accepted"), r.out());
    assertTrue(r.out().contains("processed"), r.out());
  }

  @Test
  void rejectionNamesLineStateAndFix() {
    Run r = run("verify", CORPUS.resolve("c_lookup_no_check.o").toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("rejected at insn 7"), r.out());
    assertTrue(r.out().contains("return v->a;"), r.out());
    assertTrue(r.out().contains("R0=map_value_or_null"), r.out());
    assertTrue(r.out().contains("fix:"), r.out());
  }

  @Test
  void jsonAndVerboseLog() {
    Run r = run("-j", "verify", CORPUS.resolve("c_subprog.o").toString(), "-v");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("{\"file\":"), r.out());
    assertTrue(r.out().contains("\"accepted\":true"), r.out());
    assertTrue(r.out().contains("\"log\":["), r.out());
  }

  @Test
  void unprivilegedChangesTheVerdict() {
    String f = CORPUS.resolve("stack_read_uninit.o").toString();
    assertEquals(0, run("verify", f).code());
    assertEquals(1, run("verify", f, "--unprivileged").code());
  }

  @Test
  void plainCodeNeedsAType(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("p.bin");
    Files.write(bin, new byte[] {(byte) 0xb7, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0,
        0, 0});
    assertEquals(2, run("verify", bin.toString()).code());
    Run r = run("verify", bin.toString(), "--type", "xdp");
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(2, run("verify", bin.toString(), "--type", "nonsense").code());
  }

  @Test
  void legacySectionNamesGetTheirOldType() {
    Run r = run("verify", "../core/src/test/bpf/legacy.o");
    assertTrue(r.out().contains("SOCKET_FILTER from the legacy section name 'socket1'"), r.out());
    assertTrue(r.out().contains("section 'test' does not tell the program type"), r.out());
    assertEquals(1, r.code(), "an untyped program is not a pass");
  }

  @Test
  void missingFileIsOneLine() {
    Run r = run("verify", "/nonexistent.o");
    assertEquals(1, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  static boolean kernelBtf() {
    return Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"));
  }

  @Test
  void tpBtfArgumentsAreTrustedTasks() {
    org.junit.jupiter.api.Assumptions.assumeTrue(kernelBtf(), "no kernel BTF here");
    Run r = run("verify", "../core/src/test/bpf/tp_btf/sw_ok.o", "-v");
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("1: R2=trusted_ptr_task_struct()"), r.out());
    assertTrue(r.out().contains("sw_ok: accepted"), r.out());
  }

  @Test
  void anUnknownTracepointIsOneLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(kernelBtf(), "no kernel BTF here");
    Run r = run("verify", "../core/src/test/bpf/tp_btf/sw_nosuch.o");
    assertEquals(1, r.code());
    assertEquals("bpf4j verify: ../core/src/test/bpf/tp_btf/sw_nosuch.o: program 'sw_nosuch'"
        + " (tp_btf/nosuch): no tracepoint 'nosuch' in the kernel's BTF (no typedef"
        + " btf_trace_nosuch)", r.err().strip());
  }
}
