package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssemblerTest {

  @Test
  void labelsCommentsAndOffsets() throws Exception {
    List<Insn> p = Assembler.assemble("""
        # leading comment
        start: mov %r0, 0   # a label before an instruction
        jeq %r0, 0, +1
        ja start
        lddw %r1, -1
        ja32 start
        exit
        """);
    assertEquals(new Insn(ALU64 | MOV | K, 0, 0, 0, 0), p.get(0));
    assertEquals(1, p.get(1).offset());
    assertEquals(-3, p.get(2).offset());
    assertEquals(-1L, p.get(3).imm());
    assertEquals(-6, p.get(4).imm()); // slot 5 back to slot 0
  }

  @Test
  void pseudoSourcesCallsAndLegacyLoads() throws Exception {
    List<Insn> p = Assembler.assemble("""
        lddw %r1, map_fd 3
        lddw %r2, map_value 0x800000003
        call kfunc 77
        callx %r4
        ldabsh 12
        ldindb %r3, -2
        gotol +0
        exit
        """);
    assertEquals(new Insn(LDDW, 1, PSEUDO_MAP_FD, 0, 3), p.get(0));
    assertEquals(new Insn(LDDW, 2, PSEUDO_MAP_VALUE, 0, 0x800000003L), p.get(1));
    assertEquals(new Insn(JMP | CALL, 0, CALL_KFUNC, 0, 77), p.get(2));
    assertEquals(new Insn(JMP | CALL | X, 4, 0, 0, 0), p.get(3));
    assertEquals(new Insn(LD | ABS | H, 0, 0, 0, 12), p.get(4));
    assertEquals(new Insn(LD | IND | B, 0, 3, 0, -2), p.get(5));
    assertEquals(new Insn(JMP32 | JA, 0, 0, 0, 0), p.get(6));
  }

  @Test
  void aWholeDataFileAssemblesItsAsmSectionWithFileLines() {
    var e = assertThrows(AsmException.class,
        () -> Assembler.assemble("# header\n-- asm\nmov %r0, 1\nfoo %r0\n-- result\n0x1\n"));
    assertEquals(4, e.line());
    assertEquals("line 4: invalid mnemonic 'foo'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mov32 %r0, 2147483648     | immediate 2147483648 out of range for 32 bits",
      "mov32 %r0, 0x100000000    | immediate 0x100000000 out of range for 32 bits",
      "lddw %r0, 0x10000000000000000 | out of range for 64 bits",
      "add %r0                   | Invalid number of operands for add: 1 (expected 2)",
      "lock or [%r10-8]          | Invalid number of operands for lock",
      "lock nand [%r10-8], %r1   | invalid atomic operation 'nand'",
      "lock fetch xchg [%r1], %r2 | 'xchg' always fetches",
      "or %r0, %r11              | Invalid register '%r11' (must be %r0..%r10)",
      "ldxb %r0, %r1             | invalid offset: expected a memory operand like [%r1+4]",
      "ldxb %r0, [%r1-0x8001]    | offset -0x8001 out of range (must fit in 16 bits)",
      "ja nowhere                | unknown label 'nowhere'",
      "jeq %r0, 1, +40000        | jump offset 40000 out of range",
      "movsx1664 %r0, 1          | Invalid register '1'",
      "mov %r0, twelve           | invalid number 'twelve'",
      "ldxq %r0, [%r1]           | invalid mnemonic 'ldxq'"})
  void errorsNameTheLineAndTheProblem(String line, String problem) {
    var e = assertThrows(AsmException.class, () -> Assembler.assemble("mov %r0, 0\n" + line));
    assertEquals(2, e.line());
    assertTrue(e.reason().contains(problem.strip()), e.reason());
  }

  @Test
  void duplicateLabelsAndEmptyPrograms() {
    var e = assertThrows(AsmException.class, () -> Assembler.assemble("a:\nexit\na:\nexit\n"));
    assertEquals("line 3: duplicate label 'a'", e.getMessage());
    e = assertThrows(AsmException.class, () -> Assembler.assemble("# nothing\n\n"));
    assertEquals("the program has no instructions", e.reason());
  }
}
