package io.bpf4j.kernel;

import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.util.List;

/**
 * Feature probes: which program types, map types and helpers the running kernel has, found
 * the way bpftool finds them — by loading the smallest program or creating the smallest map
 * of the kind and reading the kernel's answer. Every probe cleans up after itself.
 */
public final class Features {
  private final Bpf bpf;

  private Features(Bpf bpf) {
    this.bpf = bpf;
  }

  /** Probes of the real kernel. */
  public static Features system() {
    return new Features(Bpf.system());
  }

  /** Probes through another system layer. */
  public static Features on(Bpf bpf) {
    return new Features(bpf);
  }

  /** The answer to one probe, with the kernel's words when it said no. */
  public record Probe(boolean available, String detail) {}

  private static final List<Insn> RET0 = List.of(Insn.of(0xb7, 0, 0, 0, 0), Insn.of(0x95, 0, 0, 0, 0));

  /**
   * Whether programs of {@code type} can be loaded. A type the kernel knows either loads the
   * trivial program or is refused by the verifier with a log (it wants an attach target); an
   * unknown type is refused with EINVAL before the verifier writes anything.
   */
  public Probe progType(ProgType type) {
    try (KernelProgram p = KernelProgram.load(bpf, ProgramOptions.builder(type, RET0).build())) {
      return new Probe(p.fd() >= 0, "");
    } catch (BpfException e) {
      boolean known = e.errno() != Errno.EINVAL || !e.log().isBlank();
      if (e.errno() == Errno.EPERM) {
        return new Probe(false, "EPERM (are you root?)");
      }
      return new Probe(known, known ? "needs an attach target: " + e.errnoName() : e.errnoName());
    }
  }

  /** Whether maps of {@code type} can be created (with the sizes that type needs). */
  public Probe mapType(MapType type) {
    MapOptions o = switch (type) {
      case RINGBUF, USER_RINGBUF -> MapOptions.of(type, 0, 0, 4096);
      case QUEUE, STACK -> MapOptions.of(type, 0, 4, 1);
      case LPM_TRIE -> MapOptions.of(type, 8, 4, 1).withFlags(MapOptions.F_NO_PREALLOC);
      case BLOOM_FILTER -> MapOptions.of(type, 0, 4, 1);
      case CGROUP_STORAGE, PERCPU_CGROUP_STORAGE -> MapOptions.of(type, 12, 4, 0);
      case SK_STORAGE, INODE_STORAGE, TASK_STORAGE, CGRP_STORAGE, STRUCT_OPS, ARENA ->
          MapOptions.of(type, 4, 4, 1).withFlags(MapOptions.F_NO_PREALLOC);
      default -> MapOptions.of(type, 4, 4, 1);
    };
    KernelMap inner = null;
    try {
      if (type == MapType.ARRAY_OF_MAPS || type == MapType.HASH_OF_MAPS) {
        inner = KernelMap.create(bpf, MapOptions.of(MapType.ARRAY, 4, 4, 1));
        o = o.withInnerMapFd(inner.fd());
      }
      try (KernelMap m = KernelMap.create(bpf, o)) {
        return new Probe(m.fd() >= 0, "");
      }
    } catch (BpfException e) {
      if (e.errno() == Errno.EPERM) {
        return new Probe(false, "EPERM (are you root?)");
      }
      // storage and struct_ops maps need BTF: the kernel knows them if it asks for it
      boolean needsBtf = (type == MapType.SK_STORAGE || type == MapType.INODE_STORAGE
          || type == MapType.TASK_STORAGE || type == MapType.CGRP_STORAGE
          || type == MapType.STRUCT_OPS) && e.errno() != Errno.EINVAL;
      return new Probe(needsBtf, e.errnoName());
    } finally {
      if (inner != null) {
        inner.close();
      }
    }
  }

  /**
   * Whether programs of {@code type} may call helper {@code id}: the verifier says
   * "invalid func" or "unknown func" when not; any other answer (even a refusal over the
   * arguments) means the helper is there.
   */
  public Probe helper(ProgType type, int id) {
    List<Insn> code = List.of(Insn.of(0x85, 0, 0, 0, id), Insn.of(0xb7, 0, 0, 0, 0), Insn.of(0x95, 0, 0, 0, 0));
    try (KernelProgram p = KernelProgram.load(bpf, ProgramOptions.builder(type, code).build())) {
      return new Probe(p.fd() >= 0, "");
    } catch (BpfException e) {
      String log = e.log();
      if (log.contains("invalid func ") || log.contains("unknown func ")) {
        return new Probe(false, "unknown to " + type.kernelName());
      }
      if (log.contains("program of this type cannot use helper")) {
        return new Probe(false, "not allowed for " + type.kernelName());
      }
      if (log.isBlank()) {
        return new Probe(false, e.errnoName());
      }
      return new Probe(true, "");
    }
  }
}
