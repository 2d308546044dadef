package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitDumpCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  @Test
  void dumpsTheBytecodeUnderEachInstruction(@TempDir Path dir) throws Exception {
    // mov r0, 2; add r0, r1; exit  as hex text with a comment
    Path f = dir.resolve("p.hex");
    Files.writeString(f, "# r0 = 2 + r1\nb7 00 00 00 02 00 00 00\n0f 10 00 00 00 00 00 00\n"
        + "9500000000000000\n");
    assertEquals(0, run("jit", "dump", f.toString()), err.toString());
    String s = out.toString();
    assertTrue(s.contains("3 instructions, 1 functions, 0 regions"), s);
    assertTrue(s.contains("; 1: op 0x0f dst r0 src 1 off 0 imm 0\n"), s);
    assertTrue(s.contains("ladd"), s);
  }

  @Test
  void badInputIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.bin");
    Files.write(f, new byte[] {(byte) 0x85, 0, 0, 0, 99, 0, 0, 0});
    assertEquals(1, run("jit", "dump", f.resolveSibling("missing.bin").toString()));
    assertTrue(err.toString().contains("missing.bin: no such file"), err.toString());
    err.reset();
    Files.write(f, new byte[] {7, 0, 0});
    assertEquals(1, run("jit", "dump", f.toString()));
    assertTrue(err.toString().startsWith("bpf4j jit dump: " + f + ": instruction 0:"),
        err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }
}
