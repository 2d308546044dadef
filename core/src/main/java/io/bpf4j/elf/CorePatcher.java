package io.bpf4j.elf;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.Core;
import io.bpf4j.btf.CoreException;
import io.bpf4j.btf.CoreKind;
import io.bpf4j.btf.CoreRelo;
import io.bpf4j.btf.CoreResult;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import java.util.ArrayList;
import java.util.List;

/** Applies CO-RE results to a program's instructions, as libbpf's bpf_core_patch_insn. */
final class CorePatcher {
  private CorePatcher() {}

  /** libbpf's poison: {@code call 0xbad2310}, an unknown helper the verifier rejects if reached. */
  static final int POISON_CALL = 0xbad2310;

  static ProgramSpec apply(ProgramSpec p, Btf local, Btf target, boolean poison) throws CoreException {
    if (p.coreRelos().isEmpty()) {
      return p;
    }
    if (local == null) {
      throw new CoreException("program '" + p.name() + "': CO-RE relocations but no BTF");
    }
    List<Insn> insns = new ArrayList<>(p.insns());
    for (CoreRelo r : p.coreRelos()) {
      int i = p.indexOfSlot(r.slot());
      String where = "program '" + p.name() + "', instruction " + r.slot() + ": " + Core.describe(local, r);
      if (i < 0) {
        throw new CoreException(where + ": no instruction starts at that slot");
      }
      CoreResult res = Core.resolve(local, r, target);
      Insn in = insns.get(i);
      if (res.poison()) {
        if (!poison || in.isLddw()) {
          throw new CoreException(where + ": cannot resolve: " + res.reason());
        }
        insns.set(i, Insn.of(Opcodes.JMP | Opcodes.CALL, 0, 0, 0, POISON_CALL));
        continue;
      }
      insns.set(i, patch(in, res, r, where));
    }
    return p.withInsns(insns, List.of());
  }

  private static Insn patch(Insn in, CoreResult res, CoreRelo r, String where) throws CoreException {
    int cls = in.cls();
    long v = res.value();
    if (in.isLddw()) {
      if (res.validate() && in.imm() != res.original()) {
        throw new CoreException(where + ": lddw holds " + in.imm() + ", expected " + res.original());
      }
      return in.withImm(v);
    }
    if (Opcodes.isAlu(in.opcode()) && Opcodes.source(in.opcode()) == Opcodes.K) {
      if (res.validate() && in.imm32() != (int) res.original()) {
        throw new CoreException(where + ": immediate is " + in.imm32() + ", expected " + res.original());
      }
      if (v != (int) v && v != (v & 0xffffffffL)) {
        throw new CoreException(where + ": value " + v + " does not fit in 32 bits");
      }
      return in.withImm((int) v);
    }
    if (cls == Opcodes.LDX || cls == Opcodes.ST || cls == Opcodes.STX) {
      if (res.validate() && in.offset() != res.original()) {
        throw new CoreException(where + ": offset is " + in.offset() + ", expected " + res.original());
      }
      if (v > Short.MAX_VALUE || v < Short.MIN_VALUE) {
        throw new CoreException(where + ": offset " + v + " does not fit in 16 bits");
      }
      Insn out = in.withOffset((int) v);
      if (r.kind() == CoreKind.FIELD_BYTE_OFFSET && res.size() != res.originalSize() && res.originalSize() > 0
          && Opcodes.mode(in.opcode()) == Opcodes.MEM
          && Opcodes.sizeBytes(Opcodes.size(in.opcode())) == res.originalSize()) {
        int sz = switch (res.size()) {
          case 1 -> Opcodes.B;
          case 2 -> Opcodes.H;
          case 4 -> Opcodes.W;
          case 8 -> Opcodes.DW;
          default -> throw new CoreException(where + ": field size " + res.size() + " is not a load size");
        };
        out = Insn.of((out.opcode() & ~0x18) | sz, out.dst(), out.src(), out.offset(), out.imm());
      }
      return out;
    }
    throw new CoreException(where + String.format(": opcode 0x%02x cannot be relocated", in.opcode()));
  }
}
