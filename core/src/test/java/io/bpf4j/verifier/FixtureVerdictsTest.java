package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The loader fixtures (core/src/test/bpf/*.o): for every program of every object, bpf4j's
 * verdict through {@link ObjectInputs} equals the kernel's, recorded by {@code
 * scripts/verifier-corpus record-fixtures} in fixture-verdicts.tsv. Objects the kernel refuses
 * here for reasons outside the verifier (libbpf, permissions) are left out with the reason
 * printed. When bpftool, bpffs and root are here, every object is loaded again.
 */
class FixtureVerdictsTest {
  static final Path DIR = Path.of("src/test/bpf");
  static final Path VERDICTS = Path.of("src/test/resources/verifier/fixture-verdicts.tsv");

  /**
   * Programs the kernel accepts that bpf4j still rejects, with the missing model. The test
   * asserts today's rejection for them so that closing a gap means editing this map.
   */
  static final Map<String, String> GAPS = Map.of(
      // none today: find_vma (BTF-typed pointers) and user_ringbuf (dynptrs) are modelled now
      // (entries: object/program -> what bpf4j's verifier lacks)
      );

  record Verdict(String object, String program, String kernel) {
    boolean loadable() {
      return !kernel.startsWith("not loadable here");
    }
  }

  static List<Verdict> verdicts() throws IOException {
    List<Verdict> out = new ArrayList<>();
    for (String line : Files.readAllLines(VERDICTS)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add(new Verdict(f[0], f[1], f[2]));
    }
    return out;
  }

  @Test
  void everyFixtureHasARecordedVerdict() throws IOException {
    Map<String, TreeSet<String>> recorded = new TreeMap<>();
    for (Verdict v : verdicts()) {
      recorded.computeIfAbsent(v.object(), k -> new TreeSet<>()).add(v.program());
    }
    try (Stream<Path> s = Files.list(DIR)) {
      for (Path o : s.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
        String name = o.getFileName().toString().replace(".o", "");
        assertTrue(recorded.containsKey(name), name + ".o has no recorded kernel verdict: run"
            + " scripts/verifier-corpus record-fixtures");
      }
    }
    for (Verdict v : verdicts()) {
      if (!v.loadable()) {
        System.out.println("FixtureVerdictsTest: " + v.object() + ".o left out, "
            + v.kernel());
      }
    }
  }

  /** A helper bpf4j's verifier does not model is not a helper the program type lacks. */
  @Test
  void aHelperTheVerifierDoesNotModelIsNotBlamedOnTheProgramType() {
    List<io.bpf4j.isa.Insn> insns = List.of(
        new io.bpf4j.isa.Insn(0x85, 0, 0, 0, io.bpf4j.uapi.HelperId.id("get_stack")),
        new io.bpf4j.isa.Insn(0x95, 0, 0, 0, 0));
    VerifierResult r = Verifier.verify(VerifierInput.of("p", insns,
        io.bpf4j.uapi.ProgType.KPROBE));
    String hint = r.rejection().hint();
    assertTrue(r.rejection().message().contains("is not known to bpf4j's verifier"),
        r.format());
    assertFalse(hint.contains("not available to"), hint);
    assertTrue(hint.contains("--no-verify") && hint.contains("kernel"), hint);
  }

  @TestFactory
  Stream<DynamicTest> agreesWithTheKernel() throws IOException {
    return verdicts().stream().filter(Verdict::loadable).map(v -> DynamicTest.dynamicTest(
        v.object() + "/" + v.program(), () -> {
          ObjectSpec obj = ObjectReader.read(DIR.resolve(v.object() + ".o"));
          ProgramSpec p = obj.program(v.program());
          VerifierResult r = Verifier.verify(ObjectInputs.of(obj, p, null, true));
          String key = v.object() + "/" + v.program();
          String gap = GAPS.get(key);
          if (gap != null) {
            assertFalse(r.accepted(), key + " is listed as a gap (" + gap + ") but verifies now:"
                + " remove it from GAPS");
            System.out.println("FixtureVerdictsTest: " + key + " known gap, bpf4j rejects: "
                + gap);
            return;
          }
          assertEquals(v.kernel().equals("accept"), r.accepted(), () -> key + ": kernel "
              + v.kernel() + "\n" + r.format());
        }));
  }

  @Test
  void mapOfMapsCarriesItsInnerMap() throws Exception {
    ObjectSpec obj = ObjectReader.read(DIR.resolve("map_in_map.o"));
    for (String outer : List.of("outer", "outer_hash")) {
      MapInfo inner = ObjectInputs.mapInfo(obj.btf(), obj.map(outer)).inner();
      assertNotNull(inner, outer);
      assertEquals(io.bpf4j.uapi.MapType.ARRAY, inner.type());
      assertEquals(4, inner.valueSize());
    }
    assertNull(ObjectInputs.mapInfo(obj.btf(), obj.map("in_a")).inner());
  }

  @Test
  void everyProgramOfALoadableObjectIsCompared() throws Exception {
    Map<String, TreeSet<String>> recorded = new TreeMap<>();
    for (Verdict v : verdicts()) {
      if (v.loadable()) {
        recorded.computeIfAbsent(v.object(), k -> new TreeSet<>()).add(v.program());
      }
    }
    for (var e : recorded.entrySet()) {
      ObjectSpec obj = ObjectReader.read(DIR.resolve(e.getKey() + ".o"));
      TreeSet<String> ours = new TreeSet<>();
      obj.programs().forEach(p -> ours.add(p.name()));
      assertEquals(e.getValue(), ours, e.getKey() + ".o: programs differ from the recording");
    }
  }

  @TestFactory
  Stream<DynamicTest> recordedVerdictsStillHoldInTheKernel() throws IOException {
    boolean bpftool = Files.isExecutable(Path.of("/usr/sbin/bpftool"))
        || Files.isExecutable(Path.of("/usr/bin/bpftool"));
    boolean bpffs = Files.isDirectory(Path.of("/sys/fs/bpf"));
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(bpftool && bpffs && root,
        "live kernel check skipped: needs bpftool, /sys/fs/bpf and root (bpftool=" + bpftool
            + ", bpffs=" + bpffs + ", root=" + root + ")");
    Map<String, TreeSet<String>> accepted = new TreeMap<>();
    for (Verdict v : verdicts()) {
      TreeSet<String> s = accepted.computeIfAbsent(v.object(), k -> new TreeSet<>());
      if (v.loadable()) {
        s.add(v.program());
      }
    }
    return accepted.entrySet().stream().map(e -> DynamicTest.dynamicTest("live " + e.getKey(),
        () -> {
          Path pin = Path.of("/sys/fs/bpf/bpf4j_ft_" + ProcessHandle.current().pid() + "_"
              + e.getKey());
          TreeSet<String> loaded = new TreeSet<>();
          int rc;
          try {
            Process pr = new ProcessBuilder("bpftool", "prog", "loadall",
                DIR.resolve(e.getKey() + ".o").toString(), pin.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            assertTrue(pr.waitFor(60, TimeUnit.SECONDS), "bpftool timed out");
            rc = pr.exitValue();
            if (Files.isDirectory(pin)) {
              try (Stream<Path> s = Files.list(pin)) {
                s.forEach(p -> loaded.add(p.getFileName().toString()));
              }
            }
          } finally {
            removePins(pin);
          }
          assertEquals(!e.getValue().isEmpty(), rc == 0, e.getKey() + ": the kernel's verdict"
              + " changed since it was recorded; run scripts/verifier-corpus record-fixtures");
          assertEquals(e.getValue(), loaded, e.getKey() + ": programs the kernel loaded");
        }));
  }

  private static void removePins(Path pin) throws IOException {
    if (!Files.exists(pin)) {
      return;
    }
    try (Stream<Path> s = Files.walk(pin)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
