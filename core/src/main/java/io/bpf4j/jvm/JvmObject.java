package io.bpf4j.jvm;

import io.bpf4j.elf.MapSpec;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.elf.Relocation;
import io.bpf4j.helpers.Helpers;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.ProgArray;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Region;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ObjectSpec} instantiated on the JVM backend: its maps created (global data as
 * one-element arrays holding the initial bytes) and its programs relocated, map identity
 * encoded in each {@code lddw} as the map's address (a global-data reference as the address
 * of the byte it names), every program verified first (by default) and run on the engine the
 * {@link JvmLoadOptions} name: the JIT by default.
 *
 * {@snippet :
 * JvmObject obj = JvmObject.load(ObjectReader.read(java.nio.file.Path.of("xdp_count.o")));
 * JvmProgram p = obj.program("xdp_count");
 * JvmProgram.TestRun r = p.testRun(new byte[64], null, 1);
 * }
 */
public final class JvmObject {
  private final ObjectSpec spec;
  private final Map<String, BpfMap> maps;
  private final Map<String, Long> dataAddress;
  private final List<Region> dataRegions;
  /** The global data as blocks probe reads may read (see the constructor). */
  private final List<MemorySegment> probeBlocks;
  private final JvmLoadOptions options;
  /** The verifier's facts per program name (none when loaded without verification). */
  private Map<String, io.bpf4j.verifier.RangeFacts> facts = Map.of();

  private JvmObject(ObjectSpec spec, JvmLoadOptions options, Map<String, BpfMap> maps,
      Map<String, Long> dataAddress, List<Region> regions) {
    this.spec = spec;
    this.options = options;
    this.maps = Collections.unmodifiableMap(maps);
    this.dataAddress = dataAddress;
    this.dataRegions = List.copyOf(regions);
    // probe reads (bpf_probe_read_kernel, %s) may read the global data as in the kernel; the
    // registry holds blocks weakly, so this object keeps them for as long as its maps live
    this.probeBlocks = regions.stream()
        .map(r -> MemorySegment.ofAddress(r.address()).reinterpret(Math.max(1, r.size())))
        .toList();
    probeBlocks.forEach(io.bpf4j.vm.ProbeLoads::register);
  }

  /** {@link #load(ObjectSpec, JvmLoadOptions)} with {@link JvmLoadOptions#defaults()}. */
  public static JvmObject load(ObjectSpec spec) throws JvmLoadException {
    return load(spec, JvmLoadOptions.defaults());
  }

  /**
   * Verifies every program of {@code spec} (unless {@code options} say not to), then creates
   * its maps; programs are relocated and compiled when asked for. A rejected program fails
   * the load with the verifier's explanation, before any map exists; a map that cannot be
   * created closes the ones made before it.
   *
   * @throws JvmLoadException when a program is rejected, the options combine verification off
   *     with a fast engine, or a map cannot be created
   */
  public static JvmObject load(ObjectSpec spec, JvmLoadOptions options) throws JvmLoadException {
    if (!options.verify() && options.engine() != JvmEngine.CHECKED) {
      throw new JvmLoadException("loading without verification is allowed only with the checked"
          + " interpreter: the " + options.engine().name().toLowerCase(java.util.Locale.ROOT)
          + " engine does not check memory accesses");
    }
    // CO-RE against the running kernel's BTF, as the kernel backend loads it: the helpers lay
    // out their kernel struct blocks, and the verifier walks kernel structs, by that BTF
    spec = io.bpf4j.verifier.ObjectInputs.relocated(spec);
    Map<String, io.bpf4j.verifier.RangeFacts> facts = Map.of();
    if (options.verify()) {
      facts = Verification.verifyAll(spec, options);
    }
    Map<String, BpfMap> maps = new LinkedHashMap<>();
    try {
      JvmObject o = create(spec, options, maps);
      o.facts = facts;
      o.fillInitialValues();
      return o;
    } catch (JvmLoadException | RuntimeException e) {
      maps.values().forEach(BpfMap::close);
      throw e;
    }
  }

  private static JvmObject create(ObjectSpec spec, JvmLoadOptions options, Map<String, BpfMap> maps)
      throws JvmLoadException {
    Map<String, Long> data = new LinkedHashMap<>();
    List<Region> regions = new ArrayList<>();
    for (MapSpec m : spec.maps()) {
      BpfMap map;
      try {
        io.bpf4j.verifier.MapInfo info = io.bpf4j.verifier.ObjectInputs.mapInfo(spec.btf(), m);
        map = BpfMaps.create(toBpf(m).withSpinLock(info.spinLockOffset())
            .withTimer(info.timerOffset()));
      } catch (RuntimeException e) {
        throw new JvmLoadException("map '" + m.name() + "': " + e.getMessage());
      }
      maps.put(m.name(), map);
      if (m.isGlobalData()) {
        try (Arena a = Arena.ofConfined()) {
          MemorySegment key = a.allocate(4, 4);
          MemorySegment value = a.allocate(Math.max(1, m.valueSize()), 8);
          byte[] d = m.data();
          MemorySegment.copy(d, 0, value, ValueLayout.JAVA_BYTE, 0, d.length);
          map.update(key, value, 0);
          long addr = Helpers.mapLookupElem(map.address(), key.address());
          if (addr == 0) {
            throw new JvmLoadException("map '" + m.name() + "': no element 0 after initialising it");
          }
          data.put(m.name(), addr);
          regions.add(new Region(addr, m.valueSize(), (m.flags() & MapSpec.F_RDONLY_PROG) == 0));
        }
      }
    }
    return new JvmObject(spec, options, maps, data, regions);
  }

  /**
   * Fills program arrays and maps of maps from their {@code values = {...}} initialisers, as
   * the kernel backend's loader does after loading: a program array slot gets the named
   * program, loaded here on this object's engine.
   */
  private void fillInitialValues() throws JvmLoadException {
    for (MapSpec m : spec.maps()) {
      BpfMap map = maps.get(m.name());
      for (MapSpec.InitValue v : m.initValues()) {
        String where = "map '" + m.name() + "' slot " + v.index();
        try {
          if (m.type() == MapType.PROG_ARRAY) {
            if (spec.programs().stream().noneMatch(p -> p.name().equals(v.name()))) {
              throw new JvmLoadException(where + ": no program '" + v.name() + "'");
            }
            ProgArray.set(map, v.index(), program(v.name()).engine0());
          } else {
            BpfMap inner = maps.get(v.name());
            if (inner == null) {
              throw new JvmLoadException(where + ": no map '" + v.name() + "'");
            }
            try (Arena a = Arena.ofConfined()) {
              MemorySegment key = a.allocate(Math.max(1, m.keySize()), 8);
              key.set(ValueLayout.JAVA_INT_UNALIGNED, 0, v.index());
              MemorySegment id = a.allocate(4, 4);
              id.set(ValueLayout.JAVA_INT, 0, inner.id());
              map.update(key, id, BpfMap.BPF_ANY);
            }
          }
        } catch (RuntimeException e) {
          throw new JvmLoadException(where + ": " + e.getMessage());
        }
      }
    }
  }

  private static BpfMapSpec toBpf(MapSpec m) {
    BpfMapSpec inner = m.innerMap() == null ? null : toBpf(m.innerMap());
    int max = m.maxEntries() == 0 && m.type() == MapType.PERF_EVENT_ARRAY ? Runtime.getRuntime().availableProcessors() : m.maxEntries();
    return new BpfMapSpec(m.name(), m.type(), m.keySize(), m.valueSize(), max, m.flags(), m.mapExtra(), inner);
  }

  /** The options this object was loaded with. */
  public JvmLoadOptions options() {
    return options;
  }

  /** The spec this object was made from. */
  public ObjectSpec spec() {
    return spec;
  }

  /** The live maps by name. */
  public Map<String, BpfMap> maps() {
    return maps;
  }

  /** The live map with that name. */
  public BpfMap map(String name) {
    BpfMap m = maps.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no map '" + name + "' in " + spec.name());
    }
    return m;
  }

  /** Regions of global data the programs may touch directly. */
  List<Region> dataRegions() {
    return dataRegions;
  }

  /** The program with that name, relocated and loaded into the engine of {@link #options()}. */
  public JvmProgram program(String name) throws JvmLoadException {
    ProgramSpec p;
    try {
      p = spec.program(name);
    } catch (java.util.NoSuchElementException e) {
      throw new JvmLoadException(e.getMessage());
    }
    return new JvmProgram(this, p, relocate(p),
        facts.getOrDefault(p.name(), io.bpf4j.verifier.RangeFacts.none()));
  }

  /** The program's instructions with every map and global-data reference made an address. */
  List<Insn> relocate(ProgramSpec p) throws JvmLoadException {
    List<Insn> out = new ArrayList<>(p.insns());
    for (Relocation r : p.relocations()) {
      int i = p.indexOfSlot(r.slot());
      Insn in = out.get(i);
      switch (r) {
        case Relocation.MapRef m -> out.set(i, in.withSrc(Opcodes.PSEUDO_NONE).withImm(map(m.map()).address()));
        case Relocation.MapValue v -> {
          Long base = dataAddress.get(v.map());
          if (base == null) {
            throw new JvmLoadException("program '" + p.name() + "', instruction " + r.slot()
                + ": address inside map '" + v.map() + "', which is not global data");
          }
          out.set(i, in.withSrc(Opcodes.PSEUDO_NONE).withImm(base + v.offset()));
        }
        case Relocation.Subprog unused -> {
          // calls and function addresses (lddw src=BPF_PSEUDO_FUNC, imm the offset of the
          // subprogram) stay as the linker wrote them: both engines take the kernel's form
        }
        case Relocation.ExternRef e -> throw new JvmLoadException("program '" + p.name() + "', instruction " + r.slot()
            + ": kernel symbol '" + e.name() + "' does not exist on the JVM backend");
      }
    }
    return out;
  }
}
