package io.bpf4j.elf;

import io.bpf4j.isa.Insn;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * An executable section's code as it is in the file, before any linking or relocation: what
 * {@code llvm-objdump -d} shows. For disassemblers.
 *
 * @param name the section name
 * @param functions the function symbols of the section with their code, in address order
 * @param labels every symbol of the section by slot (functions and clang's {@code LBB}
 *     labels)
 * @param order the byte order of the object's code, in which llvm-objdump prints the bytes
 */
public record CodeSection(
    String name, List<Function> functions, Map<Long, String> labels, ByteOrder order) {
  /** A function: its symbol, first slot in the section and instructions. */
  public record Function(String name, long slot, List<Insn> insns) {
    /** Copies the instructions. */
    public Function {
      insns = List.copyOf(insns);
    }
  }

  /** Copies the lists. */
  public CodeSection {
    functions = List.copyOf(functions);
    labels = Map.copyOf(labels);
  }
}
