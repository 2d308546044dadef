package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsnCodecTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void decodesAndEncodesLittleEndian() throws Exception {
    // mov32 r0, 0; add r0, 1; exit
    byte[] code = hex("b400000000000000 0700000001000000 9500000000000000");
    List<Insn> insns = InsnCodec.decode(code);
    assertEquals(3, insns.size());
    assertEquals(new Insn(ALU64 | ADD | K, 0, 0, 0, 1), insns.get(1));
    assertArrayEquals(code, InsnCodec.encode(insns));
  }

  @Test
  void lddwHoldsSixtyFourBits() throws Exception {
    byte[] code = hex("1801000011223344 0000000055667788 9500000000000000");
    List<Insn> insns = InsnCodec.decode(code);
    assertEquals(0x8877665544332211L, insns.get(0).imm());
    assertEquals(2, insns.get(0).slots());
    assertArrayEquals(code, InsnCodec.encode(insns));
  }

  @Test
  void bigEndianSwapsRegisterNibbles() throws Exception {
    byte[] be = hex("bf12000000000000");
    Insn in = InsnCodec.decode(be, ByteOrder.BIG_ENDIAN, true).getFirst();
    assertEquals(1, in.dst());
    assertEquals(2, in.src());
    assertArrayEquals(be, InsnCodec.encode(List.of(in), ByteOrder.BIG_ENDIAN));
  }

  @Test
  void rejectsWithSlotAndReason() {
    var e = assertThrows(InvalidInsnException.class,
        () -> InsnCodec.decode(hex("b700000000000000 ff00000000000000")));
    assertEquals(1, e.slot());
    assertEquals("unknown opcode 0xff", e.reason());
    e = assertThrows(InvalidInsnException.class, () -> InsnCodec.decode(hex("1800000000000000")));
    assertTrue(e.reason().contains("lddw"), e.reason());
    e = assertThrows(InvalidInsnException.class, () -> InsnCodec.decode(hex("b70b000000000000")));
    assertEquals("invalid destination register r11", e.reason());
    e = assertThrows(InvalidInsnException.class, () -> InsnCodec.decode(hex("0700010001000000")));
    assertTrue(e.reason().contains("offset 1"), e.reason());
  }
}
