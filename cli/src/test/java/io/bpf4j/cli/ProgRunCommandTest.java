package io.bpf4j.cli;

import static io.bpf4j.cli.ObjectCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.cli.ObjectCommandsTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prog run} on the JVM backend's engines, and {@code prog dump --jited}. */
class ProgRunCommandTest {
  @TempDir Path tmp;

  static String jvm(String stem) {
    return DisasmElfTest.bpf().resolve("jvm").resolve(stem + ".o").toString();
  }

  String data(int n) throws Exception {
    Path p = tmp.resolve("data" + n + ".bin");
    Files.write(p, new byte[n]);
    return p.toString();
  }

  @Test
  void aSingleProgramObjectRunsWithoutProgOnTheJitByDefault() throws Exception {
    Run r = run("prog", "run", jvm("one"), "--data-in", data(64), "--repeat", "3", "-v");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Engine: jit (verified), prepared in "), r.out());
    assertTrue(r.out().contains("Return value: 2, duration (average): "), r.out());
    Run j = run("-j", "prog", "run", jvm("one"), "--data-in", data(64), "--engine", "interpreter");
    assertEquals(0, j.code(), j.err());
    assertTrue(j.out().contains("\"retval\":2,") && j.out().contains("\"engine\":\"interpreter\""), j.out());
  }

  @Test
  void withSeveralProgramsProgIsNeededAndTheErrorListsThem() throws Exception {
    Run r = run("prog", "run", DisasmElfTest.bpf().resolve("subprogs.o").toString(), "--data-in", data(64));
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("name one with --prog: first, second"), r.err());
  }

  @Test
  void aRejectedProgramExitsOneWithTheVerifiersExplanation() throws Exception {
    for (String engine : new String[] {"jit", "interpreter", "checked"}) {
      Run r = run("prog", "run", jvm("index_off_by_one"), "--data-in", data(30), "--engine", engine);
      assertEquals(1, r.code(), r.out());
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.matches(".*index_off_by_one\\.o: program 'index_off_by_one' rejected by the"
          + " verifier at insn \\d+ \\(.*index_off_by_one\\.c:\\d+\\): .+"), r.err());
      assertTrue(r.err().contains("fix:"), r.err());
    }
  }

  @Test
  void noVerifyIsRefusedOnFastEngines() throws Exception {
    for (String engine : new String[] {"jit", "interpreter"}) {
      Run r = run("prog", "run", jvm("index_checked"), "--data-in", data(30), "--engine", engine, "--no-verify");
      assertEquals(2, r.code(), r.out());
      assertTrue(r.err().contains("--no-verify is allowed only with --engine checked"), r.err());
    }
    Run d = run("prog", "run", jvm("index_checked"), "--data-in", data(30), "--no-verify");
    assertEquals(2, d.code(), d.out());
  }

  @Test
  void unverifiedInTheCheckedInterpreterABadAccessIsACleanError() throws Exception {
    String obj = jvm("index_off_by_one");
    Run ok = run("prog", "run", obj, "--data-in", data(14 + 15), "--engine", "checked", "--no-verify");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().startsWith("Return value: 0, duration: "), ok.out());
    Run bad = run("prog", "run", obj, "--data-in", data(14 + 16), "--engine", "checked", "--no-verify");
    assertEquals(1, bad.code(), bad.out());
    assertTrue(bad.err().matches("(?s).*program 'index_off_by_one': instruction \\d+: .*0x[0-9a-f]+.*"), bad.err());
    assertTrue(!bad.err().contains("\tat "), bad.err());
  }

  @Test
  void progDumpJitedShowsTheBytecodePerInstruction() {
    Run r = run("prog", "dump", jvm("index_checked"), "--jited");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("index_checked: compiled in "), r.out());
    // the main function's method, its code under each eBPF instruction
    assertTrue(r.out().contains("\nf0(") && r.out().contains("  ; 0: op 0x"), r.out());
    Run bad = run("prog", "dump", jvm("index_off_by_one"), "--jited");
    assertEquals(1, bad.code(), bad.out());
    assertTrue(bad.err().contains("rejected by the verifier"), bad.err());
  }
  @Test
  void aRejectionIsExplainedOnLinesOfItsOwn() throws Exception {
    Run bad = run("prog", "run", jvm("index_off_by_one"), "--data-in", data(64));
    assertEquals(1, bad.code(), bad.out());
    java.util.List<String> lines = bad.err().lines().toList();
    assertTrue(lines.get(0).startsWith("bpf4j prog run: ") && lines.get(0).contains(
        "program 'index_off_by_one' rejected by the verifier at insn 12 (")
        && !lines.get(0).contains("\\n"), bad.err());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  source: ")), bad.err());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fix: ")), bad.err());
  }
}
