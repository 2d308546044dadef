package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A builder of programs in Java, with typed registers and labels that are resolved when the
 * program is built. Methods are named as the {@link Assembler}'s mnemonics; the 32-bit forms
 * end in {@code 32}.
 *
 * {@snippet :
 * import static io.bpf4j.isa.Reg.*;
 *
 * List<Insn> p = new Asm()
 *     .mov(R0, 0).add(R1, 22).jgt(R1, 4, "out").ldxw(R0, R1, 4)
 *     .label("out").exit()
 *     .build();
 * }
 *
 * <p>The arithmetic methods ({@code add}, {@code mov32}, {@code bswap}, ...) are inherited
 * from {@code AsmArith}. {@link #build()} throws {@link IllegalStateException} naming the
 * label and the instruction for an unknown or duplicate label, or a jump too far for its
 * 16-bit offset. A builder may be reused after {@code build}; it keeps its instructions.
 */
public final class Asm extends AsmArith {
  private enum Fix { OFFSET, IMM }

  private record Pending(int index, String label, Fix fix) {}

  private final List<Insn> insns = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();
  private final List<String> duplicates = new ArrayList<>();

  /** An empty program. */
  public Asm() {}

  /** Appends an instruction as it is. */
  public Asm raw(Insn in) {
    insns.add(in);
    return this;
  }

  /** Defines {@code name} at the next instruction. */
  public Asm label(String name) {
    if (labels.putIfAbsent(name, insns.size()) != null) {
      duplicates.add(name);
    }
    return this;
  }

  /** The instructions, with every label resolved. */
  public List<Insn> build() {
    if (!duplicates.isEmpty()) {
      throw new IllegalStateException("duplicate label '" + duplicates.getFirst() + "'");
    }
    int[] slotOf = new int[insns.size() + 1];
    for (int i = 0; i < insns.size(); i++) {
      slotOf[i + 1] = slotOf[i] + insns.get(i).slots();
    }
    List<Insn> out = new ArrayList<>(insns);
    for (Pending p : pending) {
      Integer target = labels.get(p.label());
      if (target == null) {
        throw new IllegalStateException(
            "unknown label '" + p.label() + "' in instruction " + p.index());
      }
      if (target == insns.size()) {
        throw new IllegalStateException("label '" + p.label() + "' is not followed by an "
            + "instruction (used in instruction " + p.index() + ")");
      }
      int rel = slotOf[target] - (slotOf[p.index()] + 1);
      Insn in = out.get(p.index());
      if (p.fix() == Fix.OFFSET) {
        if (rel < Short.MIN_VALUE || rel > Short.MAX_VALUE) {
          throw new IllegalStateException("jump to '" + p.label() + "' in instruction "
              + p.index() + " is " + rel + " slots, too far for a 16-bit offset (use gotol)");
        }
        out.set(p.index(), in.withOffset(rel));
      } else {
        out.set(p.index(), in.withImm(rel));
      }
    }
    return List.copyOf(out);
  }

  /** The instructions encoded as little-endian bytes. */
  public byte[] bytes() {
    return InsnCodec.encode(build());
  }

  @Override
  Asm emit(int op, Reg dst, Reg src, int off, long imm) {
    insns.add(new Insn(op, dst.n(), src.n(), off, imm));
    return this;
  }

  private Asm jump(int op, Reg dst, Reg src, long imm, String label) {
    pending.add(new Pending(insns.size(), label, Fix.OFFSET));
    return emit(op, dst, src, 0, imm);
  }

  // ---- memory: dst = *(size *)(src + off), *(size *)(dst + off) = src/imm ----
  /** Loads a byte. */
  public Asm ldxb(Reg d, Reg s, int off) {
    return emit(LDX | MEM | B, d, s, off, 0);
  }

  /** Loads a half word. */
  public Asm ldxh(Reg d, Reg s, int off) {
    return emit(LDX | MEM | H, d, s, off, 0);
  }

  /** Loads a word. */
  public Asm ldxw(Reg d, Reg s, int off) {
    return emit(LDX | MEM | W, d, s, off, 0);
  }

  /** Loads a double word. */
  public Asm ldxdw(Reg d, Reg s, int off) {
    return emit(LDX | MEM | DW, d, s, off, 0);
  }

  /** Loads a byte, sign-extended. */
  public Asm ldxsb(Reg d, Reg s, int off) {
    return emit(LDX | MEMSX | B, d, s, off, 0);
  }

  /** Loads a half word, sign-extended. */
  public Asm ldxsh(Reg d, Reg s, int off) {
    return emit(LDX | MEMSX | H, d, s, off, 0);
  }

  /** Loads a word, sign-extended. */
  public Asm ldxsw(Reg d, Reg s, int off) {
    return emit(LDX | MEMSX | W, d, s, off, 0);
  }

  /** Stores a byte register. */
  public Asm stxb(Reg d, int off, Reg s) {
    return emit(STX | MEM | B, d, s, off, 0);
  }

  /** Stores a half-word register. */
  public Asm stxh(Reg d, int off, Reg s) {
    return emit(STX | MEM | H, d, s, off, 0);
  }

  /** Stores a word register. */
  public Asm stxw(Reg d, int off, Reg s) {
    return emit(STX | MEM | W, d, s, off, 0);
  }

  /** Stores a double-word register. */
  public Asm stxdw(Reg d, int off, Reg s) {
    return emit(STX | MEM | DW, d, s, off, 0);
  }

  /** Stores a byte immediate. */
  public Asm stb(Reg d, int off, int imm) {
    return emit(ST | MEM | B, d, Reg.R0, off, imm);
  }

  /** Stores a half-word immediate. */
  public Asm sth(Reg d, int off, int imm) {
    return emit(ST | MEM | H, d, Reg.R0, off, imm);
  }

  /** Stores a word immediate. */
  public Asm stw(Reg d, int off, int imm) {
    return emit(ST | MEM | W, d, Reg.R0, off, imm);
  }

  /** Stores a double-word immediate. */
  public Asm stdw(Reg d, int off, int imm) {
    return emit(ST | MEM | DW, d, Reg.R0, off, imm);
  }

  // ---- atomics on *(dst + off) with src ----
  /**
   * An atomic operation: {@code size} {@link Opcodes#W} or {@link Opcodes#DW}, {@code op} one
   * of {@link Opcodes#ADD}, {@code OR}, {@code AND}, {@code XOR} (each optionally {@code |
   * FETCH}), {@link Opcodes#XCHG}, {@link Opcodes#CMPXCHG}.
   */
  public Asm atomic(int size, int op, Reg d, int off, Reg s) {
    return emit(STX | ATOMIC | size, d, s, off, op);
  }

  /** {@code lock *(u64 *)(dst + off) += src}. */
  public Asm lockAdd(Reg d, int off, Reg s) {
    return atomic(DW, ADD, d, off, s);
  }

  /** {@code lock *(u32 *)(dst + off) += src}. */
  public Asm lockAdd32(Reg d, int off, Reg s) {
    return atomic(W, ADD, d, off, s);
  }

  /** {@code src = atomic_fetch_add((u64 *)(dst + off), src)}. */
  public Asm fetchAdd(Reg d, int off, Reg s) {
    return atomic(DW, ADD | FETCH, d, off, s);
  }

  /** {@code src = atomic_fetch_add((u32 *)(dst + off), src)}. */
  public Asm fetchAdd32(Reg d, int off, Reg s) {
    return atomic(W, ADD | FETCH, d, off, s);
  }

  /** {@code src = xchg(*(u64 *)(dst + off), src)}. */
  public Asm xchg(Reg d, int off, Reg s) {
    return atomic(DW, XCHG, d, off, s);
  }

  /** {@code src = xchg(*(u32 *)(dst + off), src)}. */
  public Asm xchg32(Reg d, int off, Reg s) {
    return atomic(W, XCHG, d, off, s);
  }

  /** {@code r0 = cmpxchg(*(u64 *)(dst + off), r0, src)}. */
  public Asm cmpxchg(Reg d, int off, Reg s) {
    return atomic(DW, CMPXCHG, d, off, s);
  }

  /** {@code r0 = cmpxchg(*(u32 *)(dst + off), r0, src)}. */
  public Asm cmpxchg32(Reg d, int off, Reg s) {
    return atomic(W, CMPXCHG, d, off, s);
  }

  // ---- 64-bit immediates (lddw) ----
  /** {@code dst = imm} (64 bits). */
  public Asm lddw(Reg d, long imm) {
    return emit(LDDW, d, Reg.R0, 0, imm);
  }

  /** {@code BPF_PSEUDO_MAP_FD}: the map with file descriptor {@code fd}. */
  public Asm ldMapFd(Reg d, int fd) {
    return emit(LDDW, d, Reg.of(PSEUDO_MAP_FD), 0, fd);
  }
  /** {@code BPF_PSEUDO_MAP_VALUE}: the address of the value of map {@code fd}, plus {@code off}. */
  public Asm ldMapValue(Reg d, int fd, int off) {
    return emit(LDDW, d, Reg.of(PSEUDO_MAP_VALUE), 0, ((long) off << 32) | (fd & 0xffffffffL));
  }
  /** {@code BPF_PSEUDO_BTF_ID}: a kernel variable by BTF id. */
  public Asm ldBtfId(Reg d, int id) {
    return emit(LDDW, d, Reg.of(PSEUDO_BTF_ID), 0, id);
  }
  /** {@code BPF_PSEUDO_MAP_IDX}: the map at {@code index} of the program's map table. */
  public Asm ldMapIdx(Reg d, int index) {
    return emit(LDDW, d, Reg.of(PSEUDO_MAP_IDX), 0, index);
  }
  /** {@code BPF_PSEUDO_MAP_IDX_VALUE}: the value of the map at {@code index}, plus {@code off}. */
  public Asm ldMapIdxValue(Reg d, int index, int off) {
    return emit(LDDW, d, Reg.of(PSEUDO_MAP_IDX_VALUE),
        0, ((long) off << 32) | (index & 0xffffffffL));
  }

  /** {@code BPF_PSEUDO_FUNC}: the address of the function at {@code label}. */
  public Asm ldFunc(Reg d, String label) {
    pending.add(new Pending(insns.size(), label, Fix.IMM));
    return emit(LDDW, d, Reg.of(PSEUDO_FUNC), 0, 0);
  }

  // ---- jumps and calls ----
  /** Jumps to {@code label} (16-bit offset). */
  public Asm ja(String label) {
    return jump(JMP | JA, Reg.R0, Reg.R0, 0, label);
  }

  /** Jumps to {@code label} with a 32-bit offset ({@code gotol}, v4). */
  public Asm gotol(String label) {
    pending.add(new Pending(insns.size(), label, Fix.IMM));
    return emit(JMP32 | JA, Reg.R0, Reg.R0, 0, 0);
  }

  /** A conditional jump: {@code cond} one of {@link Opcodes#JEQ}..{@link Opcodes#JSLE}. */
  public Asm jmp(int cond, Reg d, Reg s, String label) {
    return jump(JMP | cond | X, d, s, 0, label);
  }
  /** A conditional jump on an immediate. */
  public Asm jmp(int cond, Reg d, int imm, String label) {
    return jump(JMP | cond | K, d, Reg.R0, imm, label);
  }
  /** A conditional jump on the low 32 bits. */
  public Asm jmp32(int cond, Reg d, Reg s, String label) {
    return jump(JMP32 | cond | X, d, s, 0, label);
  }
  /** A conditional jump on the low 32 bits and an immediate. */
  public Asm jmp32(int cond, Reg d, int imm, String label) {
    return jump(JMP32 | cond | K, d, Reg.R0, imm, label);
  }

  /** if dst == src. */
  public Asm jeq(Reg d, Reg s, String l) {
    return jmp(JEQ, d, s, l);
  }

  /** if dst == imm. */
  public Asm jeq(Reg d, int i, String l) {
    return jmp(JEQ, d, i, l);
  }

  /** if dst != src. */
  public Asm jne(Reg d, Reg s, String l) {
    return jmp(JNE, d, s, l);
  }

  /** if dst != imm. */
  public Asm jne(Reg d, int i, String l) {
    return jmp(JNE, d, i, l);
  }

  /** if dst > src, unsigned. */
  public Asm jgt(Reg d, Reg s, String l) {
    return jmp(JGT, d, s, l);
  }

  /** if dst > imm, unsigned. */
  public Asm jgt(Reg d, int i, String l) {
    return jmp(JGT, d, i, l);
  }

  /** if dst >= src, unsigned. */
  public Asm jge(Reg d, Reg s, String l) {
    return jmp(JGE, d, s, l);
  }

  /** if dst >= imm, unsigned. */
  public Asm jge(Reg d, int i, String l) {
    return jmp(JGE, d, i, l);
  }

  /** if dst < src, unsigned. */
  public Asm jlt(Reg d, Reg s, String l) {
    return jmp(JLT, d, s, l);
  }

  /** if dst < imm, unsigned. */
  public Asm jlt(Reg d, int i, String l) {
    return jmp(JLT, d, i, l);
  }

  /** if dst <= src, unsigned. */
  public Asm jle(Reg d, Reg s, String l) {
    return jmp(JLE, d, s, l);
  }

  /** if dst <= imm, unsigned. */
  public Asm jle(Reg d, int i, String l) {
    return jmp(JLE, d, i, l);
  }

  /** if dst > src, signed. */
  public Asm jsgt(Reg d, Reg s, String l) {
    return jmp(JSGT, d, s, l);
  }

  /** if dst > imm, signed. */
  public Asm jsgt(Reg d, int i, String l) {
    return jmp(JSGT, d, i, l);
  }

  /** if dst >= src, signed. */
  public Asm jsge(Reg d, Reg s, String l) {
    return jmp(JSGE, d, s, l);
  }

  /** if dst >= imm, signed. */
  public Asm jsge(Reg d, int i, String l) {
    return jmp(JSGE, d, i, l);
  }

  /** if dst < src, signed. */
  public Asm jslt(Reg d, Reg s, String l) {
    return jmp(JSLT, d, s, l);
  }

  /** if dst < imm, signed. */
  public Asm jslt(Reg d, int i, String l) {
    return jmp(JSLT, d, i, l);
  }

  /** if dst <= src, signed. */
  public Asm jsle(Reg d, Reg s, String l) {
    return jmp(JSLE, d, s, l);
  }

  /** if dst <= imm, signed. */
  public Asm jsle(Reg d, int i, String l) {
    return jmp(JSLE, d, i, l);
  }

  /** if dst & src. */
  public Asm jset(Reg d, Reg s, String l) {
    return jmp(JSET, d, s, l);
  }

  /** if dst & imm. */
  public Asm jset(Reg d, int i, String l) {
    return jmp(JSET, d, i, l);
  }

  /** Calls helper {@code id} ({@code io.bpf4j.uapi.HelperId}). */
  public Asm call(int id) {
    return emit(JMP | CALL, Reg.R0, Reg.of(CALL_HELPER), 0, id);
  }

  /** Calls the local function at {@code label} (bpf-to-bpf call). */
  public Asm callLocal(String label) {
    pending.add(new Pending(insns.size(), label, Fix.IMM));
    return emit(JMP | CALL, Reg.R0, Reg.of(CALL_LOCAL), 0, 0);
  }

  /** Calls a kernel function by BTF id. */
  public Asm callKfunc(int btfId) {
    return emit(JMP | CALL, Reg.R0, Reg.of(CALL_KFUNC), 0, btfId);
  }

  /** Calls the function whose address is in {@code target} ({@code callx}). */
  public Asm callx(Reg target) {
    return emit(JMP | CALL | X, target, Reg.R0, 0, 0);
  }

  /** Returns r0 from the current function. */
  public Asm exit() {
    return emit(JMP | EXIT, Reg.R0, Reg.R0, 0, 0);
  }
}
