package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.uapi.MapType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test runs of fixture programs on the JVM backend against the kernel's
 * ({@code bpftool prog run}) on the same input: the same return value, output packet and map
 * contents (array and hash maps, global data included).
 */
class JvmBackendTest {
  static final String PACKET = "ffffffffffff0000000000010800" + "4500003200000000401100007f0000017f000001"
      + "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e";

  static Path fixtures() {
    String root = System.getProperty("bpf4j.root");
    return (root != null ? Path.of(root) : Path.of("..")).resolve("core/src/test/bpf");
  }

  record Res(int code, String out) {}

  static Res bpftool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/sbin/bpftool"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Res(p.exitValue(), out);
  }

  static final String[][] FIXTURES = {
      {"xdp_pass", "xdp_pass", "1"}, {"xdp_count", "xdp_count", "3"},
      {"socket_filter", "keep_ipv4", "1"}, {"tc", "tc_plain", "1"}, {"tc", "cls", "1"},
      {"globals", "use_globals", "2"}, {"subprogs", "first", "1"}, {"subprogs", "second", "1"},
      {"maps_kinds", "use_maps", "1"}, {"cgroup", "skb_in", "1"}, {"cgroup", "skb_out", "1"},
      {"map_in_map", "tail_a", "1"}, {"map_in_map", "entry", "1"}};

  /**
   * Verifier bugs: objects the kernel (6.18) loads whole but where bpf4j's verifier rejects a
   * program, so that the object loads only unverified, in the checked interpreter. The value
   * is the start of the load error. Each entry is a bug to fix in the verifier, not here.
   */
  static final Map<String, String> VERIFIER_BUGS = Map.of(
      // none today: the map-of-maps lookup, bpf_sock_addr and syscall contexts that bpf4j's
      // verifier used to reject are modelled now (entries: stem -> start of the rejection)
      );

  /** Every fixture on every engine. */
  static Stream<Arguments> fixturesOnEngines() {
    return Stream.of(JvmEngine.values()).flatMap(e -> Stream.of(FIXTURES)
        .map(f -> Arguments.of(f[0], f[1], Integer.parseInt(f[2]), e)));
  }

  @ParameterizedTest(name = "{0}/{1} on {3}")
  @MethodSource("fixturesOnEngines")
  void sameResultsAsTheKernel(String stem, String prog, int repeat, JvmEngine engine) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bpftool")), "bpftool is not installed");
    Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "packet memory needs x86-64 (MAP_32BIT)");
    Path obj = fixtures().resolve(stem + ".o");
    byte[] data = HexFormat.of().parseHex(PACKET);
    ObjectSpec spec = ObjectReader.read(obj);
    JvmLoadOptions opts = JvmLoadOptions.defaults().withEngine(engine);
    String bug = VERIFIER_BUGS.get(stem);
    if (bug != null) {
      JvmLoadOptions verified = opts;
      JvmLoadException x = assertThrows(JvmLoadException.class, () -> JvmObject.load(spec, verified));
      assertTrue(x.getMessage().startsWith(bug), x.getMessage());
      if (engine != JvmEngine.CHECKED) {
        return; // no fast engine runs an unverified program
      }
      opts = opts.withVerify(false);
    }
    JvmObject jvm = JvmObject.load(spec, opts);
    JvmProgram p = jvm.program(prog);
    assertEquals(engine, p.engine());
    JvmProgram.TestRun mine = p.testRun(data, null, repeat);
    Path dir = Path.of("/sys/fs/bpf/bpf4j_jvm_" + ProcessHandle.current().pid() + "_" + stem + "_" + prog);
    Path in = Files.createTempFile("pkt", ".bin");
    Path outFile = Files.createTempFile("out", ".bin");
    Files.createDirectories(dir);
    try {
      Files.write(in, data);
      Res load = bpftool("prog", "loadall", obj.toString(), dir + "/p", "pinmaps", dir + "/m");
      Assumptions.assumeTrue(load.code() == 0, () -> "the kernel does not load " + stem + ": " + load.out());
      Res run = bpftool("prog", "run", "pinned", dir + "/p/" + prog, "data_in", in.toString(), "data_out",
          outFile.toString(), "repeat", Integer.toString(repeat));
      assertEquals(0, run.code(), run.out());
      Matcher m = Pattern.compile("Return value: (\\d+)").matcher(run.out());
      assertTrue(m.find(), run.out());
      assertEquals(Long.parseLong(m.group(1)), mine.retval(), "return value of " + prog);
      assertArrayEquals(Files.readAllBytes(outFile), mine.dataOut(), "data out of " + prog);
      for (var e : jvm.maps().entrySet()) {
        BpfMap map = e.getValue();
        if (map.type() != MapType.ARRAY && map.type() != MapType.HASH) {
          continue;
        }
        if (e.getKey().contains(".rodata") && e.getKey().startsWith(".")) {
          continue;
        }
        Res dump = bpftool("map", "dump", "pinned", dir + "/m/" + e.getKey().replace('.', '_'), "-j");
        assertEquals(0, dump.code(), dump.out());
        assertEquals(kernelEntries(dump.out()), entries(map), "contents of map " + e.getKey());
      }
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(outFile);
      removeTree(dir);
    }
  }

  /**
   * Programs that take only a context: a syscall program and raw tracepoints. This machine's
   * bpftool (7.1) asks for a context out, which the kernel refuses for these types, so the
   * expected values come from the C sources.
   */
  @ParameterizedTest
  @CsvSource({
      "syscall, sum, 0300000004000000, 7",
      "tracepoints, raw_enter, 00000000000000000100000000000000, 1",
      "tracepoints, raw_enter, 00000000000000000200000000000000, 0",
      "tracepoints, raw_exit, 0000000000000000, 0"})
  void contextProgramsComputeWhatTheirSourceSays(String stem, String prog, String ctxHex, long want) throws Exception {
    Path obj = fixtures().resolve(stem + ".o");
    String bug = VERIFIER_BUGS.get(stem);
    if (bug != null) {
      // a verifier bug (see VERIFIER_BUGS): the program runs only unverified, checked
      JvmLoadException x = assertThrows(JvmLoadException.class,
          () -> JvmObject.load(ObjectReader.read(obj)));
      assertTrue(x.getMessage().startsWith(bug), x.getMessage());
      JvmObject o = JvmObject.load(ObjectReader.read(obj),
          JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
      assertEquals(want, o.program(prog).testRun(null, HexFormat.of().parseHex(ctxHex), 2).retval());
      return;
    }
    for (JvmEngine e : JvmEngine.values()) {
      JvmObject o = JvmObject.load(ObjectReader.read(obj), JvmLoadOptions.defaults().withEngine(e));
      JvmProgram.TestRun r = o.program(prog).testRun(null, HexFormat.of().parseHex(ctxHex), 2);
      assertEquals(want, r.retval(), prog + " on " + e);
    }
  }

  static TreeMap<String, String> kernelEntries(String json) {
    TreeMap<String, String> out = new TreeMap<>();
    Matcher m = Pattern.compile("\"key\":\\[([^\\]]*)\\],\"value\":\\[([^\\]]*)\\]").matcher(json.replace(" ", ""));
    while (m.find()) {
      out.put(hex(m.group(1)), hex(m.group(2)));
    }
    return out;
  }

  private static String hex(String list) {
    return list.replace("\"", "").replace("0x", "").replace(",", "");
  }

  static TreeMap<String, String> entries(BpfMap m) {
    TreeMap<String, String> out = new TreeMap<>();
    for (MemorySegment k : m.keys()) {
      m.lookup(k).ifPresent(v -> out.put(HexFormat.of().formatHex(k.toArray(ValueLayout.JAVA_BYTE)),
          HexFormat.of().formatHex(v.toArray(ValueLayout.JAVA_BYTE))));
    }
    return out;
  }

  static void removeTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
