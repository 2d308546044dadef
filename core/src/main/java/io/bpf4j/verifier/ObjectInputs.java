package io.bpf4j.verifier;

import io.bpf4j.btf.AttachTarget;
import io.bpf4j.btf.AttachTargetException;
import io.bpf4j.btf.AttachTargets;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.MapSpec;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.uapi.ProgType;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifier inputs from a loaded object: the program's linked instructions (maps referred to
 * by index, as the loader writes them), its maps with the spin lock found in the value's
 * BTF, its BTF line info, and for a BTF-typed tracing program its attach target in the
 * running kernel's BTF.
 */
public final class ObjectInputs {
  private ObjectInputs() {}

  /**
   * The input for one program of an object.
   *
   * @param type the program type, or null to take it from the section name
   */
  public static VerifierInput of(ObjectSpec obj, ProgramSpec prog, ProgType type,
      boolean privileged) {
    ObjectSpec relocated = relocated(obj);
    if (relocated != obj) {
      obj = relocated;
      prog = relocated.program(prog.name());
    }
    Map<Integer, MapInfo> maps = new HashMap<>();
    for (int i = 0; i < obj.maps().size(); i++) {
      maps.put(i, mapInfo(obj.btf(), obj.maps().get(i)));
    }
    Map<Integer, SourceLine> lines = new HashMap<>();
    for (LineInfo l : prog.lineInfos()) {
      lines.put(l.slot(), new SourceLine(l.file(), l.line(), l.text() == null ? ""
          : l.text().strip()));
    }
    ProgType t = type != null ? type : prog.type();
    return new VerifierInput(prog.name(), prog.insns(), t, maps, lines, privileged, false,
        prog.attachType(), target(prog, t), prog.section().sleepable());
  }

  /**
   * The attach target of a BTF-typed program ({@code tp_btf/}, {@code fentry/}, ...) in the
   * running kernel's BTF, or null for other programs.
   *
   * @throws IllegalArgumentException when it is not there, with a message naming the program,
   *     its section and the target ({@link AttachTargets#resolve})
   */
  public static AttachTarget target(ProgramSpec prog, ProgType type) {
    try {
      return AttachTargets.resolve(prog.name(), prog.section().section(), type,
          prog.attachType(), prog.attachTarget());
    } catch (AttachTargetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * {@code obj} with its CO-RE relocations resolved against the running kernel's BTF, as the
   * kernel backend (like libbpf) loads it: the verifier reads kernel structs by that BTF, so
   * it must see the offsets the kernel would (unresolvable relocations poisoned, as libbpf
   * does). {@code obj} itself when it has no CO-RE relocation or there is no kernel BTF.
   */
  public static ObjectSpec relocated(ObjectSpec obj) {
    var vmlinux = io.bpf4j.btf.KernelTypes.vmlinux();
    if (vmlinux.isEmpty() || obj.programs().stream().allMatch(p -> p.coreRelos().isEmpty())) {
      return obj;
    }
    try {
      return obj.relocateCore(vmlinux.get(), true);
    } catch (io.bpf4j.btf.CoreException e) {
      return obj;
    }
  }

  /** The verifier's view of a map spec. */
  public static MapInfo mapInfo(Btf btf, MapSpec m) {
    return new MapInfo(m.name(), m.type(), m.keySize(), m.valueSize(), m.maxEntries(),
        spinLockOffset(btf, m.valueTypeId()),
        m.innerMap() == null ? null : mapInfo(btf, m.innerMap()),
        structOffset(btf, m.valueTypeId(), "bpf_timer"), m.flags(),
        m.isGlobalData() && (m.flags() & MapInfo.F_RDONLY_PROG) != 0 ? m.data() : null);
  }

  /** Where {@code struct bpf_spin_lock} is in the value type (top level), or -1. */
  static int spinLockOffset(Btf btf, int valueType) {
    return structOffset(btf, valueType, "bpf_spin_lock");
  }

  /** Where a {@code struct NAME} member is in the value type (top level), or -1. */
  static int structOffset(Btf btf, int valueType, String name) {
    if (btf == null || valueType == 0) {
      return -1;
    }
    try {
      BtfType t = btf.type(btf.resolve(valueType));
      if (t instanceof BtfType.Struct s) {
        for (BtfType.Member mb : s.members()) {
          BtfType mt = btf.type(btf.resolve(mb.type()));
          if (mt instanceof BtfType.Struct ms && name.equals(ms.name())) {
            return mb.bitOffset() / 8;
          }
        }
      }
    } catch (RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
