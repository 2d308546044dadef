package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.MapType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads each fixture into the kernel with {@code bpftool prog loadall} (libbpf) and checks
 * that bpf4j's reader agrees: the same programs with the same types, the same instruction
 * counts after linking (libbpf's "code size" plus the subprograms it appends, in the same
 * order), the same CO-RE patches against the kernel's BTF, and the same maps (type, key and
 * value sizes, max_entries, flags). Pins go under a directory of this test and are removed.
 */
class KernelAgreementTest {
  /** Fixtures the kernel (or this machine's bpftool) will not load, and why. */
  static final Map<String, String> NOT_LOADED = Map.of(
      "big_endian", "big-endian BPF does not run on this little-endian kernel",
      "legacy", "libbpf 1.x refuses legacy maps and section names",
      "memcpy_call", "nobody can load a call to memcpy",
      "pinned", "pin-by-name would pin outside the test directory",
      "struct_ops", "struct_ops programs need their struct_ops map",
      "tracing_btf", "fentry/fexit loading is refused (EPERM) on this kernel",
      "ksyms", "the kernel does not expose bpf_prog_active's address",
      "new_sections", "this bpftool's libbpf predates tc/ingress, netkit and netfilter sections");

  private static final Pattern FOUND = Pattern.compile(
      "libbpf: sec '([^']+)': found program '([^']+)' at insn offset \\d+ \\(\\d+ bytes\\), code size (\\d+) insns");
  private static final Pattern ADDED = Pattern.compile(
      "libbpf: prog '([^']+)': added (\\d+) insns from sub-prog '([^']+)'");
  private static final Pattern PATCHED = Pattern.compile(
      "libbpf: prog '([^']+)': relo #\\d+: patched insn #(\\d+) \\(([^)]+)\\) (imm|off|imm64) (-?\\d+) -> (-?\\d+)");

  @TestFactory
  List<DynamicTest> fixturesAgreeWithTheKernel() throws Exception {
    String why = Bpftool.unavailable();
    Assumptions.assumeTrue(why == null, () -> "kernel comparison skipped: " + why);
    Btf vmlinux = Files.exists(Path.of("/sys/kernel/btf/vmlinux"))
        ? ObjectReader.readBtf(Path.of("/sys/kernel/btf/vmlinux")) : null;
    List<DynamicTest> tests = new ArrayList<>();
    for (Path obj : Fixtures.objects()) {
      String stem = Fixtures.stem(obj);
      if (NOT_LOADED.containsKey(stem)) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(stem, () -> check(obj, stem, vmlinux)));
    }
    return tests;
  }

  private static void check(Path obj, String stem, Btf vmlinux) throws Exception {
    ObjectSpec spec = ObjectReader.read(obj);
    Path dir = Path.of("/sys/fs/bpf/bpf4j_test_" + ProcessHandle.current().pid() + "_" + stem);
    Files.createDirectories(dir);
    try {
      Bpftool.Result r = Bpftool.run("-d", "prog", "loadall", obj.toString(), dir + "/p", "pinmaps", dir + "/m");
      assertEquals(0, r.code(), () -> "bpftool loadall " + stem + " failed:\n" + tail(r.err()));
      Map<String, Integer> size = new HashMap<>();
      Map<String, List<String>> subprogs = new LinkedHashMap<>();
      Map<String, Map<Integer, Long>> patched = new HashMap<>();
      for (String line : r.err().split("\n")) {
        Matcher m = FOUND.matcher(line);
        if (m.find() && !m.group(1).equals(".text")) {
          size.put(m.group(2), Integer.parseInt(m.group(3)));
          subprogs.put(m.group(2), new ArrayList<>());
        }
        m = ADDED.matcher(line);
        if (m.find()) {
          size.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
          subprogs.get(m.group(1)).add(m.group(3));
        }
        m = PATCHED.matcher(line);
        if (m.find()) {
          patched.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(Integer.parseInt(m.group(2)), Long.parseLong(m.group(6)));
        }
      }
      ObjectSpec relocated = vmlinux != null && !patched.isEmpty() ? spec.relocateCore(vmlinux) : spec;
      int loaded = 0;
      for (ProgramSpec p : relocated.programs()) {
        if (p.section().optional()) {
          continue;
        }
        loaded++;
        assertEquals(size.get(p.name()), p.slotCount(), "instruction count of " + p.name() + " after linking");
        List<String> mine = p.functions().stream().skip(1).map(ProgramSpec.Function::name).toList();
        assertEquals(subprogs.get(p.name()), mine, "subprograms appended to " + p.name());
        Bpftool.Result show = Bpftool.run("prog", "show", "pinned", dir + "/p/" + p.name(), "-j");
        assertEquals(0, show.code(), () -> "program " + p.name() + " not pinned: " + show.out());
        assertEquals(p.type().name().toLowerCase(), Bpftool.field(show.out(), "type"), "type of " + p.name());
        for (var e : patched.getOrDefault(p.name(), Map.of()).entrySet()) {
          int idx = p.indexOfSlot(e.getKey());
          Insn in = p.insns().get(idx);
          boolean mem = in.cls() == 1 || in.cls() == 2 || in.cls() == 3;
          long value = mem ? in.offset() : in.isLddw() ? in.imm() : in.imm32();
          assertEquals(e.getValue(), value, "CO-RE patch of " + p.name() + " instruction " + e.getKey() + ": " + in);
        }
      }
      assertEquals(size.size(), loaded, "programs libbpf found in " + stem + ": " + size.keySet());
      for (MapSpec m : spec.maps()) {
        Bpftool.Result show = Bpftool.run("map", "show", "pinned", dir + "/m/" + m.name().replace('.', '_'), "-j");
        assertEquals(0, show.code(), () -> "map " + m.name() + " not pinned: " + show.out());
        String j = show.out();
        assertEquals(m.type().name().toLowerCase(), Bpftool.field(j, "type"), "type of map " + m.name());
        assertEquals(m.keySize(), Integer.parseInt(Bpftool.field(j, "bytes_key")), "key size of " + m.name());
        assertEquals(m.valueSize(), Integer.parseInt(Bpftool.field(j, "bytes_value")), "value size of " + m.name());
        if (!(m.type() == MapType.PERF_EVENT_ARRAY && m.maxEntries() == 0)) {
          assertEquals(m.maxEntries(), Integer.parseInt(Bpftool.field(j, "max_entries")), "max_entries of " + m.name());
        }
        // the kernel makes every DEVMAP read-only to programs (BPF_F_RDONLY_PROG)
        int added = m.type() == MapType.DEVMAP || m.type() == MapType.DEVMAP_HASH
            ? MapSpec.F_RDONLY_PROG : 0;
        assertEquals(m.flags() | added, Integer.parseInt(Bpftool.field(j, "flags")),
            "flags of " + m.name());
        String name = Bpftool.field(j, "name");
        assertNotNull(name);
        assertTrue(m.name().startsWith(name), "kernel name " + name + " of " + m.name());
      }
    } finally {
      Bpftool.removeTree(dir);
    }
  }

  private static String tail(String s) {
    String[] l = s.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(l, Math.max(0, l.length - 15), l.length));
  }
}
