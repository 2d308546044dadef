package io.bpf4j.isa;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The llvm syntax against llvm-objdump-16: each fixture object under {@code
 * core/src/test/bpf/isa} is listed by bpf4j from its ELF sections and compared, line by line,
 * with llvm-objdump's committed output. Where LLVM 16 cannot decode an instruction, the
 * expected text is the hand-written later-LLVM spelling of {@code llvm17-spellings.txt}.
 */
class LlvmObjdumpFixtureTest {
  private static final Path DIR = root().resolve("core/src/test/bpf/isa");

  private static Path root() {
    String r = System.getProperty("bpf4j.root");
    return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
  }

  static Map<String, String> spellings() throws Exception {
    Map<String, String> m = new HashMap<>();
    for (String l : Files.readAllLines(DIR.resolve("llvm17-spellings.txt"))) {
      if (!l.startsWith("#") && !l.isBlank()) {
        String[] p = l.split("\t", 2);
        m.put(p[0], p[1]);
      }
    }
    return m;
  }

  /** What bpf4j prints for an object, in llvm-objdump's layout from the first section on. */
  static String disassemble(byte[] object) throws Exception {
    TestElf elf = new TestElf(object);
    List<String> parts = new ArrayList<>();
    for (TestElf.Section sec : elf.sections) {
      if (!sec.executable()) {
        continue;
      }
      List<TestElf.Symbol> syms = elf.symbols.stream()
          .filter(s -> s.section() == sec.index() && (s.type() == 0 || s.type() == 2)
              && !s.name().isEmpty())
          .sorted(Comparator.comparingLong(TestElf.Symbol::value)).toList();
      List<TestElf.Symbol> funcs = syms.stream().filter(s -> s.type() == 2).toList();
      StringBuilder sb = new StringBuilder("Disassembly of section " + sec.name() + ":\n");
      for (int f = 0; f < funcs.size(); f++) {
        long start = funcs.get(f).value();
        long end = f + 1 < funcs.size() ? funcs.get(f + 1).value() : sec.data().length;
        Map<Long, String> labels = new HashMap<>();
        for (TestElf.Symbol s : syms) {
          if (s.value() != start) { // every symbol of the section names jump targets
            labels.put(s.value() / 8, s.name());
          }
        }
        byte[] code = Arrays.copyOfRange(sec.data(), (int) start, (int) end);
        List<Insn> insns = InsnCodec.decode(code, java.nio.ByteOrder.LITTLE_ENDIAN, false);
        sb.append('\n').append(Disassembler.llvm().listing(insns, funcs.get(f).name(),
            start / 8, labels));
      }
      parts.add(sb.toString());
    }
    return String.join("\n", parts);
  }

  private static List<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    }
  }

  @Test
  void everyFixtureHasItsSourceAndExpectedOutput() throws Exception {
    List<Path> objs = fixtures();
    assertTrue(objs.size() >= 3, "fixtures: " + objs);
    for (Path o : objs) {
      String base = o.toString().substring(0, o.toString().length() - 2);
      assertTrue(Files.exists(Path.of(base + ".c")), base + ".c");
      assertTrue(Files.exists(Path.of(base + ".objdump")), base + ".objdump");
    }
  }

  @TestFactory
  Stream<DynamicTest> printsWhatLlvmObjdumpPrints() throws Exception {
    Map<String, String> spell = spellings();
    Set<String> usedSpellings = new HashSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path o : fixtures()) {
      String name = o.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        String base = o.toString().substring(0, o.toString().length() - 2);
        List<String> want = Files.readAllLines(Path.of(base + ".objdump"));
        List<String> got = disassemble(Files.readAllBytes(o)).lines().toList();
        int exact = 0;
        int later = 0;
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
          String w = i < want.size() ? want.get(i) : "<missing>";
          String g = i < got.size() ? got.get(i) : "<missing>";
          if (w.equals(g)) {
            exact++;
            continue;
          }
          String[] wp = w.split("\t");
          String[] gp = g.split("\t");
          assertTrue(wp.length == 3 && gp.length == 3 && wp[0].equals(gp[0])
              && wp[1].equals(gp[1]), name + " line " + (i + 1) + "\nwant: " + w + "\ngot:  " + g);
          String text = spell.get(wp[1]);
          assertNotNull(text, name + " line " + (i + 1) + " differs and is no LLVM 16 gap\nwant: "
              + w + "\ngot:  " + g);
          assertEquals(text, gp[2].replaceAll(" <[^>]*>$", ""), name + " line " + (i + 1));
          usedSpellings.add(wp[1]);
          later++;
        }
        assertTrue(exact > 50, name + ": only " + exact + " lines equal");
        System.out.printf("%s: %d lines as llvm-objdump-16, %d in the later-LLVM spelling%n",
            name, exact, later);
      }));
    }
    tests.add(DynamicTest.dynamicTest("every hand-written spelling was needed", () ->
        assertEquals(spell.keySet(), usedSpellings)));
    return tests.stream();
  }
}
