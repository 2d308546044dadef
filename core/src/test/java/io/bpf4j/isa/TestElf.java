package io.bpf4j.isa;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of 64-bit little-endian ELF relocatable objects for the disassembler test:
 * sections (name, flags, bytes) and symbols. Test-only; the real loader is elsewhere.
 */
final class TestElf {
  record Section(int index, String name, long flags, byte[] data) {
    boolean executable() {
      return (flags & 0x4) != 0 && data.length > 0;
    }
  }

  /** A symbol: {@code type} 0 NOTYPE, 1 OBJECT, 2 FUNC, 3 SECTION, 4 FILE. */
  record Symbol(String name, int type, int section, long value, long size) {}

  final List<Section> sections = new ArrayList<>();
  final List<Symbol> symbols = new ArrayList<>();

  TestElf(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x464c457f || file[4] != 2 || file[5] != 1) {
      throw new IllegalArgumentException("not a 64-bit little-endian ELF file");
    }
    long shoff = b.getLong(0x28);
    int shentsize = b.getShort(0x3a) & 0xffff;
    int shnum = b.getShort(0x3c) & 0xffff;
    int shstrndx = b.getShort(0x3e) & 0xffff;
    long[][] hdr = new long[shnum][];
    for (int i = 0; i < shnum; i++) {
      int h = (int) (shoff + (long) i * shentsize);
      hdr[i] = new long[] {b.getInt(h) & 0xffffffffL, b.getInt(h + 4), b.getLong(h + 8),
          b.getLong(h + 0x18), b.getLong(h + 0x20), b.getInt(h + 0x28)};
    }
    byte[] shstr = bytes(file, hdr[shstrndx]);
    for (int i = 0; i < shnum; i++) {
      byte[] data = hdr[i][1] == 8 ? new byte[0] : bytes(file, hdr[i]); // SHT_NOBITS
      sections.add(new Section(i, str(shstr, (int) hdr[i][0]), hdr[i][2], data));
      if (hdr[i][1] == 2) { // SHT_SYMTAB
        byte[] strtab = bytes(file, hdr[(int) hdr[i][5]]);
        ByteBuffer s = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 24; off + 24 <= data.length; off += 24) {
          symbols.add(new Symbol(str(strtab, s.getInt(off)), s.get(off + 4) & 0xf,
              s.getShort(off + 6) & 0xffff, s.getLong(off + 8), s.getLong(off + 16)));
        }
      }
    }
  }

  private static byte[] bytes(byte[] file, long[] h) {
    return Arrays.copyOfRange(file, (int) h[3], (int) (h[3] + h[4]));
  }

  private static String str(byte[] tab, int off) {
    int end = off;
    while (end < tab.length && tab[end] != 0) {
      end++;
    }
    return new String(tab, off, end - off, StandardCharsets.UTF_8);
  }
}
