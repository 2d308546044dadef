package io.bpf4j.elf;

import io.bpf4j.btf.CoreRelo;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.List;

/**
 * One program of an object, linked as libbpf links it: its own code followed by the
 * subprograms it calls (each appended once, in the order first called), calls and function
 * pointers fixed up, map and global-data references rewritten to map indexes (see
 * {@link Relocation}). Immutable.
 *
 * <p>Positions ({@link Relocation#slot()}, {@link FuncInfo#slot()}, {@link LineInfo#slot()},
 * {@link Function#slot()}) count 8-byte slots, as the kernel does: {@code lddw} takes two.
 *
 * @param name the program's name (its function symbol)
 * @param section what the ELF section name says
 * @param insns the linked instructions
 * @param relocations what the instructions refer to
 * @param functions the functions in the linked code, the program itself first
 * @param funcInfos BTF function info for the linked code
 * @param lineInfos BTF line info for the linked code
 * @param coreRelos CO-RE relocations not yet applied (see {@link ObjectSpec#relocateCore})
 * @param license the object's license
 */
public record ProgramSpec(
    String name,
    SectionName section,
    List<Insn> insns,
    List<Relocation> relocations,
    List<Function> functions,
    List<FuncInfo> funcInfos,
    List<LineInfo> lineInfos,
    List<CoreRelo> coreRelos,
    String license) {

  /** A function inside the linked code: its name and first slot. */
  public record Function(String name, int slot) {}

  /** Copies the lists. */
  public ProgramSpec {
    insns = List.copyOf(insns);
    relocations = List.copyOf(relocations);
    functions = List.copyOf(functions);
    funcInfos = List.copyOf(funcInfos);
    lineInfos = List.copyOf(lineInfos);
    coreRelos = List.copyOf(coreRelos);
  }

  /** The program type from the section name ({@code UNSPEC} when unknown). */
  public ProgType type() {
    return section.type();
  }

  /** The expected attach type, or null. */
  public AttachType attachType() {
    return section.attach();
  }

  /** The attach target from the section name, empty when none. */
  public String attachTarget() {
    return section.target();
  }

  /** Number of 8-byte slots the code takes (what the kernel counts). */
  public int slotCount() {
    int n = 0;
    for (Insn i : insns) {
      n += i.slots();
    }
    return n;
  }

  /** Index in {@link #insns()} of the instruction at {@code slot}, or -1. */
  public int indexOfSlot(int slot) {
    int s = 0;
    for (int i = 0; i < insns.size(); i++) {
      if (s == slot) {
        return i;
      }
      s += insns.get(i).slots();
      if (s > slot) {
        return -1;
      }
    }
    return -1;
  }

  /** A copy with other instructions (same length), for CO-RE and variable setting. */
  ProgramSpec withInsns(List<Insn> newInsns, List<CoreRelo> remainingCore) {
    return new ProgramSpec(name, section, newInsns, relocations, functions, funcInfos, lineInfos,
        remainingCore, license);
  }
}
