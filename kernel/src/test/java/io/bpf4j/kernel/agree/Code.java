package io.bpf4j.kernel.agree;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.List;

/**
 * Instructions with symbolic jump and call targets, resolved to slot offsets at the end: a
 * jump's offset goes in its 16-bit offset, a {@code gotol}'s and a local call's in the
 * immediate.
 */
final class Code {
  private record Item(Insn insn, int target) {}

  private final List<Item> items = new ArrayList<>();
  private final List<Integer> labelSlot = new ArrayList<>();
  private int slots;

  int newLabel() {
    labelSlot.add(-1);
    return labelSlot.size() - 1;
  }

  void label(int label) {
    labelSlot.set(label, slots);
  }

  void add(Insn in) {
    items.add(new Item(in, -1));
    slots += in.slots();
  }

  /** A jump or call whose target is {@code label}. */
  void jump(Insn in, int label) {
    items.add(new Item(in, label));
    slots += 1;
  }

  List<Insn> resolve() {
    List<Insn> out = new ArrayList<>(items.size());
    int slot = 0;
    for (Item it : items) {
      Insn in = it.insn();
      if (it.target() >= 0) {
        int to = labelSlot.get(it.target());
        if (to < 0) {
          throw new IllegalStateException("label " + it.target() + " never placed");
        }
        int delta = to - (slot + 1);
        boolean inImm = in.opcode() == (JMP32 | JA) || in.opcode() == (JMP | CALL);
        in = inImm ? Insn.of(in.opcode(), in.dst(), in.src(), 0, delta)
            : Insn.of(in.opcode(), in.dst(), in.src(), delta, in.imm());
      }
      out.add(in);
      slot += in.slots();
    }
    return out;
  }
}
