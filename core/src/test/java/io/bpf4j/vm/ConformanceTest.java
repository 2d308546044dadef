package io.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.bpf4j.isa.AsmException;
import io.bpf4j.isa.DataFile;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InvalidInsnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bpf_conformance suite ({@code ${bpf4j.conformance.dir}}) on the interpreter: every file
 * of {@code tests/}, assembled by {@link io.bpf4j.isa.Assembler}, gives its expected r0 in fast
 * and in checked mode; every file of {@code negative/} is rejected with a reason.
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
    List<DynamicTest> out = new ArrayList<>();
    List<Path> files = files(dir.resolve("tests"));
    assertTrue(files.size() >= 313, "expected the 313 tests, found " + files.size());
    for (Path f : files) {
      for (boolean checked : new boolean[] {false, true}) {
        String name = f.getFileName() + (checked ? " (checked)" : " (fast)");
        out.add(dynamicTest(name, () -> runsAsExpected(f, checked)));
      }
    }
    return out.stream();
  }

  private static void runsAsExpected(Path f, boolean checked) throws Exception {
    DataFile d = DataFile.read(f);
    InterpreterOptions opts =
        checked ? InterpreterOptions.checkedMode() : InterpreterOptions.fast();
    Interpreter vm = Interpreter.load(d.program(), ConformanceHelpers.table(), opts);
    RunResult res = vm.execute(d.mem());
    assertNull(res.error(), () -> f.getFileName() + ": " + res.error().getMessage());
    assertNotNull(d.result(), "no -- result section");
    assertEquals(Long.toHexString(d.result()), Long.toHexString(res.r0()), "r0");
    assertTrue(res.instructions() > 0);
  }

  /**
   * A negative file fails one way or another: it does not assemble, its code is invalid, the
   * interpreter refuses to load it, its run fails, or its r0 is not the (wrong) expected one.
   */
  @TestFactory
  Stream<DynamicTest> negativeFilesAreRejected() throws IOException {
    Path dir = dir();
    if (dir == null) {
      return skipped();
    }
    List<DynamicTest> out = new ArrayList<>();
    for (Path f : files(dir.resolve("negative"))) {
      out.add(dynamicTest(f.getFileName().toString(), () -> {
        String why = rejection(f);
        assertNotNull(why, f.getFileName() + " must be rejected");
        assertTrue(!why.isBlank(), "a reason");
      }));
    }
    return out.stream();
  }

  /** Why the file is refused, or null when it runs and gives its expected result. */
  private static String rejection(Path f) throws IOException {
    List<Insn> insns;
    DataFile d;
    try {
      d = DataFile.read(f);
      insns = d.program();
    } catch (AsmException | InvalidInsnException e) {
      return e.getMessage();
    }
    try {
      Interpreter vm = Interpreter.load(
          insns, ConformanceHelpers.table(), InterpreterOptions.checkedMode());
      RunResult res = vm.execute(d.mem());
      if (!res.ok()) {
        return res.error().getMessage();
      }
      if (d.result() != null && d.result() != res.r0()) {
        return "r0 0x" + Long.toHexString(res.r0()) + " is not the expected 0x"
            + Long.toHexString(d.result());
      }
      return d.result() == null ? "no expected result" : null;
    } catch (InvalidProgramException e) {
      return e.getMessage();
    }
  }
}
