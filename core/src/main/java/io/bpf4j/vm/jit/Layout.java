package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.verifier.RangeFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What the compiler needs to know about a program before emitting code: slot positions, branch
 * targets, the bpf-to-bpf functions, whether a run needs a stack and a state, and how large
 * functions are cut into regions ({@link Splitter}). Rejects programs it cannot compile, naming
 * the instruction.
 */
final class Layout {
  /** Numbers reported on the compiled program. */
  record Stats(int functions, int regions, int methods, int largestMethod) {}

  /** A bpf-to-bpf function: instructions {@code [start, end)}; regions when split. */
  static final class Fn {
    final int id;
    final int start;
    final int end;
    List<Region> regions = List.of();

    Fn(int id, int start, int end) {
      this.id = id;
      this.start = start;
      this.end = end;
    }

    boolean split() {
      return !regions.isEmpty();
    }
  }

  /** A piece of a split function, compiled as its own JVM method. */
  static final class Region {
    final int id;
    final int start;
    final int end;
    /** Instructions where control enters from outside, sorted; the first is {@code start}. */
    int[] entries = new int[0];

    Region(int id, int start, int end) {
      this.id = id;
      this.start = start;
      this.end = end;
    }
  }

  /**
   * The instructions compiled: the program's, with each {@code lddw rX, BPF_PSEUDO_FUNC}
   * made an {@code lddw} of its subprogram's slot (the value a callback argument holds).
   */
  final List<Insn> insns;
  final int[] slotOf;
  private final int[] indexOfSlot;
  final Fn[] fns;
  private final int[] fnOf;
  /** Branch target (instruction index) of each branch, or -1. */
  final int[] target;
  /** Callee function of each local call, or -1. */
  final int[] callee;
  /** Region of each instruction (only in split functions), or -1. */
  final int[] regionOf;
  final List<Region> regions = new ArrayList<>();
  /** True when a run needs a {@link JitState}: stack, helpers, calls, regions. */
  final boolean needsState;
  /** The slots of the subprograms that {@code lddw} instructions name (callbacks), sorted. */
  final int[] callbackSlots;

  /** The verifier's facts about register values (none when compiled without them). */
  final RangeFacts facts;

  Layout(List<Insn> source, int directLimit, int regionBudget) {
    this(source, directLimit, regionBudget, RangeFacts.none());
  }

  Layout(List<Insn> source, int directLimit, int regionBudget, RangeFacts facts) {
    this.facts = facts;
    List<Insn> insns = source;
    int n = insns.size();
    if (n == 0) {
      throw new IllegalArgumentException("empty program");
    }
    slotOf = new int[n + 1];
    int slots = 0;
    for (int i = 0; i < n; i++) {
      slotOf[i] = slots;
      slots += insns.get(i).slots();
    }
    slotOf[n] = slots;
    if (facts.slots() != 0 && facts.slots() != slots) {
      throw new IllegalArgumentException("the verifier's facts are for " + facts.slots()
          + " slots, the program has " + slots + ": facts of another program?");
    }
    if (slots > MAX_INSNS) {
      throw new IllegalArgumentException(
          "program has " + slots + " instructions (at most " + MAX_INSNS + ")");
    }
    indexOfSlot = new int[slots + 1];
    Arrays.fill(indexOfSlot, -1);
    for (int i = 0; i <= n; i++) {
      indexOfSlot[slotOf[i]] = i;
    }
    // function addresses (callbacks): the subprogram's slot, and the subprogram is a function
    TreeSet<Integer> callbacks = new TreeSet<>();
    List<Insn> resolved = new ArrayList<>(source);
    for (int i = 0; i < n; i++) {
      Insn in = source.get(i);
      if (in.isLddw() && in.src() == PSEUDO_FUNC) {
        long slot = (long) slotOf[i] + 1 + in.imm32();
        if (slot < 0 || slot >= slots || indexOfSlot[(int) slot] < 0) {
          throw error(i, "function address: slot " + slot + " is not the start of an instruction");
        }
        callbacks.add((int) slot);
        resolved.set(i, in.withSrc(PSEUDO_NONE).withImm(slot));
      }
    }
    this.insns = List.copyOf(resolved);
    insns = this.insns;
    callbackSlots = callbacks.stream().mapToInt(Integer::intValue).toArray();
    target = new int[n];
    callee = new int[n];
    Arrays.fill(target, -1);
    Arrays.fill(callee, -1);
    TreeSet<Integer> entries = new TreeSet<>();
    entries.add(0);
    for (int slot : callbackSlots) {
      entries.add(indexOfSlot[slot]);
    }
    boolean state = false;
    for (int i = 0; i < n; i++) {
      Insn in = insns.get(i);
      check(in, i);
      if (in.isBranch()) {
        target[i] = resolve(i, in.branchOffset(), "jump");
      } else if (in.isLocalCall()) {
        int t = resolve(i, (int) in.imm(), "call");
        if (t == n) {
          throw error(i, "call target is past the end of the program");
        }
        callee[i] = t;
        entries.add(t);
      }
      if (in.isCall() || usesR10(in)) {
        state = true;
      }
    }
    Integer[] starts = entries.toArray(new Integer[0]);
    fns = new Fn[starts.length];
    fnOf = new int[n];
    for (int f = 0; f < starts.length; f++) {
      int end = f + 1 < starts.length ? starts[f + 1] : n;
      fns[f] = new Fn(f, starts[f], end);
      Arrays.fill(fnOf, starts[f], end, f);
    }
    for (int i = 0; i < n; i++) {
      if (callee[i] >= 0) {
        callee[i] = fnOf[callee[i]];
      }
      if (target[i] >= 0 && (target[i] == n || fnOf[target[i]] != fnOf[i])) {
        throw error(i, "jump leaves its function (to instruction " + target[i] + ")");
      }
    }
    regionOf = new int[n];
    Arrays.fill(regionOf, -1);
    for (Fn fn : fns) {
      Splitter.split(this, fn, directLimit, regionBudget);
    }
    // split functions pass registers through the state
    needsState = state || !regions.isEmpty();
  }

  /** The function that starts at {@code slot}. */
  Fn fnAtSlot(int slot) {
    return fns[fnOf[indexOfSlot[slot]]];
  }

  int fnOf(int i) {
    return fnOf[i];
  }

  private int[] narrow;

  /** True when register {@code reg} holds a value below 2^32 before instruction {@code i}. */
  boolean narrow(int i, int reg) {
    if (narrow == null) {
      narrow = Narrow.analyze(this);
    }
    return (narrow[i] & (1 << reg)) != 0;
  }

  /**
   * True when register {@code reg} holds a scalar in [0, 2^63) before instruction {@code i} on
   * every path (the verifier's {@link RangeFacts#nonNegative}).
   */
  boolean nonNegative(int i, int reg) {
    return (facts.nonNegative(slotOf[i]) & (1 << reg)) != 0;
  }

  /** True when the low half of {@code reg} is in [0, 2^31) before {@code i} on every path. */
  boolean nonNegative32(int i, int reg) {
    return (facts.nonNegative32(slotOf[i]) & (1 << reg)) != 0;
  }

  /** The verifier's narrow registers before {@code i} (bit mask), 0 without facts. */
  int factsNarrow(int i) {
    return facts.narrow(slotOf[i]) & ((1 << REGISTER_COUNT) - 1);
  }

  private int[] liveOut;

  /** True when division or modulo {@code i} has a result only compared with zero. */
  boolean onlyTested(int i) {
    if (liveOut == null) {
      liveOut = Liveness.analyze(this);
    }
    return Liveness.onlyTested(this, liveOut, i);
  }

  Region newRegion(int start, int end) {
    Region r = new Region(regions.size(), start, end);
    regions.add(r);
    Arrays.fill(regionOf, start, end, r.id);
    return r;
  }

  private int resolve(int i, int rel, String what) {
    long slot = (long) slotOf[i] + insns.get(i).slots() + rel;
    if (slot < 0 || slot > slotOf[insns.size()] || indexOfSlot[(int) slot] < 0) {
      throw error(i, what + " target slot " + slot + " is not the start of an instruction");
    }
    return indexOfSlot[(int) slot];
  }

  private static boolean usesR10(Insn in) {
    if (in.isCall() && in.opcode() != (JMP | CALL | X)) {
      return false;
    }
    boolean srcIsReg =
        switch (in.cls()) {
          case LDX, STX -> true;
          case ALU, ALU64, JMP, JMP32 -> (in.opcode() & X) != 0;
          default -> false;
        };
    return in.dst() == FP || (srcIsReg && in.src() == FP);
  }

  private void check(Insn in, int i) {
    String p = InsnCodec.problem(in);
    if (p != null) {
      throw error(i, p);
    }
    int op = in.opcode();
    if (op == LDDW && in.src() != PSEUDO_NONE) {
      throw error(i, "lddw with source " + in.src()
          + " must be resolved by the loader before compiling (maps, functions, BTF ids)");
    }
    if (in.cls() == LD && op != LDDW) {
      throw error(i, "legacy packet loads (ABS/IND) are not supported by the JIT");
    }
    if (op == (JMP | CALL) && in.src() == CALL_KFUNC) {
      throw error(i, "kfunc calls are not supported by the JIT");
    }
  }

  IllegalArgumentException error(int i, String message) {
    return new IllegalArgumentException(
        "instruction " + i + " (slot " + slotOf[i] + "): " + message);
  }
}
