package io.bpf4j.elf;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.BtfType.Datasec;
import io.bpf4j.btf.BtfType.Member;
import io.bpf4j.btf.BtfType.VarSecinfo;
import io.bpf4j.elf.ElfFile.Rel;
import io.bpf4j.elf.ElfFile.Section;
import io.bpf4j.elf.ElfFile.Symbol;
import io.bpf4j.uapi.MapType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the maps of an object as libbpf does: BTF-defined maps in {@code .maps}, legacy
 * {@code struct bpf_map_def}s in {@code maps}, and one array map per global-data section.
 */
final class MapCollector {
  /** Where a map comes from, for resolving relocations against its section. */
  record Placed(int mapIndex, int section, long offset, long size) {}

  final List<MapSpec> maps = new ArrayList<>();
  final List<GlobalVar> variables = new ArrayList<>();
  final List<Placed> placed = new ArrayList<>();
  /** Global-data section index to map index. */
  final Map<Integer, Integer> dataMaps = new HashMap<>();
  private final ElfFile elf;
  private final Btf btf;
  private final String objName;

  MapCollector(ElfFile elf, Btf btf, String objName) {
    this.elf = elf;
    this.btf = btf;
    this.objName = objName;
  }

  static boolean isDataSection(Section s) {
    String n = s.name();
    if (s.type() == ElfFile.SHT_PROGBITS && (s.flags() & ElfFile.SHF_EXECINSTR) == 0) {
      return n.equals(".data") || n.startsWith(".data.") || n.equals(".rodata") || n.startsWith(".rodata.");
    }
    return s.type() == ElfFile.SHT_NOBITS && (n.equals(".bss") || n.startsWith(".bss."));
  }

  /** libbpf's name for a global-data map: a prefix of the object name and the section name. */
  String internalName(String section) {
    int sfx = Math.min(15, Math.max(7, section.length()));
    int pfx = section.indexOf('.', 1) >= 0 ? 0 : Math.min(16 - sfx - 1, objName.length());
    StringBuilder sb = new StringBuilder();
    sb.append(objName, 0, pfx).append(section, 0, Math.min(sfx, section.length()));
    for (int i = 0; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '.') {
        sb.setCharAt(i, '_');
      }
    }
    return sb.toString();
  }

  void collect() throws ObjectFormatException {
    for (Section s : elf.sections) {
      if (s.name().equals(".maps")) {
        btfMaps(s);
      }
    }
    for (Section s : elf.sections) {
      if (s.name().equals("maps") && s.type() == ElfFile.SHT_PROGBITS) {
        legacyMaps(s);
      }
    }
    for (Section s : elf.sections) {
      if (isDataSection(s) && s.size() > 0) {
        dataMap(s);
      }
    }
  }

  private void add(MapSpec m, int section, long off, long size) throws ObjectFormatException {
    for (MapSpec o : maps) {
      if (o.name().equals(m.name())) {
        throw elf.error("section '" + m.section() + "': two maps named '" + m.name() + "'");
      }
    }
    placed.add(new Placed(maps.size(), section, off, size));
    maps.add(m);
  }

  private void legacyMaps(Section s) throws ObjectFormatException {
    List<Symbol> syms = new ArrayList<>();
    for (Symbol y : elf.symbols) {
      if (y.shndx() == s.index() && y.type() != ElfFile.STT_SECTION && !y.name().isEmpty()) {
        syms.add(y);
      }
    }
    if (syms.isEmpty()) {
      return;
    }
    syms.sort((a, b) -> Long.compare(a.value(), b.value()));
    long defSize = s.size() / syms.size();
    if (defSize * syms.size() != s.size() || defSize < 20) {
      throw elf.error("section 'maps': " + s.size() + " bytes for " + syms.size()
          + " map definitions (each must be the same size, at least 20)");
    }
    byte[] d = elf.bytes(s);
    ByteBuffer b = ByteBuffer.wrap(d).order(elf.order);
    for (Symbol y : syms) {
      if (y.value() % 4 != 0 || y.value() + defSize > s.size()) {
        throw elf.error("section 'maps': map '" + y.name() + "' at offset " + y.value() + " is misplaced");
      }
      int p = (int) y.value();
      int typeNo = b.getInt(p);
      MapType t = mapType(typeNo, y.name());
      MapSpec m = new MapSpec(y.name(), "maps", t, b.getInt(p + 4), b.getInt(p + 8), b.getInt(p + 12),
          b.getInt(p + 16), 0, 0, 0, 0, 0, null, List.of(), null);
      add(m, s.index(), y.value(), defSize);
    }
  }

  private MapType mapType(int typeNo, String map) throws ObjectFormatException {
    MapType t = MapType.of(typeNo);
    if (t == null) {
      throw elf.error("map '" + map + "': unknown map type " + typeNo);
    }
    return t;
  }

  private void btfMaps(Section s) throws ObjectFormatException {
    if (btf == null) {
      throw elf.error("section '.maps' needs BTF (compile with -g)");
    }
    int ds = btf.find(BtfKind.DATASEC, ".maps");
    if (ds < 0) {
      throw elf.error("section '.maps': no DATASEC '.maps' in BTF");
    }
    List<Rel> rels = List.of();
    for (Section r : elf.sections) {
      if (r.type() == ElfFile.SHT_REL && r.info() == s.index()) {
        rels = elf.rels(r);
      }
    }
    for (VarSecinfo vs : ((Datasec) btf.type(ds)).vars()) {
      if (!(btf.type(vs.type()) instanceof BtfType.Var v)) {
        throw elf.error("section '.maps': DATASEC entry type [" + vs.type() + "] is not a VAR");
      }
      long off = symbolOffset(s, v.name(), vs.offset());
      if (off + Integer.toUnsignedLong(vs.size()) > s.size()) {
        throw elf.error("map '" + v.name() + "': offset " + off + " size " + vs.size() + " beyond section '.maps' (" + s.size() + " bytes)");
      }
      int def = btf.resolve(v.type());
      MapSpec m = parseDef(v.name(), def, true);
      // values = { ... } initialisers of map-in-map and program arrays
      List<MapSpec.InitValue> init = new ArrayList<>();
      Member values = member(def, "values");
      for (Rel r : rels) {
        if (r.offset() < off || r.offset() >= off + vs.size()) {
          continue;
        }
        if (values == null) {
          throw elf.error("map '" + v.name() + "': relocation at offset " + r.offset() + " of '.maps' but the map has no 'values'");
        }
        long rel = r.offset() - off - values.bitOffset() / 8;
        if (rel < 0 || rel % 8 != 0) {
          throw elf.error("map '" + v.name() + "': bad 'values' relocation at offset " + r.offset());
        }
        Symbol target = elf.symbols.get(r.sym());
        init.add(new MapSpec.InitValue((int) (rel / 8), target.name()));
      }
      init.sort((a, b) -> Integer.compare(a.index(), b.index()));
      if (!init.isEmpty()) {
        m = new MapSpec(m.name(), m.section(), m.type(), m.keySize(), m.valueSize(), m.maxEntries(),
            m.flags(), m.mapExtra(), m.numaNode(), m.pinning(), m.keyTypeId(), m.valueTypeId(),
            m.innerMap(), init, null);
      }
      add(m, s.index(), off, vs.size());
    }
  }

  /**
   * A variable's offset in its section: clang leaves DATASEC offsets 0 in object files and
   * libbpf takes them from the ELF symbols; so do we.
   */
  private long symbolOffset(Section s, String var, int btfOffset) {
    if (symbolValues == null) {
      symbolValues = new HashMap<>();
      for (Symbol y : elf.symbols) {
        if (y.type() == ElfFile.STT_OBJECT || y.type() == ElfFile.STT_NOTYPE) {
          symbolValues.putIfAbsent(y.shndx() + ":" + y.name(), y.value());
        }
      }
    }
    Long v = symbolValues.get(s.index() + ":" + var);
    return v != null ? v : Integer.toUnsignedLong(btfOffset);
  }

  private Map<String, Long> symbolValues;

  private Member member(int structId, String name) {
    if (btf.type(structId) instanceof BtfType.Composite c) {
      for (Member m : c.members()) {
        if (m.name().equals(name)) {
          return m;
        }
      }
    }
    return null;
  }

  private MapSpec parseDef(String name, int def, boolean outer) throws ObjectFormatException {
    if (!(btf.type(def) instanceof BtfType.Struct st)) {
      throw elf.error("map '" + name + "': definition is " + btf.describe(def) + ", not a struct");
    }
    int type = 0;
    int keySize = -1;
    int valueSize = -1;
    int maxEntries = 0;
    int flags = 0;
    long extra = 0;
    int numa = 0;
    int pinning = 0;
    int keyType = 0;
    int valueType = 0;
    MapSpec inner = null;
    for (Member m : st.members()) {
      switch (m.name()) {
        case "type" -> type = uint(name, m);
        case "max_entries" -> maxEntries = uint(name, m);
        case "map_flags" -> flags = uint(name, m);
        case "numa_node" -> numa = uint(name, m);
        case "map_extra" -> extra = Integer.toUnsignedLong(uint(name, m));
        case "pinning" -> pinning = uint(name, m);
        case "key_size" -> keySize = size(name, m, keySize, uint(name, m), "key");
        case "value_size" -> valueSize = size(name, m, valueSize, uint(name, m), "value");
        case "key" -> {
          keyType = pointee(name, m);
          keySize = size(name, m, keySize, (int) btf.sizeOf(keyType), "key");
        }
        case "value" -> {
          valueType = pointee(name, m);
          valueSize = size(name, m, valueSize, (int) btf.sizeOf(valueType), "value");
        }
        case "values" -> {
          if (!outer) {
            throw elf.error("map '" + name + "': an inner map cannot have 'values'");
          }
          int arr = btf.resolve(m.type());
          if (!(btf.type(arr) instanceof BtfType.Array a)) {
            throw elf.error("map '" + name + "': 'values' is " + btf.describe(m.type()) + ", not an array");
          }
          int elem = btf.resolve(a.type());
          if (!(btf.type(elem) instanceof BtfType.Ptr p)) {
            throw elf.error("map '" + name + "': 'values' elements are not pointers");
          }
          int target = btf.resolve(p.type());
          if (btf.type(target) instanceof BtfType.Struct) {
            inner = parseDef(name + ".inner", target, false);
          } else if (!(btf.type(target) instanceof BtfType.FuncProto)) {
            throw elf.error("map '" + name + "': 'values' must point to map definitions or functions");
          }
        }
        default -> throw elf.error("map '" + name + "': unknown field '" + m.name() + "'");
      }
    }
    MapType t = mapType(type, name);
    boolean inMap = t == MapType.ARRAY_OF_MAPS || t == MapType.HASH_OF_MAPS;
    if (inner != null && !inMap) {
      if (t != MapType.PROG_ARRAY) {
        throw elf.error("map '" + name + "': type " + t + " cannot have inner maps");
      }
    }
    if (inMap) {
      if (inner == null) {
        throw elf.error("map '" + name + "': " + t + " needs an inner map definition in 'values'");
      }
      valueSize = valueSize < 0 ? 4 : valueSize;
    }
    if (t == MapType.PROG_ARRAY && valueSize < 0) {
      valueSize = 4;
    }
    return new MapSpec(name, outer ? ".maps" : ".maps", t, Math.max(keySize, 0), Math.max(valueSize, 0),
        maxEntries, flags, extra, numa, pinning, keyType, valueType, inner, List.of(), null);
  }

  private int size(String map, Member m, int old, int now, String what) throws ObjectFormatException {
    if (old >= 0 && old != now) {
      throw elf.error("map '" + map + "': conflicting " + what + " sizes " + old + " and " + now);
    }
    return now;
  }

  private int pointee(String map, Member m) throws ObjectFormatException {
    int t = btf.resolve(m.type());
    if (!(btf.type(t) instanceof BtfType.Ptr p)) {
      throw elf.error("map '" + map + "': field '" + m.name() + "' is " + btf.describe(m.type()) + ", not a pointer (use __type)");
    }
    return p.type();
  }

  private int uint(String map, Member m) throws ObjectFormatException {
    int t = btf.resolve(m.type());
    if (btf.type(t) instanceof BtfType.Ptr p && btf.type(btf.resolve(p.type())) instanceof BtfType.Array a) {
      return a.nelems();
    }
    throw elf.error("map '" + map + "': field '" + m.name() + "' is " + btf.describe(m.type()) + ", not __uint(...)");
  }

  private void dataMap(Section s) throws ObjectFormatException {
    String n = s.name();
    boolean ro = n.startsWith(".rodata");
    byte[] data = elf.bytes(s);
    if (s.size() > Integer.MAX_VALUE - 8) {
      throw elf.error("section '" + n + "': too large for a global-data map");
    }
    String mapName = internalName(n);
    int ds = btf == null ? -1 : btf.find(BtfKind.DATASEC, n);
    // libbpf 1.1 (the bpftool this is checked against) makes every global-data map mmapable
    int flags = (ro ? MapSpec.F_RDONLY_PROG : 0) | MapSpec.F_MMAPABLE;
    if (ds >= 0) {
      for (VarSecinfo vs : ((Datasec) btf.type(ds)).vars()) {
        if (!(btf.type(vs.type()) instanceof BtfType.Var v)) {
          continue;
        }
        long off = symbolOffset(s, v.name(), vs.offset());
        long end = off + Integer.toUnsignedLong(vs.size());
        if (end > s.size()) {
          throw elf.error("section '" + n + "': variable '" + v.name() + "' at " + off
              + " size " + Integer.toUnsignedLong(vs.size()) + " lies beyond the section (" + s.size() + " bytes)");
        }
        variables.add(new GlobalVar(v.name(), mapName, (int) off, vs.size(), v.type(), ro));
      }
    }
    dataMaps.put(s.index(), maps.size());
    add(new MapSpec(mapName, n, MapType.ARRAY, 4, (int) s.size(), 1, flags, 0, 0, 0, 0, Math.max(ds, 0),
        null, List.of(), data), s.index(), 0, s.size());
  }

  /** Adds the {@code .kconfig} map when there are kconfig externs; returns its index or -1. */
  int kconfigMap(int size, int datasec) throws ObjectFormatException {
    if (size == 0) {
      return -1;
    }
    int idx = maps.size();
    add(new MapSpec(internalName(".kconfig"), ".kconfig", MapType.ARRAY, 4, size, 1,
        MapSpec.F_RDONLY_PROG | MapSpec.F_MMAPABLE, 0, 0, 0, 0, Math.max(datasec, 0), null, List.of(),
        new byte[size]), -1, 0, 0);
    return idx;
  }
}
