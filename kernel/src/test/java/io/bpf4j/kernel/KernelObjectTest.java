package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.uapi.MapType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loader fixtures (core/src/test/bpf/*.o) loaded into the kernel from their ObjectSpec. */
@RequiresKernel
class KernelObjectTest {
  static Path fixture(String name) {
    Path root = Path.of(System.getProperty("bpf4j.root", "."));
    Path p = root.resolve("core/src/test/bpf").resolve(name);
    Assumptions.assumeTrue(Files.exists(p), "no fixture " + p);
    return p;
  }

  static ObjectSpec read(String name) throws Exception {
    return ObjectReader.read(fixture(name));
  }

  static byte[] ipv4Frame(int len) {
    byte[] f = new byte[len];
    f[12] = 0x08;
    f[14] = 0x45;
    return f;
  }

  static long u64(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  static byte[] le(int v, int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  /** bpftool's verdict for the same object and input (the second opinion). */
  static int bpftoolRun(Path obj, byte[] data) throws Exception {
    Path pin = Path.of("/sys/fs/bpf/bpf4j-bpftool-" + ProcessHandle.current().pid());
    Path in = Files.createTempFile("bpf4j", ".bin");
    try {
      Files.write(in, data);
      exec("bpftool", "prog", "load", obj.toString(), pin.toString());
      String out = exec("bpftool", "prog", "run", "pinned", pin.toString(), "data_in", in.toString());
      Matcher m = Pattern.compile("Return value: (\\d+)").matcher(out);
      assertTrue(m.find(), out);
      return Integer.parseInt(m.group(1));
    } finally {
      Files.deleteIfExists(pin);
      Files.deleteIfExists(in);
    }
  }

  static String exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    return out;
  }

  static boolean hasBpftool() {
    try {
      return new ProcessBuilder("bpftool", "version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** An object of the other byte order is refused, as libbpf refuses it (no half-load). */
  @Test
  void aBigEndianObjectIsRefusedByThisKernel() throws Exception {
    ObjectLoadException e = org.junit.jupiter.api.Assertions.assertThrows(
        ObjectLoadException.class, () -> KernelObject.load(read("big_endian.o")).close());
    assertTrue(e.getMessage().contains("big-endian") && e.getMessage().contains("little-endian"),
        e.getMessage());
  }

  @Test
  void xdpCountRunsLikeBpftoolSaysAndFillsItsMaps() throws Exception {
    try (KernelObject o = KernelObject.load(read("xdp_count.o"))) {
      TestRunResult r = o.program("xdp_count").testRun(TestRun.of(ipv4Frame(64)));
      assertEquals(2, r.retval());
      assertEquals(1, u64(o.map("stats").lookup(le(0, 4)).orElseThrow()));
      assertEquals(64, u64(o.map("stats").lookup(le(1, 4)).orElseThrow()));
      assertEquals(1, u64(o.map("by_proto").lookup(new byte[] {8, 0}).orElseThrow()));
      assertNull(o.btfProblem(), "the object's BTF was uploaded");
      assertTrue(o.program("xdp_count").info().btfId() > 0);
      if (hasBpftool()) {
        assertEquals(r.retval(), bpftoolRun(fixture("xdp_count.o"), ipv4Frame(64)));
      }
    }
  }

  @Test
  void globalDataIsInitialisedAndRodataFrozen() throws Exception {
    ObjectSpec spec = read("globals.o");
    try (KernelObject o = KernelObject.load(spec)) {
      String data = o.maps().keySet().stream().filter(n -> n.endsWith(".data")).findFirst().orElseThrow();
      String rodata = o.maps().keySet().stream().filter(n -> n.endsWith(".rodata")).findFirst().orElseThrow();
      assertEquals(2, o.program("use_globals").testRun(TestRun.of(ipv4Frame(64))).retval());
      KernelMap d = o.map(data);
      assertEquals(6, u64(d.lookup(new byte[4]).orElseThrow()), "packets = 5, then ++");
      KernelMap ro = o.map(rodata);
      BpfException e = assertThrows(BpfException.class, () -> ro.update(new byte[4], new byte[ro.valueBufferSize()]));
      assertEquals("EPERM", e.errnoName(), "frozen");
    }
    // a const volatile set before loading changes the program's verdict
    try (KernelObject o = KernelObject.load(spec.withVariable("limit", 3))) {
      o.program("use_globals").testRun(TestRun.of(ipv4Frame(64)));
      assertEquals(1, o.program("use_globals").testRun(TestRun.of(ipv4Frame(64))).retval(), "XDP_DROP");
    }
  }

  @Test
  void mapsOfMapsAndProgramArraysAreFilled() throws Exception {
    try (KernelObject o = KernelObject.load(read("map_in_map.o"))) {
      KernelMap outer = o.map("outer");
      assertTrue(outer.lookup(le(0, 4)).isPresent());
      assertTrue(outer.lookup(le(1, 4)).isEmpty());
      assertTrue(o.map("jumps").lookup(le(1, 4)).isPresent());
      // entry returns in_b[2] through outer[2]
      assertEquals(0, o.program("entry").testRun(TestRun.of(ipv4Frame(64))).retval());
      o.map("in_b").update(le(2, 4), le(3, o.map("in_b").info().valueSize()));
      assertEquals(3, o.program("entry").testRun(TestRun.of(ipv4Frame(64))).retval());
    }
  }

  @Test
  void pinnedByNameIsReusedAndAFailureLeavesNothing() throws Exception {
    Path dir = Path.of("/sys/fs/bpf/bpf4j-obj-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    try {
      ObjectSpec spec = read("pinned.o");
      int id;
      try (KernelObject o = KernelObject.load(Bpf.system(), spec, dir)) {
        assertTrue(Files.exists(dir.resolve("shared")));
        id = o.map("shared").info().id();
        o.map("shared").update(le(7, 4), le(1, 4));
      }
      try (KernelObject again = KernelObject.load(Bpf.system(), spec, dir)) {
        assertEquals(id, again.map("shared").info().id(), "the pinned map is reused");
      }
      // an incompatible map under the pin name: the load fails and leaves no fd behind
      Files.delete(dir.resolve("shared"));
      try (KernelMap other = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 8, 1))) {
        other.pin(dir.resolve("shared").toString());
      }
      int before = Fds.open();
      ObjectLoadException e = assertThrows(ObjectLoadException.class,
          () -> KernelObject.load(Bpf.system(), spec, dir));
      assertTrue(e.getMessage().contains("map 'shared': the map pinned at"), e.getMessage());
      assertEquals(before, Fds.open());
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException ignored) {
            // reported by the assertion below
          }
        });
      }
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void aRefusedProgramNamesItselfAndUnpins() throws Exception {
    Path dir = Files.createDirectories(Path.of("/sys/fs/bpf/bpf4j-bad-" + ProcessHandle.current().pid()));
    try {
      // pinned.o's program type forced to XDP: its __sk_buff accesses are then refused
      ObjectSpec spec = read("pinned.o");
      var p = spec.programs().getFirst();
      var bad = new io.bpf4j.elf.ProgramSpec(p.name(), io.bpf4j.elf.SectionName.parse("xdp"), p.insns(),
          p.relocations(), p.functions(), p.funcInfos(), p.lineInfos(), p.coreRelos(), p.license());
      ObjectSpec broken = new ObjectSpec(spec.name(), java.util.List.of(bad), spec.maps(), spec.variables(),
          spec.externs(), spec.license(), spec.kernelVersion(), spec.btf(), spec.order());
      int before = Fds.open();
      ObjectLoadException e = assertThrows(ObjectLoadException.class, () -> KernelObject.load(Bpf.system(), broken, dir));
      assertTrue(e.getMessage().startsWith("pinned: program 'pin_user' (section xdp): "), e.getMessage());
      assertTrue(e.getMessage().contains("EACCES"), e.getMessage());
      assertFalse(e.log().isEmpty());
      assertEquals(before, Fds.open());
      assertFalse(Files.exists(dir.resolve("shared")), "the pin made by the failed load is gone");
    } finally {
      Files.deleteIfExists(dir.resolve("shared"));
      Files.deleteIfExists(dir);
    }
  }
}
