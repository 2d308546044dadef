package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of the verifier corpus objects (one program per object): the program's
 * section with {@code .text} appended when it calls into it, lddw relocations turned into map
 * references (the corpus maps of {@code corpus.h}, and global data sections as array maps),
 * call and callback relocations resolved the way libbpf does. Not a loader: it knows only
 * what the corpus uses.
 */
final class TestElf {
  /** The corpus maps, as corpus.h declares them. */
  static final Map<String, MapInfo> CORPUS_MAPS = Map.of(
      "arr", MapInfo.of("arr", MapType.ARRAY, 4, 16, 4),
      "hmap", MapInfo.of("hmap", MapType.HASH, 4, 16, 64),
      "rb", MapInfo.of("rb", MapType.RINGBUF, 0, 0, 4096),
      "jmp", MapInfo.of("jmp", MapType.PROG_ARRAY, 4, 4, 4),
      "events", MapInfo.of("events", MapType.PERF_EVENT_ARRAY, 4, 4, 4),
      "locks", new MapInfo("locks", MapType.ARRAY, 4, 8, 1, 0),
      "stacks", MapInfo.of("stacks", MapType.STACK_TRACE, 4, 1016, 16));

  record Program(String name, String section, ProgType type, List<Insn> insns,
      Map<Integer, MapInfo> maps) {
    VerifierInput input() {
      return VerifierInput.of(name, insns, type).withMaps(maps);
    }
  }

  private record Section(String name, int type, long flags, int offset, int size, int link,
      int info) {}

  private record Sym(String name, int info, int shndx, long value) {}

  private final ByteBuffer b;
  private final List<Section> sections = new ArrayList<>();
  private final List<Sym> syms = new ArrayList<>();

  private TestElf(byte[] bytes) {
    b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long shoff = b.getLong(0x28);
    int shnum = b.getShort(0x3c) & 0xffff;
    int shstrndx = b.getShort(0x3e) & 0xffff;
    List<int[]> raw = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      int o = (int) (shoff + 64L * i);
      raw.add(new int[] {b.getInt(o), b.getInt(o + 4), (int) b.getLong(o + 8),
          (int) b.getLong(o + 24), (int) b.getLong(o + 32), b.getInt(o + 40), b.getInt(o + 44)});
    }
    int strOff = raw.get(shstrndx)[3];
    for (int[] r : raw) {
      sections.add(new Section(str(strOff + r[0]), r[1], r[2], r[3], r[4], r[5], r[6]));
    }
    for (Section s : sections) {
      if (s.type == 2) { // SHT_SYMTAB
        int strtab = sections.get(s.link).offset;
        for (int o = s.offset; o < s.offset + s.size; o += 24) {
          syms.add(new Sym(str(strtab + b.getInt(o)), b.get(o + 4) & 0xff,
              b.getShort(o + 6) & 0xffff, b.getLong(o + 8)));
        }
      }
    }
  }

  private String str(int off) {
    int e = off;
    while (b.get(e) != 0) {
      e++;
    }
    byte[] s = new byte[e - off];
    b.get(off, s);
    return new String(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static Program read(Path obj) throws IOException {
    return new TestElf(Files.readAllBytes(obj)).program();
  }

  static ProgType typeOf(String section) {
    if (section.equals("socket")) {
      return ProgType.SOCKET_FILTER;
    }
    if (section.equals("xdp")) {
      return ProgType.XDP;
    }
    if (section.equals("tc")) {
      return ProgType.SCHED_CLS;
    }
    if (section.startsWith("tracepoint/")) {
      return ProgType.TRACEPOINT;
    }
    if (section.startsWith("raw_tracepoint/")) {
      return ProgType.RAW_TRACEPOINT;
    }
    if (section.equals("perf_event")) {
      return ProgType.PERF_EVENT;
    }
    if (section.startsWith("cgroup_skb/")) {
      return ProgType.CGROUP_SKB;
    }
    if (section.startsWith("cgroup/sock")) {
      return ProgType.CGROUP_SOCK;
    }
    throw new IllegalArgumentException("no program type for section " + section);
  }

  private int index(Section s) {
    return sections.indexOf(s);
  }

  private Program program() throws IOException {
    Section prog = null;
    for (Section s : sections) {
      if ((s.flags & 4) != 0 && s.size > 0 && !s.name.equals(".text")) {
        prog = s;
      }
    }
    if (prog == null) {
      throw new IOException("no program section");
    }
    Section text = sections.stream().filter(s -> s.name.equals(".text")).findFirst().orElse(null);
    String name = prog.name;
    for (Sym y : syms) {
      if (y.shndx == index(prog) && (y.info & 0xf) == 2 && y.value == 0) {
        name = y.name;
      }
    }
    List<Insn> insns = new ArrayList<>(decode(prog));
    int progSlots = prog.size / 8;
    boolean needText = text != null && text.size > 0 && referencesText(prog, text);
    if (needText) {
      insns.addAll(decode(text));
    }
    Map<Integer, MapInfo> maps = new HashMap<>();
    Map<String, Integer> mapIdx = new HashMap<>();
    Insn[] bySlot = slots(insns, progSlots + (needText ? text.size / 8 : 0));
    relocate(prog, 0, bySlot, text, progSlots, maps, mapIdx);
    if (needText) {
      relocate(text, progSlots, bySlot, text, progSlots, maps, mapIdx);
    }
    List<Insn> out = new ArrayList<>();
    for (Insn in : bySlot) {
      if (in != null) {
        out.add(in);
      }
    }
    return new Program(name, prog.name, typeOf(prog.name), out, maps);
  }

  private List<Insn> decode(Section s) throws IOException {
    byte[] code = new byte[s.size];
    b.get(s.offset, code);
    try {
      return InsnCodec.decode(code, ByteOrder.LITTLE_ENDIAN, false);
    } catch (io.bpf4j.isa.InvalidInsnException e) {
      throw new IOException(e);
    }
  }

  private static Insn[] slots(List<Insn> insns, int n) {
    Insn[] a = new Insn[n];
    int s = 0;
    for (Insn in : insns) {
      a[s] = in;
      s += in.slots();
    }
    return a;
  }

  private Section relFor(Section target) {
    for (Section s : sections) {
      if (s.type == 9 && s.info == index(target)) {
        return s;
      }
    }
    return null;
  }

  private boolean referencesText(Section prog, Section text) {
    Section rel = relFor(prog);
    if (rel == null) {
      return false;
    }
    for (int o = rel.offset; o < rel.offset + rel.size; o += 16) {
      Sym y = syms.get((int) (b.getLong(o + 8) >>> 32));
      if (y.shndx == index(text)) {
        return true;
      }
    }
    return false;
  }

  private void relocate(Section sec, int base, Insn[] bySlot, Section text, int textBase,
      Map<Integer, MapInfo> maps, Map<String, Integer> mapIdx) {
    Section rel = relFor(sec);
    if (rel == null) {
      return;
    }
    for (int o = rel.offset; o < rel.offset + rel.size; o += 16) {
      int slot = base + (int) (b.getLong(o) / 8);
      Sym y = syms.get((int) (b.getLong(o + 8) >>> 32));
      Insn in = bySlot[slot];
      Section ys = y.shndx < sections.size() ? sections.get(y.shndx) : null;
      if (in.isLddw()) {
        if (ys != null && ys.name.equals(".maps")) {
          int idx = mapIdx.computeIfAbsent(y.name, k -> mapIdx.size());
          MapInfo m = CORPUS_MAPS.get(y.name);
          if (m == null) {
            throw new IllegalArgumentException("map " + y.name + " is not a corpus map");
          }
          maps.put(idx, m);
          bySlot[slot] = new Insn(in.opcode(), in.dst(), PSEUDO_MAP_FD, 0, idx);
        } else if (ys != null && (ys.flags & 4) != 0) { // a function: callback pointer
          long off = (y.info & 0xf) == 2 ? y.value : y.value + in.imm();
          int target = textBase + (int) (off / 8);
          bySlot[slot] = new Insn(in.opcode(), in.dst(), PSEUDO_FUNC, 0, target - (slot + 1));
        } else if (ys != null) { // global data: one array map per section
          int idx = mapIdx.computeIfAbsent(ys.name, k -> mapIdx.size());
          maps.put(idx, MapInfo.of(ys.name, MapType.ARRAY, 4, Math.max(ys.size, 1), 1));
          long off = y.value + (int) in.imm();
          bySlot[slot] = new Insn(in.opcode(), in.dst(), PSEUDO_MAP_VALUE, 0,
              (off << 32) | idx);
        }
      } else if (in.isCall() && text != null && y.shndx == index(text)) {
        int target = textBase + (int) (y.value / 8) + in.imm32() + 1;
        bySlot[slot] = new Insn(in.opcode(), in.dst(), CALL_LOCAL, 0, target - (slot + 1));
      }
    }
  }
}
