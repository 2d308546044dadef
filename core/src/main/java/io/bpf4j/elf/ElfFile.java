package io.bpf4j.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An ELF64 relocatable object (either byte order): section headers, symbols and string
 * tables, every offset checked against the file before use. Package-private; the public view
 * is {@link ObjectSpec}.
 */
final class ElfFile {
  static final int EM_BPF = 247;
  static final int SHT_PROGBITS = 1;
  static final int SHT_SYMTAB = 2;
  static final int SHT_STRTAB = 3;
  static final int SHT_RELA = 4;
  static final int SHT_NOBITS = 8;
  static final int SHT_REL = 9;
  static final long SHF_ALLOC = 0x2;
  static final long SHF_EXECINSTR = 0x4;
  static final int STT_NOTYPE = 0;
  static final int STT_OBJECT = 1;
  static final int STT_FUNC = 2;
  static final int STT_SECTION = 3;
  static final int STB_LOCAL = 0;
  static final int STB_GLOBAL = 1;
  static final int STB_WEAK = 2;
  static final int SHN_UNDEF = 0;
  static final int SHN_ABS = 0xfff1;
  static final int SHN_COMMON = 0xfff2;

  /** A section header and its resolved name. */
  record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
      long entsize) {
    boolean hasData() {
      return type != SHT_NOBITS && type != 0;
    }
  }

  /** A symbol table entry. */
  record Symbol(int index, String name, int type, int bind, int shndx, long value, long size) {}

  /** A REL entry: at {@code offset} of the target section, refer to symbol {@code sym}. */
  record Rel(long offset, int sym, int type) {}

  final String file;
  final byte[] data;
  final ByteOrder order;
  final ByteBuffer buf;
  final List<Section> sections;
  final List<Symbol> symbols;

  private ElfFile(String file, byte[] data, ByteOrder order, List<Section> sections, List<Symbol> symbols) {
    this.file = file;
    this.data = data;
    this.order = order;
    this.buf = ByteBuffer.wrap(data).order(order);
    this.sections = sections;
    this.symbols = symbols;
  }

  ObjectFormatException error(String msg) {
    return new ObjectFormatException(file, msg);
  }

  static ElfFile parse(String file, byte[] d) throws ObjectFormatException {
    if (d.length < 64) {
      throw new ObjectFormatException(file, "not an ELF object: " + d.length + " bytes, shorter than an ELF64 header (64)");
    }
    if (d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F') {
      throw new ObjectFormatException(file, "not an ELF object (bad magic at offset 0)");
    }
    if (d[4] != 2) {
      throw new ObjectFormatException(file, "ELF class " + d[4] + " at offset 4: only ELF64 (2) holds BPF code");
    }
    ByteOrder order = switch (d[5]) {
      case 1 -> ByteOrder.LITTLE_ENDIAN;
      case 2 -> ByteOrder.BIG_ENDIAN;
      default -> throw new ObjectFormatException(file, "ELF data encoding " + d[5] + " at offset 5 (want 1 or 2)");
    };
    ByteBuffer b = ByteBuffer.wrap(d).order(order);
    int machine = b.getShort(18) & 0xffff;
    if (machine != EM_BPF) {
      throw new ObjectFormatException(file, "ELF machine " + machine + " at offset 18 is not BPF (247)");
    }
    long shoff = b.getLong(40);
    int shentsize = b.getShort(58) & 0xffff;
    int shnum = b.getShort(60) & 0xffff;
    int shstrndx = b.getShort(62) & 0xffff;
    if (shnum == 0) {
      throw new ObjectFormatException(file, "ELF header: no section headers");
    }
    if (shentsize != 64) {
      throw new ObjectFormatException(file, "ELF header: section header size " + shentsize + " (want 64)");
    }
    if (shoff < 64 || shoff > d.length || (long) shnum * 64 > d.length - shoff) {
      throw new ObjectFormatException(file, "ELF header: " + shnum + " section headers at offset " + shoff
          + " do not fit in the file (" + d.length + " bytes)");
    }
    if (shstrndx >= shnum) {
      throw new ObjectFormatException(file, "ELF header: section name table index " + shstrndx + " >= " + shnum);
    }
    List<Section> secs = new ArrayList<>(shnum);
    int[] nameOffs = new int[shnum];
    for (int i = 0; i < shnum; i++) {
      int p = (int) (shoff + 64L * i);
      nameOffs[i] = b.getInt(p);
      int type = b.getInt(p + 4);
      long flags = b.getLong(p + 8);
      long off = b.getLong(p + 24);
      long size = b.getLong(p + 32);
      int link = b.getInt(p + 40);
      int info = b.getInt(p + 44);
      long entsize = b.getLong(p + 56);
      if (type != SHT_NOBITS && type != 0 && (off < 0 || size < 0 || off > d.length || size > d.length - off)) {
        throw new ObjectFormatException(file, "section " + i + ": data at offset " + Long.toUnsignedString(off)
            + " size " + Long.toUnsignedString(size) + " lies outside the file (" + d.length + " bytes)");
      }
      secs.add(new Section(i, null, type, flags, off, size, link, info, entsize));
    }
    Section shstr = secs.get(shstrndx);
    if (shstr.type() != SHT_STRTAB) {
      throw new ObjectFormatException(file, "section " + shstrndx + " (section names) is not a string table");
    }
    List<Section> named = new ArrayList<>(shnum);
    for (Section s : secs) {
      String name = s.index() == 0 ? "" : str(file, d, shstr, nameOffs[s.index()], "name of section " + s.index());
      named.add(new Section(s.index(), name, s.type(), s.flags(), s.offset(), s.size(), s.link(), s.info(), s.entsize()));
    }
    checkOverlaps(file, named);
    ElfFile elf = new ElfFile(file, d, order, List.copyOf(named), List.of());
    return new ElfFile(file, d, order, elf.sections, elf.readSymbols());
  }

  private static void checkOverlaps(String file, List<Section> secs) throws ObjectFormatException {
    Section[] withData = secs.stream().filter(s -> s.hasData() && s.size() > 0).toArray(Section[]::new);
    Arrays.sort(withData, Comparator.comparingLong(Section::offset));
    for (int i = 1; i < withData.length; i++) {
      Section a = withData[i - 1];
      Section c = withData[i];
      if (a.offset() + a.size() > c.offset()) {
        throw new ObjectFormatException(file, "section '" + a.name() + "' (offset " + a.offset() + ", size "
            + a.size() + ") overlaps section '" + c.name() + "' at offset " + c.offset());
      }
    }
  }

  private List<Symbol> readSymbols() throws ObjectFormatException {
    Section symtab = null;
    for (Section s : sections) {
      if (s.type() == SHT_SYMTAB) {
        if (symtab != null) {
          throw error("more than one symbol table (sections '" + symtab.name() + "' and '" + s.name() + "')");
        }
        symtab = s;
      }
    }
    if (symtab == null) {
      return List.of();
    }
    if (symtab.size() % 24 != 0) {
      throw error("section '" + symtab.name() + "': size " + symtab.size() + " is not a multiple of 24");
    }
    Section strtab = section(symtab.link(), "string table of '" + symtab.name() + "'");
    if (strtab.type() != SHT_STRTAB) {
      throw error("section '" + symtab.name() + "' links to section " + symtab.link() + ", not a string table");
    }
    int n = (int) (symtab.size() / 24);
    List<Symbol> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int p = (int) (symtab.offset() + 24L * i);
      int nameOff = buf.getInt(p);
      int info = data[p + 4] & 0xff;
      int shndx = buf.getShort(p + 6) & 0xffff;
      long value = buf.getLong(p + 8);
      long size = buf.getLong(p + 16);
      String name = str(file, data, strtab, nameOff, "name of symbol " + i + " in '" + symtab.name() + "'");
      int type = info & 0xf;
      if (type == STT_SECTION && shndx < sections.size()) {
        name = sections.get(shndx).name();
      }
      if (shndx != SHN_UNDEF && shndx < 0xff00 && shndx >= sections.size()) {
        throw error("symbol " + i + " '" + name + "': section index " + shndx + " >= " + sections.size());
      }
      out.add(new Symbol(i, name, type, info >>> 4, shndx, value, size));
    }
    return List.copyOf(out);
  }

  Section section(int index, String what) throws ObjectFormatException {
    if (index <= 0 || index >= sections.size()) {
      throw error(what + ": section index " + index + " out of range (1.." + (sections.size() - 1) + ")");
    }
    return sections.get(index);
  }

  Section section(String name) {
    for (Section s : sections) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The bytes of a section (zeros for NOBITS, bounded by the file size). */
  byte[] bytes(Section s) throws ObjectFormatException {
    if (s.type() == SHT_NOBITS) {
      if (s.size() > Integer.MAX_VALUE - 8 || s.size() > 64L * data.length + (1 << 20)) {
        throw error("section '" + s.name() + "': size " + s.size() + " is too large for a BSS section");
      }
      return new byte[(int) s.size()];
    }
    return Arrays.copyOfRange(data, (int) s.offset(), (int) (s.offset() + s.size()));
  }

  /** The REL entries of relocation section {@code rel}. */
  List<Rel> rels(Section rel) throws ObjectFormatException {
    if (rel.type() == SHT_RELA) {
      throw error("section '" + rel.name() + "': RELA relocations are not used by BPF objects");
    }
    if (rel.size() % 16 != 0) {
      throw error("section '" + rel.name() + "': size " + rel.size() + " is not a multiple of 16");
    }
    int n = (int) (rel.size() / 16);
    List<Rel> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int p = (int) (rel.offset() + 16L * i);
      long off = buf.getLong(p);
      long info = buf.getLong(p + 8);
      long sym = info >>> 32;
      if (sym >= symbols.size()) {
        throw error("section '" + rel.name() + "', relocation " + i + ": symbol index " + sym
            + " >= " + symbols.size() + " symbols");
      }
      out.add(new Rel(off, (int) sym, (int) info));
    }
    return out;
  }

  private static String str(String file, byte[] d, Section strtab, int off, String what)
      throws ObjectFormatException {
    String table = strtab.name() == null ? "the section name table" : "'" + strtab.name() + "'";
    long o = Integer.toUnsignedLong(off);
    if (o >= strtab.size()) {
      if (o == 0) {
        return "";
      }
      throw new ObjectFormatException(file, what + ": string offset " + o + " outside " + table
          + " (" + strtab.size() + " bytes)");
    }
    int start = (int) (strtab.offset() + o);
    int end = (int) (strtab.offset() + strtab.size());
    int e = start;
    while (e < end && d[e] != 0) {
      e++;
    }
    if (e == end) {
      throw new ObjectFormatException(file, what + ": string at offset " + o + " of " + table
          + " is not terminated");
    }
    return new String(d, start, e - start, StandardCharsets.UTF_8);
  }
}
