package io.bpf4j.elf;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfExt;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfFile.Section;
import io.bpf4j.elf.ElfFile.Symbol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads eBPF ELF objects ({@code clang -target bpf} output, either byte order) into
 * {@link ObjectSpec}s. Pure: it reads bytes and makes no system call; every malformed input
 * gives one {@link ObjectFormatException} naming the file and the place.
 */
public final class ObjectReader {
  private ObjectReader() {}

  /** Largest object file accepted. */
  public static final long MAX_SIZE = 1L << 30;

  /** Reads an object file. */
  public static ObjectSpec read(Path file) throws IOException, ObjectFormatException {
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      throw new ObjectFormatException(file.toString(), "file is " + size + " bytes, more than " + MAX_SIZE);
    }
    return read(file.toString(), Files.readAllBytes(file));
  }

  /**
   * Reads an object from its bytes; {@code fileName} names it in messages and gives the
   * object's name (the base name up to the first dot, as libbpf takes it).
   */
  public static ObjectSpec read(String fileName, byte[] bytes) throws ObjectFormatException {
    ElfFile elf = ElfFile.parse(fileName, bytes.clone());
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    int dot = base.indexOf('.');
    String name = dot > 0 ? base.substring(0, dot) : base;

    Btf btf = null;
    BtfExt ext = BtfExt.empty();
    Section btfSec = elf.section(".BTF");
    if (btfSec != null && btfSec.hasData()) {
      try {
        btf = Btf.parse(elf.bytes(btfSec));
      } catch (BtfFormatException e) {
        throw elf.error("section '.BTF': " + e.getMessage());
      }
      Section extSec = elf.section(".BTF.ext");
      if (extSec != null && extSec.hasData()) {
        try {
          ext = BtfExt.parse(elf.bytes(extSec), btf);
        } catch (BtfFormatException e) {
          throw elf.error("section '.BTF.ext': " + e.getMessage());
        }
      }
    }
    String license = "";
    Section lic = elf.section("license");
    if (lic != null && lic.hasData()) {
      byte[] l = elf.bytes(lic);
      int n = 0;
      while (n < l.length && l[n] != 0) {
        n++;
      }
      license = new String(l, 0, n, StandardCharsets.UTF_8);
    }
    int version = 0;
    Section ver = elf.section("version");
    if (ver != null && ver.hasData()) {
      if (ver.size() != 4) {
        throw elf.error("section 'version': " + ver.size() + " bytes, want 4");
      }
      version = ByteBuffer.wrap(elf.bytes(ver)).order(elf.order).getInt();
    }

    MapCollector maps = new MapCollector(elf, btf, name);
    maps.collect();
    List<Extern> externs = externs(elf, btf);
    int kcfgSize = 0;
    for (Extern e : externs) {
      if (e.kind() == Extern.Kind.KCONFIG) {
        kcfgSize = Math.max(kcfgSize, e.offset() + e.size());
      }
    }
    int kcfgMap = maps.kconfigMap(kcfgSize, btf == null ? -1 : btf.find(BtfKind.DATASEC, ".kconfig"));
    Map<String, Extern> byName = new LinkedHashMap<>();
    for (Extern e : externs) {
      byName.put(e.name(), e);
    }
    List<ProgramSpec> programs = new ProgramLinker(elf, maps, byName, kcfgMap, ext, license).link();
    return new ObjectSpec(name, programs, maps.maps, maps.variables, externs, license, version, btf, elf.order);
  }

  /**
   * Reads BTF from a file: raw BTF ({@code /sys/kernel/btf/vmlinux}, {@code bpftool btf dump}
   * input) or an ELF file's {@code .BTF} section.
   */
  public static Btf readBtf(Path file) throws IOException, ObjectFormatException {
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      throw new ObjectFormatException(file.toString(), "file is " + size + " bytes, more than " + MAX_SIZE);
    }
    byte[] d = Files.readAllBytes(file);
    try {
      if (d.length >= 4 && d[0] == 0x7f && d[1] == 'E' && d[2] == 'L' && d[3] == 'F') {
        ElfFile elf = ElfFile.parse(file.toString(), d);
        Section s = elf.section(".BTF");
        if (s == null || !s.hasData()) {
          throw elf.error("no .BTF section");
        }
        return Btf.parse(elf.bytes(s));
      }
      return Btf.parse(d);
    } catch (BtfFormatException e) {
      throw new ObjectFormatException(file.toString(), "BTF: " + e.getMessage());
    }
  }

  /**
   * The executable sections of an object as the file holds them (unlinked, unrelocated), for
   * disassembly; instructions are decoded without validation.
   */
  public static List<CodeSection> codeSections(String fileName, byte[] bytes) throws ObjectFormatException {
    ElfFile elf = ElfFile.parse(fileName, bytes.clone());
    List<CodeSection> out = new ArrayList<>();
    for (Section s : elf.sections) {
      if (s.type() != ElfFile.SHT_PROGBITS || (s.flags() & ElfFile.SHF_EXECINSTR) == 0 || s.size() == 0) {
        continue;
      }
      if (s.size() % 8 != 0) {
        throw elf.error("section '" + s.name() + "': code size " + s.size() + " is not a multiple of 8");
      }
      List<io.bpf4j.isa.Insn> insns;
      try {
        insns = io.bpf4j.isa.InsnCodec.decode(elf.bytes(s), elf.order, false);
      } catch (io.bpf4j.isa.InvalidInsnException e) {
        throw elf.error("section '" + s.name() + "', " + e.getMessage());
      }
      long[] slotOf = new long[insns.size() + 1];
      for (int i = 0; i < insns.size(); i++) {
        slotOf[i + 1] = slotOf[i] + insns.get(i).slots();
      }
      java.util.TreeMap<Long, String> labels = new java.util.TreeMap<>();
      java.util.TreeMap<Long, String> funcs = new java.util.TreeMap<>();
      for (Symbol y : elf.symbols) {
        if (y.shndx() == s.index() && y.type() != ElfFile.STT_SECTION && !y.name().isEmpty()
            && y.value() % 8 == 0 && y.value() < s.size()) {
          labels.putIfAbsent(y.value() / 8, y.name());
          if (y.type() == ElfFile.STT_FUNC) {
            funcs.put(y.value() / 8, y.name());
          }
        }
      }
      if (funcs.isEmpty() || funcs.firstKey() != 0) {
        funcs.put(0L, labels.getOrDefault(0L, s.name()));
      }
      List<CodeSection.Function> fs = new ArrayList<>();
      for (var e : funcs.entrySet()) {
        Long next = funcs.higherKey(e.getKey());
        long end = next == null ? slotOf[insns.size()] : next;
        List<io.bpf4j.isa.Insn> body = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
          if (slotOf[i] >= e.getKey() && slotOf[i] < end) {
            body.add(insns.get(i));
          }
        }
        fs.add(new CodeSection.Function(e.getValue(), e.getKey(), body));
      }
      out.add(new CodeSection(s.name(), fs, labels, elf.order));
    }
    return out;
  }

  private record Found(BtfType.VarSecinfo vs, String sec) {}

  private static List<Extern> externs(ElfFile elf, Btf btf) throws ObjectFormatException {
    Map<String, Found> inSecs = new LinkedHashMap<>();
    if (btf != null) {
      for (String sec : List.of(".kconfig", ".ksyms")) {
        int ds = btf.find(BtfKind.DATASEC, sec);
        if (ds >= 0) {
          for (BtfType.VarSecinfo vs : ((BtfType.Datasec) btf.type(ds)).vars()) {
            inSecs.put(btf.type(vs.type()).name(), new Found(vs, sec));
          }
        }
      }
    }
    List<Extern> kcfg = new ArrayList<>();
    List<Extern> ksym = new ArrayList<>();
    for (Symbol y : elf.symbols) {
      if (y.shndx() != ElfFile.SHN_UNDEF || y.name().isEmpty() || y.bind() == ElfFile.STB_LOCAL) {
        continue;
      }
      Found f = inSecs.get(y.name());
      if (f == null) {
        continue; // reported where an instruction uses it
      }
      boolean weak = y.bind() == ElfFile.STB_WEAK;
      int type = f.vs().type();
      if (f.sec().equals(".kconfig")) {
        kcfg.add(new Extern(y.name(), Extern.Kind.KCONFIG, type, weak, btf.alignOf(type), (int) btf.sizeOf(type)));
      } else {
        boolean func = btf.type(type) instanceof BtfType.Func;
        ksym.add(new Extern(y.name(), func ? Extern.Kind.KSYM_FUNC : Extern.Kind.KSYM_VAR, type, weak, 0, 0));
      }
    }
    // libbpf's order: kconfig by alignment (descending), size (ascending), name; offsets in that order
    kcfg.sort(Comparator.comparingInt((Extern e) -> -e.offset()).thenComparingInt(Extern::size)
        .thenComparing(Extern::name));
    List<Extern> out = new ArrayList<>();
    int off = 0;
    for (Extern e : kcfg) {
      int align = Math.max(1, e.offset());
      off = (off + align - 1) / align * align;
      out.add(new Extern(e.name(), e.kind(), e.typeId(), e.weak(), off, e.size()));
      off += e.size();
    }
    ksym.sort(Comparator.comparing(Extern::name));
    out.addAll(ksym);
    return out;
  }
}
