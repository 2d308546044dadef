package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsmDisasmCommandTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... argv) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static final String CODE =
      "b700000001000000 1801000088776655 0000000044332211 2d12010000000000 9500000000000000";

  @Test
  void disassemblesRawCodeLikeLlvmObjdump() throws Exception {
    Path bin = tmp.resolve("prog.bin");
    Files.write(bin, HexFormat.of().parseHex(CODE.replace(" ", "")));
    Result r = run("disasm", bin.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        0000000000000000 <prog>:
               0:\tb7 00 00 00 01 00 00 00\tr0 = 0x1
               1:\t18 01 00 00 88 77 66 55 00 00 00 00 44 33 22 11\tr1 = 0x1122334455667788 ll
               3:\t2d 12 01 00 00 00 00 00\tif r2 > r1 goto +0x1 <prog+0x28>
               4:\t95 00 00 00 00 00 00 00\texit
        """, r.out());
  }

  @Test
  void ubpfSyntaxAssemblesBackToTheSameBytes() throws Exception {
    Path hex = tmp.resolve("prog.hex");
    Files.writeString(hex, CODE + "\n");
    Result d = run("disasm", "--format", "ubpf", hex.toString());
    assertEquals(0, d.code(), d.err());
    assertEquals("mov %r0, 1\nlddw %r1, 0x1122334455667788\njgt %r2, %r1, +1\nexit\n", d.out());
    Path asm = tmp.resolve("prog.asm");
    Files.writeString(asm, d.out());
    Path bin = tmp.resolve("out.bin");
    Result a = run("asm", asm.toString(), "-o", bin.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(CODE.replace(" ", ""), HexFormat.of().formatHex(Files.readAllBytes(bin)));
  }

  @Test
  void asmPrintsHexAndReadsDataFiles() throws Exception {
    Path data = tmp.resolve("t.data");
    Files.writeString(data, "# a test\n-- asm\nmov32 %r0, 3\nexit\n-- result\n0x3\n");
    Result a = run("asm", data.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals("b4 00 00 00 03 00 00 00\n95 00 00 00 00 00 00 00\n", a.out());
    Result d = run("disasm", data.toString(), "--format", "ubpf");
    assertEquals("mov32 %r0, 3\nexit\n", d.out());
    Result j = run("-j", "disasm", data.toString());
    assertTrue(j.out().contains("\"text\":\"w0 = 0x3\""), j.out());
  }

  @Test
  void errorsNameTheFileAndLine() throws Exception {
    Path asm = tmp.resolve("bad.asm");
    Files.writeString(asm, "mov %r0, 1\nlock or [%r10-8]\nexit\n");
    Result r = run("asm", asm.toString());
    assertEquals(1, r.code());
    assertEquals("bpf4j asm: " + asm + ":2: Invalid number of operands for lock\n", r.err());
    Path data = tmp.resolve("bad.data");
    Files.writeString(data, "# c\n-- asm\nmov %r0, 1\nor %r0, %r50\n");
    r = run("disasm", data.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(data + ":4: Invalid register '%r50'"), r.err());
    Path hex = tmp.resolve("bad.txt");
    Files.writeString(hex, "b7 00 00 00\nzz\n");
    r = run("disasm", hex.toString());
    assertTrue(r.err().contains(hex + ":2: 'zz' is not hex bytes"), r.err());
    Path cut = tmp.resolve("cut.bin");
    Files.write(cut, HexFormat.of().parseHex("1801000088776655"));
    r = run("disasm", cut.toString());
    assertEquals("bpf4j disasm: " + cut + ": instruction 0: lddw needs two slots but is the last"
        + " instruction\n", r.err());
    Path elf = tmp.resolve("x.o");
    Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    r = run("disasm", elf.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(elf + ": not an ELF object: 8 bytes"), r.err()); // the loader reads ELF now
    r = run("disasm", tmp.resolve("missing.bin").toString());
    assertTrue(r.err().contains("missing.bin: no such file"), r.err());
    r = run("disasm", "--format", "intel", cut.toString());
    assertEquals(2, r.code());
  }

  @Test
  void unknownOpcodesShowAsUnknown() throws Exception {
    Path bin = tmp.resolve("u.bin");
    Files.write(bin, HexFormat.of().parseHex("ff000000000000009500000000000000"));
    Result r = run("disasm", "--raw", bin.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\tff 00 00 00 00 00 00 00\t<unknown>\n"), r.out());
    Path data = tmp.resolve("neg.data");
    Files.writeString(data, "-- raw\n07 10 00 00 01 00 00 00\n95 00 00 00 00 00 00 00\n-- error\n");
    r = run("disasm", data.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\t07 10 00 00 01 00 00 00\t<unknown>\n"), r.out());
  }
}
