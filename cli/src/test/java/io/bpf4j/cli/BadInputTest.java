package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as a user hits it, one row per case: the arguments, the exit code and a fragment
 * the error must contain. Every failing case must leave one error line on standard error
 * (plus the usage line for exit code 2), naming the file, section, instruction or option,
 * and no Java exception or "internal error". {@code $FX/} is the fixture folder, {@code $T/}
 * a temporary folder with the broken files made in {@link #makeFiles()}.
 */
class BadInputTest {
  @TempDir
  static Path tmp;

  /** Rows: arguments (split on spaces), exit code, fragment of standard error. */
  private static final Object[][] CASES = {
      // a map that does not fit the JVM backend: max_entries 0xcf000004 (above 2^31)
      {"verify $T/huge_map.o --prog old_socket", 1, "huge_map.o: map 'counts': key size 4, value size 8, max entries 3472883716"},
      {"prog run $T/huge_map.o --prog old_socket --type socket_filter", 1, "max entries 3472883716"},
      {"prog dump --jited $T/huge_map.o --prog old_socket --type socket_filter", 1, "max entries 3472883716"},
      // unsafe programs on the unchecked engines: the checked interpreter runs them first
      // (they crashed the JVM with SIGSEGV or never ended)
      {"run $T/fault.asm --engine jit", 1, "error: instruction 0: load of 8 bytes at 0x1000 is outside"},
      {"run $T/fault.asm --engine interpreter --repeat 3", 1, "error: instruction 0: load of 8 bytes"},
      {"run $T/loop.asm --engine jit", 1, "instruction budget of 100000000 used up"},
      {"-j run $T/fault.asm --engine jit", 1, "\"engine\":\"checked\",\"status\":\"error\""},
      {"run $T/fault.asm", 1, "error: instruction 0: load of 8 bytes"},
      {"conformance-plugin --engine jit --program 79100010000000009500000000000000", 1,
          "Failed to execute program: instruction 0: load of 8 bytes at 0x1000"},
      {"conformance $T/conf --engine jit", 1, "FAIL tests/fault.data: instruction 0: load of 8 bytes"},
      {"conformance $T/conf --engine interpreter", 1, "FAIL tests/fault.data: instruction 0: load"},
      // files that are missing, folders, unreadable: the message says which
      {"prog run $FX/xdp_pass.o --data-in $T/missing", 1, "missing: no such file"},
      {"prog run $FX/xdp_pass.o --ctx-in $T/missing", 1, "missing: no such file"},
      {"prog run $FX/xdp_pass.o --data-in $T", 1, ": is a directory"},
      {"run $T/fault.asm --mem-file $T/missing", 1, "missing: no such file"},
      {"run $T", 1, ": is a directory"},
      {"run $T/missing.asm", 1, "missing.asm: no such file"},
      {"object show $T", 1, ": is a directory"},
      {"object show /proc/self/mem", 1, "/proc/self/mem: cannot read: Input/output error"},
      {"tracepoint record --format $T/missing", 1, "missing: no such file"},
      // files that cannot be written
      {"prog run $FX/xdp_pass.o --data-in $T/packet.bin --data-out $T/nodir/out", 1,
          "out: cannot write: no folder "},
      {"prog run $FX/xdp_pass.o --data-in $T/packet.bin --data-out $T", 1, ": cannot write: is a directory"},
      {"asm $T/fault.asm -o $T/nodir/x.bin", 1, "x.bin: cannot write: no folder "},
      // options of the JVM backend given to the kernel backend say so
      {"prog run $FX/xdp_pass.o --backend kernel --prog xdp_pass --type xdp", 2,
          "--type is for the JVM backend"},
      // --prog may be left out for an object with one program, on both backends
      {"prog run $FX/xdp_pass.o --backend kernel --data-in $T/packet.bin", 0, "Return value: 2"},
      {"prog run $FX/subprogs.o --backend kernel", 2, "subprogs.o: has 2 programs, name one with --prog"},
      // an option given twice with different values is refused, not resolved silently
      {"prog run $FX/xdp_pass.o --engine jit --engine checked", 2,
          "option --engine of 'prog run' given twice: 'jit' and 'checked'"},
      {"run $T/fault.asm --repeat=2 --repeat 3", 2, "option --repeat of 'run' given twice"},
      // numbers out of range
      {"run $T/fault.asm --repeat 0x7fffffffffffffff", 2, "--repeat: 9223372036854775807 (must be 1..100000000)"},
      {"run $T/fault.asm --repeat -5", 2, "--repeat: -5 (must be 1..100000000)"},
      {"run $T/fault.asm --repeat 99999999999999999999", 2, "'99999999999999999999' is not a number"},
      {"prog run $FX/xdp_pass.o --repeat 0", 2, "--repeat 0 (must be 1..100000000)"},
      {"prog attach $FX/xdp_pass.o --dev lo --duration -1", 2, "option --duration: -1 (must be 0..1000000000"},
      {"prog attach $FX/xdp_pass.o --dev lo --duration 99999999999", 2, "option --duration: 99999999999"},
      {"prog attach $FX/xdp_pass.o --dev lo --hz 0", 2, "option --hz: 0 (must be 1..1000000)"},
      {"prog attach $T/missing.o --dev lo", 1, "missing.o: no such file"},
      // an object where plain code is read: say which command takes it
      {"run $FX/xdp_pass.o", 1, "xdp_pass.o: an ELF object: 'bpf4j prog run' runs its programs"},
      // a program type the JVM backend cannot run names that type, not the section's
      {"prog run $FX/xdp_pass.o --type kprobe", 1, "test runs of kprobe programs are not supported"},
      // kernel ids are u32
      {"map dump id -1", 2, "map id '-1' is not an id (0..4294967295)"},
      {"map dump id 4294967296", 2, "map id '4294967296' is not an id (0..4294967295)"},
      {"map dump id abc", 2, "map id 'abc' is not a number"},
      {"prog show id -5", 2, "id '-5' is not an id (0..4294967295)"},
      // .data files: the place is FILE:LINE, as in asm
      {"run $T/nosec.data", 1, "nosec.data:1: text before the first section: 'just text'"},
      // a name with a newline from the object's string table stays on the one error line
      {"object show $T/newline_name.o", 1, "calls 'mem\\ncp', which is not defined"},
      {"prog run $T/newline_name.o", 1, "calls 'mem\\ncp', which is not defined"},
  };

  @BeforeAll
  static void makeFiles() throws IOException {
    byte[] legacy = Files.readAllBytes(fixture("legacy"));
    // legacy.o's "maps" section starts at 0x118: counts = {ARRAY, 4, 8, 16, 0}
    ByteBuffer b = ByteBuffer.wrap(legacy.clone()).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x118 + 12, 0xcf000004);
    Files.write(tmp.resolve("huge_map.o"), b.array());
    Files.writeString(tmp.resolve("fault.asm"), "ldxdw r0, [r1+4096]\nexit\n");
    Files.writeString(tmp.resolve("loop.asm"), "mov r0, 1\nja -1\n");
    Files.writeString(tmp.resolve("nosec.data"), "just text\n");
    Files.write(tmp.resolve("packet.bin"), new byte[64]);
    byte[] memcpy = Files.readAllBytes(fixture("memcpy_call"));
    Files.write(tmp.resolve("newline_name.o"), replace(memcpy, "memcpy\0", "mem\ncp\0"));
    Files.createDirectories(tmp.resolve("conf/tests"));
    Files.createDirectories(tmp.resolve("conf/negative"));
    Files.writeString(tmp.resolve("conf/tests/fault.data"),
        "-- asm\nldxdw r0, [r1+4096]\nexit\n-- result\n0x0\n");
  }

  /** {@code d} with every {@code from} replaced by {@code to} (as long). */
  static byte[] replace(byte[] d, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
    byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
    byte[] r = d.clone();
    for (int i = 0; i + f.length <= r.length; i++) {
      if (java.util.Arrays.equals(r, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, r, i, t.length);
      }
    }
    return r;
  }

  static Path fixture(String stem) {
    return DisasmElfTest.bpf().resolve(stem + ".o");
  }

  static Stream<Arguments> cases() {
    List<Arguments> l = new ArrayList<>();
    for (Object[] c : CASES) {
      l.add(Arguments.of(c[0], c[1], c[2]));
    }
    return l.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneCleanError(String line, int code, String fragment) {
    String[] args = line.replace("$FX/", DisasmElfTest.bpf() + "/").replace("$T", tmp.toString())
        .split(" ");
    ObjectCommandsTest.Run r = ObjectCommandsTest.run(args);
    String err = r.err();
    assertEquals(code, r.code(), "exit code; stderr:\n" + err + "stdout:\n" + r.out());
    assertFalse(err.contains("internal error") || err.contains("Exception") || err.contains("\tat "),
        "no Java exception:\n" + err);
    if (code != 0 && !err.isEmpty()) {
      long lines = err.lines().filter(l -> !l.startsWith("usage: ") && !l.startsWith("  ")).count();
      assertEquals(1, lines, "one error line:\n" + err);
      assertTrue(err.startsWith("bpf4j") || args[0].equals("conformance-plugin"), err);
    }
    if (args[0].equals("-j") && !r.out().isEmpty()) {
      assertEquals(1, r.out().strip().lines().count(), "one JSON object:\n" + r.out());
      assertTrue(r.out().startsWith("{") && r.out().strip().endsWith("}"), r.out());
    }
    // the command's report (run, verify, conformance) or the error line
    assertTrue(err.contains(fragment) || r.out().contains(fragment),
        "'" + fragment + "' in:\n" + err + r.out());
    assertTrue(new String(err.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).chars()
        .noneMatch(ch -> ch < 0x20 && ch != '\n'), "no control characters:\n" + err);
  }
}
