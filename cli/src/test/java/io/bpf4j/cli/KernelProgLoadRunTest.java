package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.kernel.KernelProgram;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** prog load (pins into bpffs) and prog run --backend kernel against --backend jvm. */
class KernelProgLoadRunTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void kernel() {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
  }

  @Test
  void progLoadPinsEveryProgramAndRefusesCleanly() throws Exception {
    Path dir = Path.of("/sys/fs/bpf/bpf4j-load-" + ProcessHandle.current().pid(), "sub");
    try {
      Run r = run("prog", "load", ObjectCommandsTest.fx("subprogs"), dir.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("pinned " + dir.resolve("first") + "\n"), r.out());
      try (KernelProgram p = KernelProgram.fromPin(Bpf.system(), dir.resolve("first").toString())) {
        assertEquals("first", p.info().name());
      }
      Run again = run("prog", "load", ObjectCommandsTest.fx("subprogs"), dir.toString());
      assertEquals(1, again.code());
      assertEquals("bpf4j prog load: " + dir.resolve("first") + ": already exists\n", again.err());
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(dir);
      Files.deleteIfExists(dir.getParent());
    }
    Path legacy = Path.of("/sys/fs/bpf/bpf4j-legacy-" + ProcessHandle.current().pid());
    try {
      String obj = ObjectCommandsTest.fx("legacy");
      assertTrue(run("prog", "load", obj, legacy.toString()).err().endsWith("the section name gives no program type\n"));
      assertFalse(Files.exists(legacy));
      Run typed = run("prog", "load", obj, legacy.toString(), "--type", "socket");
      assertEquals(0, typed.code(), typed.err());
      try (KernelProgram p = KernelProgram.fromPin(Bpf.system(), legacy.resolve("old_xdp").toString())) {
        assertEquals("socket_filter", p.info().typeName());
      }
    } finally {
      for (String n : new String[] {"old_socket", "old_xdp", "old_test"}) {
        Files.deleteIfExists(legacy.resolve(n));
      }
      Files.deleteIfExists(legacy);
    }
    Path bad = Path.of("/sys/fs/bpf/bpf4j-bad-" + ProcessHandle.current().pid());
    String rejected = DisasmElfTest.bpf().resolve("verifier/pkt_var_offset_unchecked.o").toString();
    Run refused = run("prog", "load", rejected, bad.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.err().matches("bpf4j prog load: .*: bpf\\(BPF_PROG_LOAD\\): EACCES: R2 offset is outside of the packet\n"),
        refused.err());
    assertFalse(Files.exists(bad), "a refused load leaves its directory behind");
    Run notBpffs = run("prog", "load", ObjectCommandsTest.fx("subprogs"), "/tmp/bpf4j-not-bpffs");
    assertEquals(1, notBpffs.code());
    assertTrue(notBpffs.err().startsWith("bpf4j prog load: /tmp/bpf4j-not-bpffs: not on a bpf filesystem"), notBpffs.err());
    assertEquals(2, run("prog", "load", ObjectCommandsTest.fx("subprogs"), bad.toString(), "--type", "nonsense").code());
    assertEquals(2, run("prog", "show", "--backend", "jvm").code());
    assertEquals(2, run("map", "show", "--backend", "jvm").code());
    assertEquals(0, run("map", "show", "--backend", "kernel").code());
  }

  @Test
  void progRunOnTheKernelMatchesTheJvm() throws Exception {
    Path in = Files.createTempFile("pkt", ".bin");
    Path outJvm = Files.createTempFile("jvm", ".out");
    Path outKernel = Files.createTempFile("kernel", ".out");
    try {
      Files.write(in, HexFormat.of().parseHex(
          "ffffffffffff000000000001080045000032000000004011000000000000000000000000000000000000"));
      String obj = ObjectCommandsTest.fx("xdp_count");
      long before = bpfFds();
      Run jvm = run("prog", "run", obj, "--prog", "xdp_count", "--data-in", in.toString(), "--repeat", "3",
          "--dump-maps", "--data-out", outJvm.toString(), "--backend", "jvm");
      Run kernel = run("prog", "run", obj, "--prog", "xdp_count", "--data-in", in.toString(), "--repeat", "3",
          "--dump-maps", "--data-out", outKernel.toString(), "--backend", "kernel");
      assertEquals(0, kernel.code(), kernel.err());
      assertEquals(before, bpfFds(), "the kernel run left a program loaded");
      assertEquals(0, jvm.code(), jvm.err());
      assertTrue(kernel.out().contains("key 00000000  value 0300000000000000"), kernel.out());
      assertEquals(jvm.out().replaceAll("\\d+ns", "Tns"), kernel.out().replaceAll("\\d+ns", "Tns"));
      assertEquals(HexFormat.of().formatHex(Files.readAllBytes(outJvm)), HexFormat.of().formatHex(Files.readAllBytes(outKernel)));
      Run kj = run("-j", "prog", "run", obj, "--prog", "xdp_count", "--data-in", in.toString(), "--backend", "kernel");
      Run jj = run("-j", "prog", "run", obj, "--prog", "xdp_count", "--data-in", in.toString());
      assertEquals(jj.out().replaceAll("\"duration_ns\":\\d+", ""), kj.out().replaceAll("\"duration_ns\":\\d+", ""));
      Run noProg = run("prog", "run", obj, "--prog", "nope", "--data-in", in.toString(), "--backend", "kernel");
      assertEquals(1, noProg.code());
      assertEquals("bpf4j prog run: " + obj + ": no program 'nope' (have [xdp_count])\n", noProg.err());
      assertEquals(2, run("prog", "run", obj, "--prog", "xdp_count", "--backend", "gpu").code());
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(outJvm);
      Files.deleteIfExists(outKernel);
    }
  }

  @Test
  void withoutPrivilegeTheErrorSaysSo() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to drop root");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("jdk.module.path", "") + java.io.File.pathSeparator
        + System.getProperty("java.class.path", "");
    Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "io.bpf4j.cli.Main", "prog", "load",
        ObjectCommandsTest.fx("xdp_count"), "/sys/fs/bpf/bpf4j-nopriv-" + ProcessHandle.current().pid())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), out);
    assertTrue(out.endsWith("bpf4j prog load: bpf() is refused: EPERM (are you root?)\n"), out);
  }

  /** How many bpf program and map fds this process holds (Main runs in this process). */
  private static long bpfFds() throws java.io.IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(f -> {
        try {
          String t = Files.readSymbolicLink(f).toString();
          return t.equals("anon_inode:bpf-prog") || t.equals("anon_inode:bpf-map");
        } catch (java.io.IOException | UnsupportedOperationException gone) {
          return false;
        }
      }).count();
    }
  }
}
