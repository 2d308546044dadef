package io.bpf4j.elf;

import io.bpf4j.btf.BtfExt;
import io.bpf4j.btf.CoreRelo;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.ElfFile.Rel;
import io.bpf4j.elf.ElfFile.Section;
import io.bpf4j.elf.ElfFile.Symbol;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import io.bpf4j.isa.Opcodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the code sections into linked {@link ProgramSpec}s the way libbpf does: one program
 * per global function of a non-{@code .text} code section; subprograms from {@code .text}
 * appended once per caller, depth first in call order; calls and function addresses fixed
 * up; map, global-data and extern references recorded.
 */
final class ProgramLinker {
  /** A function symbol's range of slots in its section. */
  record Func(String name, CodeSec sec, int start, int end, boolean global) {}

  /** A decoded code section: the instruction starting at each slot (null for lddw's second). */
  static final class CodeSec {
    final Section section;
    final Insn[] slots;
    final List<Func> funcs = new ArrayList<>();
    final Map<Integer, Target> relocs = new HashMap<>();

    CodeSec(Section section, Insn[] slots) {
      this.section = section;
      this.slots = slots;
    }
  }

  /** What a relocated instruction refers to. */
  sealed interface Target {}

  record ToMap(int map) implements Target {}

  record ToData(int map, long offset) implements Target {}

  record ToText(long slot, boolean call) implements Target {}

  record ToExtern(Extern ext) implements Target {}

  record Undefined(String name) implements Target {}

  private final ElfFile elf;
  private final MapCollector maps;
  private final Map<String, Extern> externs;
  private final int kconfigMap;
  private final BtfExt ext;
  private final String license;
  private final List<CodeSec> codes = new ArrayList<>();
  private final Map<String, List<FuncInfo>> funcInfos;
  private final Map<String, List<LineInfo>> lineInfos;
  private final Map<String, List<CoreRelo>> coreRelos;
  private CodeSec text;

  ProgramLinker(ElfFile elf, MapCollector maps, Map<String, Extern> externs, int kconfigMap, BtfExt ext,
      String license) {
    this.elf = elf;
    this.maps = maps;
    this.externs = externs;
    this.kconfigMap = kconfigMap;
    this.ext = ext;
    this.license = license;
    this.funcInfos = sorted(ext.funcInfos(), FuncInfo::slot);
    this.lineInfos = sorted(ext.lineInfos(), LineInfo::slot);
    this.coreRelos = sorted(ext.coreRelos(), CoreRelo::slot);
  }

  private static <T> Map<String, List<T>> sorted(Map<String, List<T>> in, java.util.function.ToIntFunction<T> slot) {
    Map<String, List<T>> out = new HashMap<>();
    for (var e : in.entrySet()) {
      List<T> l = new ArrayList<>(e.getValue());
      l.sort(java.util.Comparator.comparingInt(slot));
      out.put(e.getKey(), l);
    }
    return out;
  }

  /** The records of {@code sec} whose slot lies in the function, by binary search. */
  private static <T> List<T> range(Map<String, List<T>> by, String sec, java.util.function.ToIntFunction<T> slot, Func f) {
    List<T> l = by.get(sec);
    if (l == null) {
      return List.of();
    }
    int lo = 0;
    int hi = l.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (slot.applyAsInt(l.get(mid)) < f.start()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < l.size() && slot.applyAsInt(l.get(end)) < f.end()) {
      end++;
    }
    return l.subList(lo, end);
  }

  List<ProgramSpec> link() throws ObjectFormatException {
    for (Section s : elf.sections) {
      if (s.type() == ElfFile.SHT_PROGBITS && (s.flags() & ElfFile.SHF_EXECINSTR) != 0 && s.size() > 0) {
        CodeSec c = decode(s);
        codes.add(c);
        if (s.name().equals(".text")) {
          text = c;
        }
      }
    }
    for (CodeSec c : codes) {
      functions(c);
      relocations(c);
    }
    List<ProgramSpec> out = new ArrayList<>();
    for (CodeSec c : codes) {
      if (c == text) {
        continue;
      }
      for (Func f : c.funcs) {
        if (!f.global()) {
          throw elf.error("section '" + c.section.name() + "': program '" + f.name()
              + "' is static; programs must be global functions (libbpf refuses static ones)");
        }
        out.add(new Linking(f).run());
      }
    }
    return out;
  }

  private CodeSec decode(Section s) throws ObjectFormatException {
    if (s.size() % 8 != 0) {
      throw elf.error("section '" + s.name() + "': code size " + s.size() + " is not a multiple of 8");
    }
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(elf.bytes(s), elf.order, false);
    } catch (InvalidInsnException e) {
      throw elf.error("section '" + s.name() + "', " + e.getMessage());
    }
    Insn[] slots = new Insn[(int) (s.size() / 8)];
    int i = 0;
    for (Insn in : insns) {
      slots[i] = in;
      i += in.slots();
    }
    return new CodeSec(s, slots);
  }

  private void functions(CodeSec c) throws ObjectFormatException {
    List<Symbol> syms = new ArrayList<>();
    for (Symbol y : elf.symbols) {
      if (y.shndx() == c.section.index() && y.type() == ElfFile.STT_FUNC) {
        if (y.value() % 8 != 0 || y.value() < 0 || y.value() >= c.section.size()
            || Long.compareUnsigned(y.size(), c.section.size() - y.value()) > 0) {
          throw elf.error("section '" + c.section.name() + "': function '" + y.name() + "' at offset "
              + Long.toUnsignedString(y.value()) + " size " + Long.toUnsignedString(y.size())
              + " lies outside the section (" + c.section.size() + " bytes)");
        }
        syms.add(y);
      }
    }
    syms.sort((a, b) -> Long.compare(a.value(), b.value()));
    for (int i = 0; i < syms.size(); i++) {
      Symbol y = syms.get(i);
      int start = (int) (y.value() / 8);
      long next = i + 1 < syms.size() ? syms.get(i + 1).value() / 8 : c.slots.length;
      int end = y.size() > 0 ? (int) Math.min(start + y.size() / 8, next) : (int) next;
      if (end <= start) {
        throw elf.error("section '" + c.section.name() + "': function '" + y.name() + "' overlaps the next one");
      }
      if (c.slots[start] == null) {
        throw elf.error("section '" + c.section.name() + "': function '" + y.name() + "' starts inside an lddw");
      }
      c.funcs.add(new Func(y.name(), c, start, end, y.bind() != ElfFile.STB_LOCAL));
    }
  }

  private void relocations(CodeSec c) throws ObjectFormatException {
    String sec = c.section.name();
    for (Section r : elf.sections) {
      if ((r.type() != ElfFile.SHT_REL && r.type() != ElfFile.SHT_RELA) || r.info() != c.section.index()) {
        continue;
      }
      for (Rel rel : elf.rels(r)) {
        if (rel.offset() % 8 != 0 || rel.offset() < 0 || rel.offset() >= c.section.size()) {
          throw elf.error("section '" + r.name() + "': relocation at offset " + Long.toUnsignedString(rel.offset())
              + " is not an instruction of '" + sec + "'");
        }
        int slot = (int) (rel.offset() / 8);
        Insn in = c.slots[slot];
        Symbol y = elf.symbols.get(rel.sym());
        String where = "section '" + sec + "', instruction " + slot;
        if (in == null) {
          throw elf.error(where + ": relocation against '" + y.name() + "' points into the middle of an lddw");
        }
        c.relocs.put(slot, target(in, y, where));
      }
    }
  }

  private Target target(Insn in, Symbol y, String where) throws ObjectFormatException {
    boolean call = in.opcode() == (Opcodes.JMP | Opcodes.CALL);
    if (y.shndx() == ElfFile.SHN_UNDEF) {
      Extern e = externs.get(y.name());
      if (e == null) {
        return new Undefined(y.name());
      }
      if (call != (e.kind() == Extern.Kind.KSYM_FUNC) || (!call && !in.isLddw())) {
        throw elf.error(where + ": extern '" + y.name() + "' used by the wrong kind of instruction");
      }
      if (e.kind() == Extern.Kind.KCONFIG) {
        return new ToData(kconfigMap, e.offset());
      }
      return new ToExtern(e);
    }
    if (y.shndx() >= elf.sections.size()) {
      throw elf.error(where + ": relocation against '" + y.name() + "' in special section " + y.shndx());
    }
    Section target = elf.sections.get(y.shndx());
    if (call) {
      if (in.src() != Opcodes.CALL_LOCAL) {
        throw elf.error(where + ": relocation against '" + y.name() + "' on a call that is not a bpf-to-bpf call");
      }
      if (text == null || target != text.section) {
        throw elf.error(where + ": call of '" + y.name() + "' in section '" + target.name()
            + "' (subprograms must be in .text)");
      }
      if (y.value() % 8 != 0) {
        throw elf.error(where + ": call of '" + y.name() + "' at unaligned offset " + y.value());
      }
      return new ToText(y.value() / 8 + in.imm32() + 1, true);
    }
    if (!in.isLddw()) {
      throw elf.error(where + String.format(": relocation against '%s' on opcode 0x%02x (only lddw and call are relocated)", y.name(), in.opcode()));
    }
    if (text != null && target == text.section && (y.type() == ElfFile.STT_FUNC || y.type() == ElfFile.STT_SECTION)) {
      long off = y.value() + in.imm32();
      if (off % 8 != 0) {
        throw elf.error(where + ": address of '" + y.name() + "' at unaligned offset " + off);
      }
      return new ToText(off / 8, false);
    }
    Integer data = maps.dataMaps.get(y.shndx());
    if (data != null) {
      return new ToData(data, y.value() + in.imm32());
    }
    for (MapCollector.Placed p : maps.placed) {
      if (p.section() == y.shndx() && p.offset() == y.value()) {
        return new ToMap(p.mapIndex());
      }
    }
    throw elf.error(where + ": lddw refers to '" + y.name() + "' in section '" + target.name()
        + "', which is neither a map nor global data");
  }

  /** Links one program. */
  private final class Linking {
    final Func main;
    final List<Insn> slots = new ArrayList<>();
    final Map<Func, Integer> placed = new IdentityHashMap<>();
    final List<Relocation> relos = new ArrayList<>();
    final List<ProgramSpec.Function> funcs = new ArrayList<>();
    final List<FuncInfo> fis = new ArrayList<>();
    final List<LineInfo> lis = new ArrayList<>();
    final List<CoreRelo> crs = new ArrayList<>();

    Linking(Func main) {
      this.main = main;
    }

    ProgramSpec run() throws ObjectFormatException {
      append(main, 0);
      relos.sort(java.util.Comparator.comparingInt(Relocation::slot));
      List<Insn> insns = new ArrayList<>(slots.size());
      for (Insn i : slots) {
        if (i != null) {
          insns.add(i);
        }
      }
      if (slots.size() > Opcodes.MAX_INSNS) {
        throw elf.error("program '" + main.name() + "': " + slots.size() + " instructions after linking, more than "
            + Opcodes.MAX_INSNS);
      }
      return new ProgramSpec(main.name(), SectionName.parse(main.sec().section.name()), insns, relos, funcs, fis,
          lis, crs, license);
    }

    private void append(Func f, int depth) throws ObjectFormatException {
      if (depth > 256) {
        throw elf.error("program '" + main.name() + "': subprogram calls nest deeper than 256 functions");
      }
      int base = slots.size();
      placed.put(f, base);
      funcs.add(new ProgramSpec.Function(f.name(), base));
      CodeSec c = f.sec();
      for (int i = f.start(); i < f.end(); i++) {
        slots.add(c.slots[i]);
      }
      int delta = base - f.start();
      String sec = c.section.name();
      for (FuncInfo x : range(funcInfos, sec, FuncInfo::slot, f)) {
        fis.add(x.shift(delta));
      }
      for (LineInfo x : range(lineInfos, sec, LineInfo::slot, f)) {
        lis.add(x.shift(delta));
      }
      for (CoreRelo x : range(coreRelos, sec, CoreRelo::slot, f)) {
        crs.add(x.shift(delta));
      }
      for (int i = f.start(); i < f.end(); i++) {
        Insn in = c.slots[i];
        if (in == null) {
          continue;
        }
        int at = base + i - f.start();
        Target t = c.relocs.get(i);
        String where = null;
        if (t != null || in.isLocalCall() || in.isLddw()) {
          where = "program '" + main.name() + "', instruction " + at + " (" + sec + " +" + i + " in '" + f.name() + "')";
        }
        if (t == null && in.isLocalCall()) {
          if (c != text) {
            throw elf.error(where + ": bpf-to-bpf call without a relocation outside .text");
          }
          t = new ToText((long) i + in.imm32() + 1, true);
        } else if (t == null && in.isLddw() && in.src() == Opcodes.PSEUDO_FUNC) {
          throw elf.error(where + ": function address without a relocation");
        }
        if (i + in.slots() > f.end()) {
          throw elf.error("program '" + main.name() + "', instruction " + at + ": lddw crosses the end of function '" + f.name() + "'");
        }
        switch (t) {
          case null -> {}
          case ToMap m -> {
            slots.set(at, in.withSrc(Opcodes.PSEUDO_MAP_IDX).withImm(m.map()));
            relos.add(new Relocation.MapRef(at, maps.maps.get(m.map()).name()));
          }
          case ToData d -> {
            if (d.offset() < 0 || d.offset() > Integer.MAX_VALUE) {
              throw elf.error(where + ": global data offset " + d.offset() + " out of range");
            }
            slots.set(at, in.withSrc(Opcodes.PSEUDO_MAP_IDX_VALUE).withImm((d.offset() << 32) | d.map()));
            relos.add(new Relocation.MapValue(at, maps.maps.get(d.map()).name(), (int) d.offset()));
          }
          case ToExtern e -> {
            Insn fixed = e.ext().kind() == Extern.Kind.KSYM_FUNC
                ? in.withSrc(Opcodes.CALL_KFUNC).withImm(0)
                : in.withSrc(Opcodes.PSEUDO_BTF_ID).withImm(0);
            slots.set(at, fixed);
            relos.add(new Relocation.ExternRef(at, e.ext().name()));
          }
          case Undefined u -> throw elf.error(where + (in.isCall()
              ? ": calls '" + u.name() + "', which is not defined in the object (a function clang did not inline, such as memcpy with a non-constant size?)"
              : ": refers to '" + u.name() + "', which is not defined in the object"));
          case ToText tt -> {
            Func g = textFunc(tt.slot(), where);
            Integer gBase = placed.get(g);
            if (gBase == null) {
              append(g, depth + 1);
              gBase = placed.get(g);
            }
            long dest = gBase + (tt.slot() - g.start());
            long imm = dest - at - 1;
            Insn fixed = tt.call() ? in.withImm(imm) : in.withSrc(Opcodes.PSEUDO_FUNC).withImm(imm);
            slots.set(at, fixed);
            relos.add(new Relocation.Subprog(at, tt.slot() == g.start() ? g.name() : g.name() + "+" + (tt.slot() - g.start())));
          }
        }
      }
    }

    private Func textFunc(long slot, String where) throws ObjectFormatException {
      if (text != null) {
        for (Func g : text.funcs) {
          if (slot >= g.start() && slot < g.end()) {
            return g;
          }
        }
      }
      throw elf.error(where + ": call or function address targets .text slot " + slot + ", where no function is");
    }
  }
}
