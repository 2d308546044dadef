package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.isa.Reg.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsmTest {

  @Test
  void buildsWhatTheAssemblerAssembles() throws Exception {
    List<Insn> built = new Asm()
        .mov(R0, 0).add(R1, 22).jgt(R1, 4, "out").ldxw(R0, R1, 4)
        .label("out")
        .mov32(R2, -1).sdiv(R2, R3).smod32(R2, 7).neg(R2).movsx(R3, R2, 8).movsx32(R3, R2, 16)
        .be(R3, 16).le(R3, 64).bswap(R3, 32)
        .ldxsb(R4, R10, -1).stxdw(R10, -8, R4).stw(R10, -16, 99).sth(R10, -2, 3)
        .lockAdd(R10, -8, R1).fetchAdd32(R10, -16, R1).xchg(R10, -8, R2).cmpxchg32(R10, -16, R3)
        .atomic(DW, OR | FETCH, R10, -8, R5)
        .lddw(R6, 0x1122334455667788L)
        .jeq(R6, R7, "end").jmp32(JSLT, R6, -3, "end").jset(R6, 8, "end")
        .callLocal("f").call(5).callx(R2).gotol("end")
        .label("end").exit()
        .label("f").mov(R0, 1).exit()
        .build();
    List<Insn> asm = Assembler.assemble("""
        mov %r0, 0
        add %r1, 22
        jgt %r1, 4, out
        ldxw %r0, [%r1+4]
        out:
        mov32 %r2, -1
        sdiv %r2, %r3
        smod32 %r2, 7
        neg %r2
        movsx864 %r3, %r2
        movsx1632 %r3, %r2
        be16 %r3
        le64 %r3
        bswap32 %r3
        ldxsb %r4, [%r10-1]
        stxdw [%r10-8], %r4
        stw [%r10-16], 99
        sth [%r10-2], 3
        lock add [%r10-8], %r1
        lock fetch add32 [%r10-16], %r1
        lock xchg [%r10-8], %r2
        lock cmpxchg32 [%r10-16], %r3
        lock fetch or [%r10-8], %r5
        lddw %r6, 0x1122334455667788
        jeq %r6, %r7, end
        jslt32 %r6, -3, end
        jset %r6, 8, end
        call local f
        call 5
        call %r2
        gotol end
        end:
        exit
        f:
        mov %r0, 1
        exit
        """);
    assertEquals(asm, built);
  }

  @Test
  void lddwVariantsCarryTheirSource() {
    List<Insn> p = new Asm()
        .ldMapFd(R1, 7).ldMapValue(R2, 7, 16).ldBtfId(R3, 99).ldMapIdx(R4, 2)
        .ldMapIdxValue(R5, 3, 8).ldFunc(R6, "g").exit()
        .label("g").exit()
        .build();
    assertEquals(new Insn(LDDW, 1, PSEUDO_MAP_FD, 0, 7), p.get(0));
    assertEquals(new Insn(LDDW, 2, PSEUDO_MAP_VALUE, 0, (16L << 32) | 7), p.get(1));
    assertEquals(new Insn(LDDW, 3, PSEUDO_BTF_ID, 0, 99), p.get(2));
    assertEquals(new Insn(LDDW, 4, PSEUDO_MAP_IDX, 0, 2), p.get(3));
    assertEquals(new Insn(LDDW, 5, PSEUDO_MAP_IDX_VALUE, 0, (8L << 32) | 3), p.get(4));
    // ldFunc at slot 10, g at slot 13 (each lddw is two slots); like a call, the kernel
    // finds the function at slot + imm + 1, so imm = 2
    assertEquals(new Insn(LDDW, 6, PSEUDO_FUNC, 0, 2), p.get(5));
    for (Insn in : p) {
      assertNull(InsnCodec.problem(in), in.toString());
    }
  }

  @Test
  void jumpOffsetsCountSlots() {
    List<Insn> p = new Asm().ja("x").lddw(R1, 1).label("x").exit().build();
    assertEquals(2, p.get(0).offset());
    assertEquals("goto +0x2", p.get(0).toString());
  }

  @Test
  void labelErrorsNameTheLabel() {
    var e = assertThrows(IllegalStateException.class, () -> new Asm().ja("nowhere").exit().build());
    assertEquals("unknown label 'nowhere' in instruction 0", e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> new Asm().label("a").exit().label("a").exit().build());
    assertEquals("duplicate label 'a'", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> new Asm().ja("end").label("end").build());
    assertTrue(e.getMessage().contains("not followed by an instruction"), e.getMessage());
    Asm far = new Asm().ja("far");
    for (int i = 0; i < 40_000; i++) {
      far.mov(R0, i);
    }
    e = assertThrows(IllegalStateException.class, () -> far.label("far").exit().build());
    assertTrue(e.getMessage().contains("too far"), e.getMessage());
  }
}
