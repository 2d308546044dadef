package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** assemble(disassemble(x)) == x for the ubpf syntax. */
class DisassemblerRoundTripTest {

  /** One valid instruction of every opcode with typical fields. */
  static List<Insn> everyForm() {
    List<Insn> out = new ArrayList<>();
    for (int op = 0; op < 256; op++) {
      for (Insn in : candidates(op)) {
        if (InsnCodec.problem(in) == null) {
          out.add(in);
        }
      }
    }
    return out;
  }

  private static List<Insn> candidates(int op) {
    List<Insn> c = new ArrayList<>();
    int[] offs = {0, 1, 8, 16, 32, -8, 3};
    long[] imms = {0, -7, 42, 16, 32, 64, 0x7fffffff, Integer.MIN_VALUE, ADD, ADD | FETCH, OR,
        AND | FETCH, XOR, XCHG, CMPXCHG, 5};
    for (int off : offs) {
      for (long imm : imms) {
        c.add(new Insn(op, op == (JMP | EXIT) || (op & 0xf7) == JMP ? 0 : 3, (op & X) != 0
            || (op & 7) == LDX || (op & 7) == STX ? 4 : 0, off, imm));
      }
    }
    if (op == (JMP | CALL)) {
      c.add(new Insn(op, 0, CALL_LOCAL, 0, -3));
      c.add(new Insn(op, 0, CALL_KFUNC, 0, 77));
    }
    if (op == LDDW) {
      for (int s = 0; s <= 6; s++) {
        c.add(new Insn(op, 1, s, 0, 0x1122334455667788L));
        c.add(new Insn(op, 1, s, 0, -1L));
      }
    }
    if (op == (JMP | CALL | X)) {
      c.add(new Insn(op, 2, 0, 0, 0));
    }
    return c;
  }

  @Test
  void everyFormRoundTrips() throws Exception {
    List<Insn> forms = everyForm();
    assertTrue(forms.size() > 300, "forms: " + forms.size());
    for (Insn in : forms) {
      String text = Disassembler.ubpf().format(in);
      assertEquals(List.of(in), Assembler.assemble(text), text);
      assertNotEquals("<unknown>", Disassembler.llvm().format(in), text);
    }
  }

  @Provide
  Arbitrary<Insn> validInsns() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 10),
            Arbitraries.integers().between(0, 10), Arbitraries.of(0, 1, 8, 16, 32, -1, 77),
            Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE))
        .as((op, d, s, off, imm) -> new Insn(op, d, s, off, imm))
        .filter(in -> InsnCodec.problem(in) == null);
  }

  @Property(tries = 500)
  void randomValidInstructionsRoundTrip(@ForAll("validInsns") Insn in) throws Exception {
    assertEquals(List.of(in), Assembler.assemble(Disassembler.ubpf().format(in)));
  }

  @Test
  void functionReferencesAndCallsGetLabels() throws Exception {
    List<Insn> p = new Asm()
        .ldFunc(Reg.R1, "f").callLocal("f").ja("end").mov(Reg.R0, 1)
        .label("end").exit()
        .label("f").mov(Reg.R0, 2).exit()
        .build();
    String text = Disassembler.ubpf().program(p);
    assertEquals("""
        lddw %r1, func L6
        call local L6
        ja L5
        mov %r0, 1
        L5:
        exit
        L6:
        mov %r0, 2
        exit
        """, text);
    assertEquals(p, Assembler.assemble(text));
  }

  @TestFactory
  Stream<DynamicTest> conformanceProgramsRoundTripWithLabels() throws Exception {
    return ConformanceFiles.files("tests").stream().map((Path f) -> DynamicTest.dynamicTest(
        f.getFileName().toString(), () -> {
          List<Insn> p = DataFile.read(f).program();
          String text = Disassembler.ubpf().program(p);
          assertEquals(p, Assembler.assemble(text), text);
        }));
  }
}
