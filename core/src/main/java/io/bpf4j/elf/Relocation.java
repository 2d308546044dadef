package io.bpf4j.elf;

/**
 * What an instruction of a {@link ProgramSpec} refers to, after linking: the backend that
 * instantiates the program resolves these. {@link #slot()} is the instruction's slot in the
 * linked program.
 */
public sealed interface Relocation {
  /** Slot of the instruction ({@code lddw} or {@code call}) in the linked program. */
  int slot();

  /**
   * An {@code lddw} of a map: the instruction is written {@code src = BPF_PSEUDO_MAP_IDX},
   * {@code imm =} the map's index in {@link ObjectSpec#maps()}.
   */
  record MapRef(int slot, String map) implements Relocation {}

  /**
   * An {@code lddw} of an address inside a map's value (global data, {@code .kconfig}):
   * {@code src = BPF_PSEUDO_MAP_IDX_VALUE}, low imm the map index, high imm {@code offset}.
   */
  record MapValue(int slot, String map, int offset) implements Relocation {}

  /**
   * A bpf-to-bpf call, or an {@code lddw} of a function's address
   * ({@code src = BPF_PSEUDO_FUNC}): already fixed up to the callee's position in the
   * linked program.
   */
  record Subprog(int slot, String function) implements Relocation {}

  /**
   * A reference to an extern the kernel resolves: a kernel function called with
   * {@code src = BPF_PSEUDO_KFUNC_CALL}, or a kernel variable in an {@code lddw} with
   * {@code src = BPF_PSEUDO_BTF_ID}.
   */
  record ExternRef(int slot, String name) implements Relocation {}
}
