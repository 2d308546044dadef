package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bpf4j run}, {@code conformance} and {@code conformance-plugin}. */
class VmCommandsTest {
  record Result(int code, String out, String err) {}

  static Result bpf4j(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path example(String name) {
    String root = System.getProperty("bpf4j.root", "..");
    Path p = Path.of(root, "examples", name);
    assertTrue(Files.isRegularFile(p), "example " + p);
    return p;
  }

  @Test
  void examplesRawCodeIsTheirAssembly() throws Exception {
    for (String name : new String[] {"checksum.data", "fibonacci.data", "out-of-bounds.data"}) {
      io.bpf4j.isa.DataFile d = io.bpf4j.isa.DataFile.read(example(name));
      assertEquals(io.bpf4j.isa.Assembler.assemble(d.asm()), io.bpf4j.isa.InsnCodec.decode(d.raw()),
          name);
    }
  }

  @Test
  void runPrintsR0InstructionsAndTime() {
    Result r = bpf4j("run", example("checksum.data").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("exit: r0 = 0x37 (55)"), r.out());
    assertTrue(r.out().contains("instructions executed: 74"), r.out());
    assertTrue(r.out().contains("run time: "), r.out());
    assertTrue(r.out().contains("matches the expected result"), r.out());
  }

  @Test
  void runTakesMemoryFromTheCommandLine() {
    Result r = bpf4j("run", example("checksum.data").toString(), "--mem", "ff ff", "--engine",
        "interpreter");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("r0 = 0x1fe (510)"), r.out());
  }

  @Test
  void runJsonIsOneObject() {
    Result r = bpf4j("-j", "run", example("fibonacci.data").toString(), "--repeat", "3");
    assertEquals(0, r.code(), r.err());
    String o = r.out().strip();
    assertTrue(o.startsWith("{") && o.endsWith("}") && !o.contains("\n"), o);
    assertTrue(o.contains("\"r0\":\"0x2ee333961\""), o);
    assertTrue(o.contains("\"instructions\":355"), o);
    assertTrue(o.contains("\"status\":\"exit\""), o);
  }

  @Test
  void runReportsTheFailingInstructionAndAddress() {
    Result r = bpf4j("run", example("out-of-bounds.data").toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("error: instruction 0: load of 4 bytes at 0x"), r.out());
    Result j = bpf4j("-j", "run", example("out-of-bounds.data").toString());
    assertTrue(j.out().contains("\"status\":\"error\"") && j.out().contains("\"pc\":0"), j.out());
  }

  @Test
  void runReadsHexText() {
    Result r = bpf4j("run", example("answer.hex").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("r0 = 0x2a (42)"), r.out());
  }

  @Test
  void badInputIsOneLineNamingThePlace(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Result missing = bpf4j("run", tmp.resolve("nope.data").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("nope.data: no such file"), missing.err());
    Path bad = tmp.resolve("bad.data");
    Files.writeString(bad, "-- raw\n07 00 01 00 01 00 00 00\n95 00 00 00 00 00 00 00\n");
    Result rejected = bpf4j("run", bad.toString());
    assertEquals(1, rejected.code());
    assertEquals(1, rejected.err().strip().lines().count(), rejected.err());
    assertTrue(rejected.err().contains("bad.data: raw code: instruction 0: offset 1"), rejected.err());
    Path junk = tmp.resolve("junk.hex");
    Files.writeString(junk, "b7 zz\n");
    Result notHex = bpf4j("run", junk.toString());
    assertEquals(1, notHex.code());
    assertTrue(notHex.err().contains("'zz' is not hex"), notHex.err());
    assertEquals(2, bpf4j("run", example("answer.hex").toString(), "--engine", "warp").code());
    assertEquals(2, bpf4j("run", example("answer.hex").toString(), "--repeat", "0").code());
  }

  @Test
  void pluginPrintsR0InHex() {
    // callx.data: r1 = -1; r2 = 5; callx r2 (unwind(-1) = -1); r0 = 2
    String callx = "b7 01 00 00 ff ff ff ff b7 02 00 00 05 00 00 00 8d 02 00 00 00 00 00 00"
        + " b7 00 00 00 02 00 00 00 95 00 00 00 00 00 00 00";
    Result r = bpf4j("conformance-plugin", "--program", callx);
    assertEquals(0, r.code(), r.err());
    assertEquals("2", r.out().strip());
    // mem-len.data: r0 = r2
    Result m = bpf4j("conformance-plugin", "00 00 00 01 00 00 00 02", "--program",
        "bf 20 00 00 00 00 00 00 95 00 00 00 00 00 00 00");
    assertEquals("8", m.out().strip());
  }

  @Test
  void pluginRunsOnTheJit() {
    Result r = bpf4j("conformance-plugin", "--engine", "jit", "00 00 00 01 00 00 00 02",
        "--program", "bf 20 00 00 00 00 00 00 95 00 00 00 00 00 00 00");
    assertEquals(0, r.code(), r.err());
    assertEquals("8", r.out().strip());
  }

  @Test
  void runAssemblesAsm(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path asm = tmp.resolve("p.asm");
    Files.writeString(asm, "mov %r0, 1\nlsh %r0, 40\nexit\n");
    Result r = bpf4j("run", asm.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("r0 = 0x10000000000 (1099511627776)"), r.out());
    Files.writeString(asm, "mov %r0, 1\nfrob %r0\nexit\n");
    Result bad = bpf4j("run", asm.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("p.asm:2: "), bad.err());
  }

  @Test
  void pluginFailsWithTheMessage() {
    Result r = bpf4j("conformance-plugin", "--program", "07 00 01 00 01 00 00 00 95 00 00 00 00 00 00 00");
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("Failed to load code: instruction 0"), r.out());
    Result bad = bpf4j("conformance-plugin", "--engine", "warp", "--program", "95 00 00 00 00 00 00 00");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unknown engine 'warp'"), bad.err());
  }

  @Test
  void conformanceRunsTheWholeSuite() {
    String dir = System.getProperty("bpf4j.conformance.dir");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "tests")),
        "no conformance directory (bpf4j.conformance.dir=" + dir + ")");
    Result r = bpf4j("conformance", dir);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("PASS tests/lock_cmpxchg.data"), r.out());
    assertTrue(r.out().contains(" 0 failed"), r.out());
    long passedTests = r.out().lines().filter(l -> l.startsWith("PASS tests/")).count();
    assertEquals(313, passedTests);
    assertTrue(r.out().contains("PASS negative/error.data: rejected: instruction 0: r0 is read"),
        r.out());
    Result jit = bpf4j("conformance", dir, "--engine", "jit");
    assertEquals(0, jit.code(), jit.out());
    assertEquals(313, jit.out().lines().filter(l -> l.startsWith("PASS tests/")).count());
    assertTrue(jit.out().contains("PASS negative/error.data: failed in the checked interpreter,"
        + " so the jit engine did not run it: instruction 0: r0 is read"), jit.out());
  }
}
