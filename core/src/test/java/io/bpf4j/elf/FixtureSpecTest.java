package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each fixture's ObjectSpec against its committed expectation file
 * (core/src/test/bpf/expected/NAME.txt). The expectations were reviewed against the C
 * sources and, for the objects the kernel loads, are cross-checked by KernelAgreementTest.
 * Run with -Dbpf4j.regen=true to rewrite them after changing a fixture.
 */
class FixtureSpecTest {
  @Test
  void thereAreAtLeast25Fixtures() throws Exception {
    List<Path> objs = Fixtures.objects();
    assertTrue(objs.size() >= 25, "fixtures: " + objs.size());
    for (Path o : objs) {
      assertTrue(Files.exists(Path.of(o.toString().replaceAll("\\.o$", ".c"))), "C source of " + o);
    }
  }

  @TestFactory
  List<DynamicTest> eachFixtureMatchesItsExpectation() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    boolean regen = Boolean.getBoolean("bpf4j.regen");
    for (Path obj : Fixtures.objects()) {
      String stem = Fixtures.stem(obj);
      tests.add(DynamicTest.dynamicTest(stem, () -> {
        String broken = Fixtures.BROKEN.get(stem);
        if (broken != null) {
          ObjectFormatException e = assertThrows(ObjectFormatException.class, () -> ObjectReader.read(obj));
          assertTrue(e.getMessage().contains(broken), e.getMessage());
          return;
        }
        String actual = Fixtures.summary(ObjectReader.read(obj));
        Path exp = Fixtures.dir().resolve("expected").resolve(stem + ".txt");
        if (regen) {
          Files.createDirectories(exp.getParent());
          Files.writeString(exp, actual);
        }
        assertTrue(Files.exists(exp), "no expectation file " + exp);
        assertEquals(Files.readString(exp), actual, "spec of " + stem);
      }));
    }
    return tests;
  }
}
