package io.bpf4j.kernel;

import io.bpf4j.btf.AttachTargetException;
import io.bpf4j.btf.AttachTargets;
import io.bpf4j.btf.CoreException;
import io.bpf4j.elf.MapSpec;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.elf.Relocation;
import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps of {@link KernelObject#load}, with everything made so far undone on failure. */
final class ObjectLoader {
  private final Bpf bpf;
  private final Path pinRoot;
  private ObjectSpec spec;
  private final Map<String, KernelMap> maps = new LinkedHashMap<>();
  private final Map<String, KernelProgram> programs = new LinkedHashMap<>();
  private final List<String> newPins = new ArrayList<>();
  private Btf btf;
  private BtfUpload strings;
  private String btfProblem;

  ObjectLoader(Bpf bpf, ObjectSpec spec, Path pinRoot) {
    this.bpf = bpf;
    this.spec = spec;
    this.pinRoot = pinRoot;
  }

  KernelObject load() {
    if (spec.order() != java.nio.ByteOrder.nativeOrder()) {
      // as libbpf: the kernel reads instructions, BTF and global data in its own byte order
      throw new ObjectLoadException(spec.name() + ": the object is " + endian(spec.order())
          + " and this kernel is " + endian(java.nio.ByteOrder.nativeOrder()) + " (compile it"
          + " with -target bpf, not bpfeb/bpfel of the other order)", null);
    }
    try {
      resolveCore();
      uploadBtf();
      for (MapSpec m : spec.maps()) {
        maps.put(m.name(), createMap(m));
      }
      for (ProgramSpec p : spec.programs()) {
        programs.put(p.name(), loadProgram(p));
      }
      fillInitialValues();
      return KernelObject.of(maps, programs, btf, btfProblem);
    } catch (RuntimeException e) {
      programs.values().forEach(KernelProgram::close);
      maps.values().forEach(KernelMap::close);
      if (btf != null) {
        btf.close();
      }
      newPins.forEach(KernelMap::unpin);
      if (e instanceof ObjectLoadException) {
        throw e;
      }
      throw new ObjectLoadException(spec.name() + ": " + e.getMessage(), e);
    }
  }

  private void resolveCore() {
    boolean any = spec.programs().stream().anyMatch(p -> !p.coreRelos().isEmpty());
    if (!any) {
      return;
    }
    try {
      io.bpf4j.btf.Btf vmlinux = io.bpf4j.btf.Btf.parse(Files.readAllBytes(Path.of("/sys/kernel/btf/vmlinux")));
      spec = spec.relocateCore(vmlinux, true);
    } catch (CoreException e) {
      throw new ObjectLoadException(spec.name() + ": CO-RE: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new ObjectLoadException(spec.name() + ": CO-RE needs the kernel's BTF: " + e.getMessage(), e);
    }
  }

  private void uploadBtf() {
    if (spec.btf() == null) {
      return;
    }
    try {
      btf = Btf.load(bpf, BtfUpload.sanitize(spec.btf().bytes(), spec.btf()));
    } catch (BpfException e) {
      btfProblem = e.getMessage(); // as libbpf: go on without BTF
      return;
    }
    strings = new BtfUpload(spec.btf().bytes());
  }

  /** Kernel object names: 15 bytes of [A-Za-z0-9_.]. */
  static String kernelName(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c : name.toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
    }
    return sb.length() > 15 ? sb.substring(0, 15) : sb.toString();
  }

  /**
   * Creates the map with its key and value types from the object's BTF, as libbpf does for
   * the types that take them (a {@code bpf_spin_lock} in a value needs it); like libbpf, when
   * the kernel refuses the BTF the map is made again without it.
   */
  private KernelMap createWithBtf(MapSpec m, MapOptions o) {
    boolean typed = switch (m.type()) {
      case HASH, ARRAY, PERCPU_HASH, PERCPU_ARRAY, LRU_HASH, LRU_PERCPU_HASH, LPM_TRIE -> true;
      default -> false;
    };
    if (btf != null && typed && m.valueTypeId() != 0) {
      try {
        return KernelMap.create(bpf, o.withBtf(btf.fd(), m.keyTypeId(), m.valueTypeId()));
      } catch (BpfException e) {
        // libbpf: "Retrying without BTF."
      }
    }
    return KernelMap.create(bpf, o);
  }

  private KernelMap createMap(MapSpec m) {
    String what = "map '" + m.name() + "'";
    if (m.pinning() == 1) {
      String path = pinRoot.resolve(m.name()).toString();
      if (Files.exists(Path.of(path))) {
        KernelMap pinned = KernelMap.fromPin(bpf, path);
        MapInfo i = pinned.info();
        if (i.type() != m.type() || i.keySize() != m.keySize() || i.valueSize() != m.valueSize()
            || i.maxEntries() != m.maxEntries()) {
          pinned.close();
          throw new ObjectLoadException(spec.name() + ": " + what + ": the map pinned at " + path
              + " is a " + i.typeName() + " " + i.keySize() + "/" + i.valueSize() + "/" + i.maxEntries()
              + ", the object wants " + m.type() + " " + m.keySize() + "/" + m.valueSize() + "/" + m.maxEntries(), null);
        }
        return pinned;
      }
    }
    int maxEntries = m.maxEntries();
    if (m.type() == MapType.PERF_EVENT_ARRAY && maxEntries == 0) {
      maxEntries = KernelMap.possibleCpus(); // as libbpf: one slot per CPU
    }
    MapOptions o = new MapOptions(m.type(), m.keySize(), m.valueSize(), maxEntries, m.flags(),
        kernelName(m.name()), 0, 0, 0, 0, m.mapExtra());
    KernelMap inner = null;
    try {
      if (m.innerMap() != null) {
        MapSpec im = m.innerMap();
        inner = KernelMap.create(bpf, new MapOptions(im.type(), im.keySize(), im.valueSize(),
            im.maxEntries(), im.flags(), kernelName(im.name()), 0, 0, 0, 0, im.mapExtra()));
        o = o.withInnerMapFd(inner.fd());
      }
      KernelMap km = createWithBtf(m, o);
      try {
        if (m.isGlobalData()) {
          byte[] data = m.data();
          if (data.length == km.valueBufferSize() && m.type() == MapType.ARRAY) {
            km.update(new byte[4], data);
          }
          if (m.section().startsWith(".rodata") || m.section().equals(".kconfig")) {
            km.freeze(); // read-only from user space too, so the verifier can trust its values
          }
        }
        if (m.pinning() == 1) {
          String path = pinRoot.resolve(m.name()).toString();
          km.pin(path);
          newPins.add(path);
        }
        return km;
      } catch (RuntimeException e) {
        km.close();
        throw e;
      }
    } catch (BpfException e) {
      throw new ObjectLoadException(spec.name() + ": " + what + ": " + e.getMessage(), e);
    } finally {
      if (inner != null) {
        inner.close();
      }
    }
  }

  private KernelProgram loadProgram(ProgramSpec p) {
    String what = "program '" + p.name() + "' (section " + p.section().section() + ")";
    if (p.type() == null || p.type() == ProgType.UNSPEC) {
      throw new ObjectLoadException(spec.name() + ": " + what + ": the section name gives no program type", null);
    }
    List<Insn> insns = new ArrayList<>(p.insns());
    for (Relocation r : p.relocations()) {
      int i = p.indexOfSlot(r.slot());
      Insn in = insns.get(i);
      switch (r) {
        case Relocation.MapRef ref ->
            insns.set(i, Insn.of(in.opcode(), in.dst(), KernelProgram.PSEUDO_MAP_FD, 0, fdOf(ref.map(), what)));
        case Relocation.MapValue v -> insns.set(i, Insn.of(in.opcode(), in.dst(),
            KernelProgram.PSEUDO_MAP_VALUE, 0, (fdOf(v.map(), what) & 0xffffffffL) | ((long) v.offset() << 32)));
        case Relocation.Subprog s -> { }
        case Relocation.ExternRef x -> throw new ObjectLoadException(spec.name() + ": " + what
            + ": extern '" + x.name() + "' (kfunc or ksym) is not supported by the kernel backend yet", null);
      }
    }
    ProgramOptions.Builder b = ProgramOptions.builder(p.type(), insns)
        .name(kernelName(p.name()))
        .license(spec.license().isEmpty() ? "GPL" : spec.license())
        .expectedAttachType(p.attachType())
        .kernVersion(spec.kernelVersion());
    if (p.section().sleepable() || p.type() == ProgType.SYSCALL) {
      b.progFlags(ProgramOptions.F_SLEEPABLE); // "syscall" and the ".s" sections
    }
    if (AttachTargets.needsTarget(p.type(), p.attachType())) {
      // tp_btf/, fentry/, fexit/, fmod_ret/, lsm/, iter/: the target's id in the kernel's BTF
      try {
        b.attachBtf(AttachTargets.resolve(p.name(), p.section().section(), p.type(),
            p.attachType(), p.attachTarget()).btfId(), 0);
      } catch (AttachTargetException e) {
        throw new ObjectLoadException(spec.name() + ": " + e.getMessage(), null);
      }
    }
    if (btf != null && !p.funcInfos().isEmpty()) {
      b.btf(btf.fd(), BtfUpload.funcInfo(p.funcInfos()), 8);
      byte[] lines = strings.lineInfo(p.lineInfos());
      if (lines != null && !p.lineInfos().isEmpty()) {
        b.lineInfo(lines, 16);
      }
    }
    try {
      return KernelProgram.load(bpf, b.build());
    } catch (BpfException e) {
      if (e.errno() == Errno.EPERM && trampoline(p)) {
        throw new ObjectLoadException(spec.name() + ": " + what + ": the kernel refused it"
            + " (bpf(BPF_PROG_LOAD): EPERM, with no verifier log): "
            + p.section().section().split("/")[0] + " programs attach through BPF trampolines,"
            + " which this kernel does not offer (tp_btf/ programs need none)", e);
      }
      throw new ObjectLoadException(spec.name() + ": " + what + ": " + e.getMessage(), e);
    }
  }

  /** fentry, fexit, fmod_ret and LSM programs, which the kernel runs from a trampoline. */
  private static boolean trampoline(ProgramSpec p) {
    return p.attachType() == io.bpf4j.uapi.AttachType.TRACE_FENTRY
        || p.attachType() == io.bpf4j.uapi.AttachType.TRACE_FEXIT
        || p.attachType() == io.bpf4j.uapi.AttachType.MODIFY_RETURN
        || p.attachType() == io.bpf4j.uapi.AttachType.LSM_MAC;
  }

  private int fdOf(String map, String what) {
    KernelMap m = maps.get(map);
    if (m == null) {
      throw new ObjectLoadException(spec.name() + ": " + what + ": refers to unknown map '" + map + "'", null);
    }
    return m.fd();
  }

  private void fillInitialValues() {
    for (MapSpec m : spec.maps()) {
      for (MapSpec.InitValue v : m.initValues()) {
        int fd;
        if (m.type() == MapType.PROG_ARRAY) {
          KernelProgram p = programs.get(v.name());
          if (p == null) {
            throw new ObjectLoadException(spec.name() + ": map '" + m.name() + "' slot " + v.index()
                + ": no program '" + v.name() + "'", null);
          }
          fd = p.fd();
        } else {
          fd = fdOf(v.name(), "map '" + m.name() + "'");
        }
        ByteBuffer key = ByteBuffer.allocate(m.keySize()).order(ByteOrder.LITTLE_ENDIAN).putInt(v.index());
        ByteBuffer val = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(fd);
        maps.get(m.name()).update(key.array(), val.array());
      }
    }
  }

  private static String endian(java.nio.ByteOrder o) {
    return o == java.nio.ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
  }
}
