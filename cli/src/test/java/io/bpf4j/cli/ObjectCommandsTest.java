package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** object show, btf dump and prog dump on the loader fixtures. */
class ObjectCommandsTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String fx(String stem) {
    return DisasmElfTest.bpf().resolve(stem + ".o").toString();
  }

  @Test
  void objectShowListsProgramsMapsAndGlobals() {
    Run r = run("object", "show", fx("globals"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("use_globals"), r.out());
    assertTrue(r.out().contains("globals.rodata           array            key 4B  value 35B  max_entries 1  flags 0x480"), r.out());
    assertTrue(r.out().contains("port                     globals.rodata   offset 0  size 4  read-only  = 80 (0x50)"), r.out());
    Run j = run("-j", "object", "show", fx("subprogs"));
    assertEquals(0, j.code(), j.err());
    assertTrue(j.out().contains("\"name\":\"first\",\"section\":\"xdp\",\"type\":\"xdp\",\"attach_type\":\"BPF_XDP\""), j.out());
    assertTrue(j.out().contains("\"insns\":39,\"functions\":[\"first\",\"global_helper\",\"square\",\"twice\",\"chain1\",\"chain2\",\"chain3\"]"), j.out());
  }

  @Test
  void legacySectionsAreShownAsUnknown() {
    Run r = run("object", "show", fx("legacy"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("old_socket               unknown"), r.out());
  }

  @Test
  void brokenObjectsGiveOneLine() {
    Run r = run("object", "show", fx("memcpy_call"));
    assertEquals(1, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("instruction 23") && r.err().contains("'memcpy'"), r.err());
    Run missing = run("object", "show", "/nonexistent.o");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void btfDumpRawAndC() {
    Run raw = run("btf", "dump", "file", fx("xdp_pass"));
    assertEquals(0, raw.code(), raw.err());
    assertTrue(raw.out().contains("[2] STRUCT 'xdp_md' size=24 vlen=6"), raw.out());
    Run c = run("btf", "dump", fx("xdp_pass"), "format", "c");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("struct xdp_md {\n\t__u32 data;"), c.out());
    assertEquals(2, run("btf", "dump", fx("xdp_pass"), "format", "go").code());
  }

  @Test
  void progDumpInterleavesSourceLines() {
    Run r = run("prog", "dump", fx("subprogs"), "--prog", "second", "--linum");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("int second(struct __sk_buff * skb):\n; SEC(\"tc\") int second"), r.out());
    assertTrue(r.out().contains("line_num:10"), r.out());
    assertTrue(r.out().contains("int twice(int x):"), r.out());
    assertTrue(r.out().contains("   2: (85) call 0x5"), r.out());
    assertEquals(1, run("prog", "dump", fx("subprogs"), "--prog", "nope").code());
  }

  @Test
  void progRunPrintsLikeBpftool() throws Exception {
    java.nio.file.Path in = java.nio.file.Files.createTempFile("pkt", ".bin");
    try {
      java.nio.file.Files.write(in, java.util.HexFormat.of().parseHex(
          "ffffffffffff000000000001080045000032000000004011000000000000000000000000000000000000"));
      Run r = run("prog", "run", fx("xdp_count"), "--prog", "xdp_count", "--data-in", in.toString(),
          "--repeat", "3", "--dump-maps");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().matches("(?s)Return value: 2, duration \\(average\\): \\d+ns\n.*"), r.out());
      assertTrue(r.out().contains("key 00000000  value 0300000000000000"), r.out());
      Run j = run("-j", "prog", "run", fx("socket_filter"), "--prog", "keep_ipv4", "--data-in", in.toString());
      assertEquals(0, j.code(), j.err());
      assertTrue(j.out().startsWith("{\"retval\":28,\"duration_ns\":"), j.out());
      // callbacks (bpf_loop, for_each_map_elem) run on the JVM backend: 45 == 45 gives XDP_PASS
      Run cb = run("prog", "run", fx("callbacks"), "--prog", "loops", "--data-in", in.toString());
      assertEquals(0, cb.code(), cb.err());
      assertTrue(cb.out().startsWith("Return value: 2, "), cb.out());
      // kernel symbols do not exist here: one clean line, exit 1
      Run bad = run("prog", "run", fx("ksyms"), "--data-in", in.toString());
      assertEquals(1, bad.code());
      assertTrue(bad.err().contains("kernel BTF ids are not available here"), bad.err());
    } finally {
      java.nio.file.Files.deleteIfExists(in);
    }
  }
}
