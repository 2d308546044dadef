package io.bpf4j.kernel;

import io.bpf4j.elf.ObjectSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * An {@link ObjectSpec} made live in the kernel, as libbpf's {@code bpf_object__load} does:
 * BTF uploaded, maps created (inner maps, pins by name reused or made), global data
 * written and {@code .rodata} frozen, map references in the code patched with real fds
 * ({@code BPF_PSEUDO_MAP_FD}, {@code BPF_PSEUDO_MAP_VALUE}), programs loaded with their
 * type, expected attach type, licence and BTF func/line info, then maps of maps and program
 * arrays filled. A failure closes and unpins whatever was made.
 */
public final class KernelObject implements AutoCloseable {
  private final Map<String, KernelMap> maps;
  private final Map<String, KernelProgram> programs;
  private final Btf btf;
  private final String btfProblem;

  private KernelObject(Map<String, KernelMap> maps, Map<String, KernelProgram> programs, Btf btf,
      String btfProblem) {
    this.maps = maps;
    this.programs = programs;
    this.btf = btf;
    this.btfProblem = btfProblem;
  }

  /** Loads into the real kernel; maps with {@code LIBBPF_PIN_BY_NAME} go under /sys/fs/bpf. */
  public static KernelObject load(ObjectSpec spec) {
    return load(Bpf.system(), spec, Path.of("/sys/fs/bpf"));
  }

  /** Loads through {@code bpf}, pinning by-name maps under {@code pinRoot}. */
  public static KernelObject load(Bpf bpf, ObjectSpec spec, Path pinRoot) {
    return new ObjectLoader(bpf, spec, pinRoot).load();
  }

  static KernelObject of(Map<String, KernelMap> maps, Map<String, KernelProgram> programs, Btf btf,
      String btfProblem) {
    return new KernelObject(maps, programs, btf, btfProblem);
  }

  /** The map with this name (as the object names it: {@code counts}, {@code globals.rodata}). */
  public KernelMap map(String name) {
    KernelMap m = maps.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no map '" + name + "' (have " + maps.keySet() + ")");
    }
    return m;
  }

  /** The program with this name (its function's name). */
  public KernelProgram program(String name) {
    KernelProgram p = programs.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no program '" + name + "' (have " + programs.keySet() + ")");
    }
    return p;
  }

  /** Every map, in the object's order. */
  public Map<String, KernelMap> maps() {
    return maps;
  }

  /** Every program, in the object's order. */
  public Map<String, KernelProgram> programs() {
    return programs;
  }

  /** Why the object's BTF was not uploaded (programs then load without func/line info), or null. */
  public String btfProblem() {
    return btfProblem;
  }

  /** Closes programs, maps and BTF (pins stay: they are meant to outlive the process). */
  @Override
  public void close() {
    programs.values().forEach(KernelProgram::close);
    maps.values().forEach(KernelMap::close);
    if (btf != null) {
      btf.close();
    }
  }
}
