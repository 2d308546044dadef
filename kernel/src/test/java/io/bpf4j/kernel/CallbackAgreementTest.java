package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Callbacks ({@code bpf_loop}, {@code bpf_for_each_map_elem}) in the kernel and on each engine
 * of the JVM backend: callback_runs.o's programs give the same r0 and leave the same maps, and
 * the verifier verdicts on the callback programs of the verifier corpus are the kernel's.
 */
@RequiresKernel
class CallbackAgreementTest {
  static final List<String> PROGRAMS = List.of("loop_sum", "loop_nested", "each_array",
      "each_hash");
  static final List<String> MAPS = List.of("out", "arr", "hash");

  static Path root() {
    return Path.of(System.getProperty("bpf4j.root", "."));
  }

  /**
   * The first program of the fixture at {@code relative} is refused by the kernel's verifier
   * and by bpf4j's (the fixtures of core/src/test/bpf/*_rejected/).
   */
  static void bothVerifiersReject(String relative) throws Exception {
    io.bpf4j.elf.ObjectSpec spec = io.bpf4j.elf.ObjectReader.read(fixture(relative));
    ObjectLoadException e = org.junit.jupiter.api.Assertions.assertThrows(
        ObjectLoadException.class, () -> KernelObject.load(spec).close(),
        relative + ": the kernel accepts it");
    io.bpf4j.elf.ProgramSpec p = spec.programs().getFirst();
    org.junit.jupiter.api.Assertions.assertFalse(io.bpf4j.verifier.Verifier.verify(
        io.bpf4j.verifier.ObjectInputs.of(spec, p, null, true)).accepted(),
        relative + ": the kernel rejects it (" + e.getMessage() + "), bpf4j accepts it");
  }

  /** The fixture at {@code relative}, CO-RE relocated against the running kernel's BTF. */
  static io.bpf4j.elf.ObjectSpec relocated(String relative) throws Exception {
    return io.bpf4j.elf.ObjectReader.read(fixture(relative)).relocateCore(
        io.bpf4j.btf.Btf.parse(java.nio.file.Files.readAllBytes(
            java.nio.file.Path.of("/sys/kernel/btf/vmlinux"))), true);
  }

  static Path fixture(String relative) {
    Path p = root().resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), "no fixture " + p);
    return p;
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void sameReturnValuesAndMapsAsTheKernel(JvmEngine engine) throws Exception {
    ObjectSpec spec = ObjectReader.read(fixture("core/src/test/bpf/callback_runs.o"));
    byte[] frame = KernelObjectTest.ipv4Frame(64);
    JvmObject jvm = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    try (KernelObject kernel = KernelObject.load(spec)) {
      for (String name : PROGRAMS) {
        long k = kernel.program(name).testRun(TestRun.of(frame)).retvalUnsigned();
        JvmProgram p = jvm.program(name);
        assertEquals(k, p.testRun(frame, null, 1).retval(), name + " on " + engine);
      }
      for (String m : MAPS) {
        assertEquals(kernelEntries(kernel.map(m)), jvmEntries(jvm.map(m)),
            "map " + m + " after the runs on " + engine);
      }
    }
  }

  static TreeMap<String, String> kernelEntries(KernelMap m) {
    TreeMap<String, String> out = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    for (byte[] k : m.keys()) {
      m.lookup(k).ifPresent(v -> out.put(hex.formatHex(k), hex.formatHex(v)));
    }
    return out;
  }

  static TreeMap<String, String> jvmEntries(BpfMap m) {
    TreeMap<String, String> out = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    for (MemorySegment k : m.keys()) {
      m.lookup(k).ifPresent(v -> out.put(hex.formatHex(k.toArray(ValueLayout.JAVA_BYTE)),
          hex.formatHex(v.toArray(ValueLayout.JAVA_BYTE))));
    }
    return out;
  }

  /** The callback programs of the verifier corpus and the loader fixtures. */
  static Stream<Arguments> callbackObjects() throws Exception {
    Path dir = root().resolve("core/src/test/bpf/verifier");
    Assumptions.assumeTrue(Files.isDirectory(dir), "no verifier corpus at " + dir);
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> corpus = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".o") && (n.startsWith("loop_callback") || n.startsWith("foreach_")
            || n.equals("c_bpf_loop.o"));
      }).sorted().toList();
      return Stream.concat(corpus.stream(), Stream.of(
          root().resolve("core/src/test/bpf/callback_runs.o"),
          root().resolve("core/src/test/bpf/callbacks.o"))).map(Arguments::of);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callbackObjects")
  void verifierVerdictIsTheKernels(Path obj) throws Exception {
    ObjectSpec spec = ObjectReader.read(obj);
    boolean kernelAccepts;
    String why = "";
    try (KernelObject k = KernelObject.load(spec)) {
      kernelAccepts = !k.programs().isEmpty();
    } catch (ObjectLoadException e) {
      kernelAccepts = false;
      why = e.getMessage();
    }
    boolean oursAccepts = true;
    String ours = "";
    for (ProgramSpec p : spec.programs()) {
      VerifierResult r = Verifier.verify(ObjectInputs.of(spec, p, null, true));
      if (!r.accepted()) {
        oursAccepts = false;
        ours = r.format();
      }
    }
    String message = obj.getFileName() + ": kernel "
        + (kernelAccepts ? "accepts" : "rejects (" + why + ")") + ", bpf4j "
        + (kernelAccepts ? "rejects:\n" + ours : "accepts");
    assertEquals(kernelAccepts, oursAccepts, message);
  }
}
