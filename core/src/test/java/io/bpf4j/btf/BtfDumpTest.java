package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The raw BTF listing is byte for byte what {@code bpftool btf dump file} prints, for every
 * fixture and for the kernel's BTF; the C form compiles with clang.
 */
class BtfDumpTest {
  static Path fixtures() {
    String root = System.getProperty("bpf4j.root");
    return (root != null ? Path.of(root) : Path.of("..")).resolve("core/src/test/bpf");
  }

  static List<Path> objects() throws IOException {
    try (Stream<Path> s = Files.list(fixtures())) {
      return s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    }
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String s = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + ":\n" + s.substring(0, Math.min(s.length(), 3000)));
    return s;
  }

  static boolean exists(String tool) {
    return Files.isExecutable(Path.of(tool));
  }

  @TestFactory
  List<DynamicTest> rawDumpMatchesBpftool() throws Exception {
    Assumptions.assumeTrue(exists("/usr/sbin/bpftool"), "bpftool is not installed");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path o : objects()) {
      tests.add(DynamicTest.dynamicTest(o.getFileName().toString(), () -> {
        Btf btf = ObjectReader.readBtf(o);
        assertEquals(run("/usr/sbin/bpftool", "btf", "dump", "file", o.toString()), BtfDump.raw(btf));
      }));
    }
    return tests;
  }

  @Test
  void vmlinuxRawDumpMatchesBpftool() throws Exception {
    Path v = Path.of("/sys/kernel/btf/vmlinux");
    Assumptions.assumeTrue(exists("/usr/sbin/bpftool") && Files.exists(v), "bpftool or kernel BTF missing");
    Btf btf = ObjectReader.readBtf(v);
    assertEquals(run("/usr/sbin/bpftool", "btf", "dump", "file", v.toString()), BtfDump.raw(btf));
  }

  @TestFactory
  List<DynamicTest> cDumpCompiles() throws Exception {
    Assumptions.assumeTrue(exists("/usr/bin/clang-16"), "clang-16 is not installed");
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> inputs = new ArrayList<>(objects());
    if (Files.exists(Path.of("/sys/kernel/btf/vmlinux"))) {
      inputs.add(Path.of("/sys/kernel/btf/vmlinux"));
    }
    for (Path o : inputs) {
      tests.add(DynamicTest.dynamicTest(o.getFileName().toString(), () -> {
        String c = BtfC.dump(ObjectReader.readBtf(o));
        Path f = Files.createTempFile("btf", ".c");
        try {
          Files.writeString(f, c + "\nint main(void) { return 0; }\n");
          run("/usr/bin/clang-16", "-fsyntax-only", "-target", "bpf", "-Wno-everything", f.toString());
        } finally {
          Files.deleteIfExists(f);
        }
      }));
    }
    return tests;
  }
}
