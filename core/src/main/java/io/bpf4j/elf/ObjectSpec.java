package io.bpf4j.elf;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Everything an eBPF object file holds, as libbpf sees it: programs, maps (global data
 * included), global variables, externs, license, kernel version and BTF. Immutable and
 * deterministic: reading the same bytes gives an equal spec; nothing here touches the
 * kernel. Backends (the JVM, the kernel) turn a spec into live objects.
 *
 * {@snippet :
 * ObjectSpec obj = ObjectReader.read(java.nio.file.Path.of("prog.o"));
 * obj = obj.withVariable("max_port", 8080);         // libbpf's const volatile pattern
 * for (ProgramSpec p : obj.programs()) {
 *   System.out.println(p.name() + " " + p.type() + " " + p.insns().size());
 * }
 * }
 *
 * @param name the object's name (the file name without {@code .o})
 * @param programs the programs, in section then symbol order
 * @param maps the maps: BTF-defined, legacy, then global data and {@code .kconfig}
 * @param variables the global variables of the global-data maps
 * @param externs the externs ({@code .kconfig}, {@code .ksyms})
 * @param license the {@code license} section's string, empty when absent
 * @param kernelVersion the {@code version} section's value, 0 when absent
 * @param btf the object's BTF, or null when it has none
 * @param order the object's byte order
 */
public record ObjectSpec(
    String name,
    List<ProgramSpec> programs,
    List<MapSpec> maps,
    List<GlobalVar> variables,
    List<Extern> externs,
    String license,
    int kernelVersion,
    Btf btf,
    ByteOrder order) {

  /** Copies the lists. */
  public ObjectSpec {
    programs = List.copyOf(programs);
    maps = List.copyOf(maps);
    variables = List.copyOf(variables);
    externs = List.copyOf(externs);
  }

  /** The program with that name. */
  public ProgramSpec program(String progName) {
    for (ProgramSpec p : programs) {
      if (p.name().equals(progName)) {
        return p;
      }
    }
    throw new NoSuchElementException("no program '" + progName + "' in " + name + " (have " + names(programs.stream().map(ProgramSpec::name).toList()) + ")");
  }

  /** The map with that name. */
  public MapSpec map(String mapName) {
    return maps.get(mapIndex(mapName));
  }

  /** The index of the map with that name in {@link #maps()}. */
  public int mapIndex(String mapName) {
    for (int i = 0; i < maps.size(); i++) {
      if (maps.get(i).name().equals(mapName)) {
        return i;
      }
    }
    throw new NoSuchElementException("no map '" + mapName + "' in " + name + " (have " + names(maps.stream().map(MapSpec::name).toList()) + ")");
  }

  /** The global variable with that name. */
  public GlobalVar variable(String varName) {
    for (GlobalVar v : variables) {
      if (v.name().equals(varName)) {
        return v;
      }
    }
    throw new NoSuchElementException("no global variable '" + varName + "' in " + name);
  }

  /** The current initial bytes of a global variable. */
  public byte[] variableBytes(String varName) {
    GlobalVar v = variable(varName);
    byte[] d = map(v.map()).data();
    byte[] out = new byte[v.size()];
    System.arraycopy(d, v.offset(), out, 0, v.size());
    return out;
  }

  /** The current initial value of an integer variable of 1, 2, 4 or 8 bytes (sign-extended). */
  public long variableValue(String varName) {
    byte[] b = variableBytes(varName);
    ByteBuffer bb = ByteBuffer.wrap(b).order(order);
    return switch (b.length) {
      case 1 -> b[0];
      case 2 -> bb.getShort();
      case 4 -> bb.getInt();
      case 8 -> bb.getLong();
      default -> throw new IllegalArgumentException("variable '" + varName + "' is " + b.length + " bytes, not an integer");
    };
  }

  /**
   * A copy with a variable's initial bytes replaced, before the object is loaded; this is
   * how libbpf's {@code const volatile} configuration variables in {@code .rodata} are set.
   */
  public ObjectSpec withVariable(String varName, byte[] value) {
    GlobalVar v = variable(varName);
    if (value.length != v.size()) {
      throw new IllegalArgumentException("variable '" + varName + "' is " + v.size() + " bytes, got " + value.length);
    }
    int idx = mapIndex(v.map());
    MapSpec m = maps.get(idx);
    byte[] d = m.data();
    System.arraycopy(value, 0, d, v.offset(), value.length);
    List<MapSpec> ms = new ArrayList<>(maps);
    ms.set(idx, m.withData(d));
    return new ObjectSpec(name, programs, ms, variables, externs, license, kernelVersion, btf, order);
  }

  /** A copy with an integer variable of 1, 2, 4 or 8 bytes set, in the object's byte order. */
  public ObjectSpec withVariable(String varName, long value) {
    int size = variable(varName).size();
    ByteBuffer bb = ByteBuffer.allocate(size).order(order);
    switch (size) {
      case 1 -> bb.put((byte) value);
      case 2 -> bb.putShort((short) value);
      case 4 -> bb.putInt((int) value);
      case 8 -> bb.putLong(value);
      default -> throw new IllegalArgumentException("variable '" + varName + "' is " + size + " bytes, not an integer");
    }
    return withVariable(varName, bb.array());
  }

  /**
   * A copy with every CO-RE relocation resolved against {@code target} (the kernel's BTF,
   * {@code /sys/kernel/btf/vmlinux}, or another file) and applied to the instructions.
   *
   * @throws CoreException naming the program, instruction and relocation that cannot be
   *     resolved
   */
  public ObjectSpec relocateCore(Btf target) throws CoreException {
    return relocateCore(target, false);
  }

  /**
   * Like {@link #relocateCore(Btf)}; with {@code poison} true, an unresolvable relocation
   * makes its instruction an invalid helper call ({@code call 0xbad2310}) instead of failing,
   * as libbpf does for code that a {@code bpf_core_field_exists} guard keeps from running.
   */
  public ObjectSpec relocateCore(Btf target, boolean poison) throws CoreException {
    List<ProgramSpec> ps = new ArrayList<>(programs.size());
    for (ProgramSpec p : programs) {
      ps.add(CorePatcher.apply(p, btf, target, poison));
    }
    return new ObjectSpec(name, ps, maps, variables, externs, license, kernelVersion, btf, order);
  }

  private static String names(List<String> l) {
    return l.isEmpty() ? "none" : String.join(", ", l);
  }
}
