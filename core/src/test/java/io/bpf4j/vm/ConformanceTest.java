package io.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bpf_conformance suite ({@code ${bpf4j.conformance.dir}}) on the interpreter: every file
 * of {@code tests/} in fast and in checked mode gives its expected r0; every file of {@code
 * negative/} with raw code is rejected at load with a reason.
 */
class ConformanceTest {

  /** The conformance directory, or null when there is none. */
  static Path dir() {
    String d = System.getProperty("bpf4j.conformance.dir");
    return d != null && Files.isDirectory(Path.of(d, "tests")) ? Path.of(d) : null;
  }

  /** One skipped test that says why the suite cannot run. */
  static Stream<DynamicTest> skipped() {
    String d = System.getProperty("bpf4j.conformance.dir");
    String why = d == null ? "system property bpf4j.conformance.dir is not set"
        : "no conformance tests in " + d + " (CI has ../shared beside the clone)";
    System.out.println("ConformanceTest skipped: " + why);
    return Stream.of(dynamicTest("conformance suite", () -> Assumptions.assumeTrue(false, why)));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".data")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> testsPassOnTheInterpreter() throws IOException {
    Path dir = dir();
    if (dir == null) {
      return skipped();
    }
    Map<String, byte[]> assembled = ConformanceCase.assembled(dir);
    List<DynamicTest> out = new ArrayList<>();
    List<Path> files = files(dir.resolve("tests"));
    assertTrue(files.size() >= 313, "expected the 313 tests, found " + files.size());
    for (Path f : files) {
      for (boolean checked : new boolean[] {false, true}) {
        String name = f.getFileName() + (checked ? " (checked)" : " (fast)");
        out.add(dynamicTest(name, () -> runsAsExpected(f, assembled, checked)));
      }
    }
    return out.stream();
  }

  private static void runsAsExpected(Path f, Map<String, byte[]> assembled, boolean checked)
      throws InvalidProgramException {
    ConformanceCase c = ConformanceCase.read(f);
    byte[] code = c.has("raw") ? c.raw() : assembled.get(c.name());
    assertNotNull(code, c.name() + ": no -- raw section and not in assembled.jsonl");
    InterpreterOptions opts =
        checked ? InterpreterOptions.checkedMode() : InterpreterOptions.fast();
    Interpreter vm = Interpreter.load(code, ConformanceHelpers.table(), opts);
    RunResult res = vm.execute(c.mem());
    assertNull(res.error(), () -> c.name() + ": " + res.error().getMessage());
    assertEquals(
        Long.toHexString(c.result()), Long.toHexString(res.r0()), c.name() + ": r0");
    assertTrue(res.instructions() > 0);
  }

  @TestFactory
  Stream<DynamicTest> negativeRawFilesAreRejected() throws IOException {
    Path dir = dir();
    if (dir == null) {
      return skipped();
    }
    List<DynamicTest> out = new ArrayList<>();
    for (Path f : files(dir.resolve("negative"))) {
      out.add(dynamicTest(f.getFileName().toString(), () -> {
        ConformanceCase c = ConformanceCase.read(f);
        Assumptions.assumeTrue(
            c.has("raw"), "assembly-only negative file: needs the assembler (branch isa)");
        InvalidProgramException e = assertThrows(
            InvalidProgramException.class,
            () -> Interpreter.load(c.raw(), ConformanceHelpers.table(), InterpreterOptions.fast()),
            c.name() + " must be rejected");
        assertTrue(!e.reason().isBlank(), "a reason");
      }));
    }
    return out.stream();
  }
}
