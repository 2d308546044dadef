package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code bpf4j disasm OBJ.o} prints exactly what {@code llvm-objdump-16 -d OBJ.o} printed for
 * each loader fixture (committed in core/src/test/bpf/objdump by scripts/build-fixtures).
 */
class DisasmElfTest {
  static Path bpf() {
    String r = System.getProperty("bpf4j.root");
    Path root = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    return root.resolve("core/src/test/bpf");
  }

  static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, () -> String.join(" ", args) + ": " + err);
    return out.toString(StandardCharsets.UTF_8);
  }

  @TestFactory
  List<DynamicTest> elfObjectsDisassembleAsLlvmObjdump() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> objs;
    try (Stream<Path> s = Files.list(bpf())) {
      objs = s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    }
    assertTrue(objs.size() >= 25);
    for (Path o : objs) {
      String stem = o.getFileName().toString().replace(".o", "");
      tests.add(DynamicTest.dynamicTest(stem, () ->
          assertEquals(Files.readString(bpf().resolve("objdump/" + stem + ".txt")), run("disasm", o.toString()))));
    }
    return tests;
  }
}
