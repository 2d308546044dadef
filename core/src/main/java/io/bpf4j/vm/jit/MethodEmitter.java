package io.bpf4j.vm.jit;

import static io.bpf4j.vm.jit.Descs.*;
import static java.lang.constant.ConstantDescs.CD_int;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.Opcodes;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;
import java.util.TreeMap;

/**
 * Emits the instructions {@code [from, to)} of one function into one JVM method: either the
 * whole function (direct mode: registers are the method's locals, {@code exit} is {@code
 * lreturn}) or one region of a split function (registers are loaded from and stored to the
 * thread's transfer area, leaving the region returns the next instruction).
 *
 * <p>Local variable slots: 0 the {@link JitState}; in direct mode r1..r5 and r10 are the
 * parameters (1..12), then r0, r6..r9; in a region, 1 is the entry instruction, 2 the
 * transfer array, then r0..r10, then the next-instruction value.
 *
 * <p>In direct mode, small innermost loops are emitted several times in a row ({@link
 * LoopCopies}): the emission is a list of entries, an instruction and its copy.
 */
final class MethodEmitter {
  static final int STATE = 0;

  final ClassEmitter cls;
  final Layout layout;
  final CodeBuilder cob;
  final Layout.Fn fn;
  final Layout.Region region;
  final int from;
  final int to;
  private final int[] regSlot = new int[Opcodes.REGISTER_COUNT];
  private final Label[] labels;
  /** Where each instruction comes in the emission order ({@link BlockOrder}). */
  private final int[] position;
  /** The instructions in emission order. */
  private int[] order;
  /** The loops emitted several times ({@link LoopCopies}), by position in {@link #order}. */
  private java.util.List<LoopCopies.Loop> loops = java.util.List.of();
  /** Per emission entry: its instruction, its copy (0 for the first), its loop or -1. */
  private int[] entryInsn;
  private int[] entryCopy;
  private int[] entryLoop;
  /** Per copy 1.. of a loop, the labels of its instructions. */
  private Label[][] copyLabels;
  /** Per instruction: its (first) emission entry; per copy 1.., that copy's entry. */
  private int[] entryOfInsn;
  private int[][] copyEntryOfInsn;
  /** The emission entry being emitted. */
  private int cur;
  private final Map<Integer, Label> stubs = new TreeMap<>();
  private int tempBase;
  private int nextTemp;
  private int regsSlot;
  private int nextSlot;
  private Label saveLabel;
  /** The instruction being emitted, for error messages in the generated code. */
  int pc;

  MethodEmitter(ClassEmitter cls, CodeBuilder cob, Layout.Fn fn, Layout.Region region) {
    this.cls = cls;
    this.layout = cls.layout;
    this.cob = cob;
    this.fn = fn;
    this.region = region;
    this.from = region == null ? fn.start : region.start;
    this.to = region == null ? fn.end : region.end;
    this.labels = new Label[to - from];
    this.position = new int[to - from];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = cob.newLabel();
    }
  }

  /** Emits the whole method body. */
  void emit() {
    if (region == null) {
      prologueDirect();
    } else {
      prologueRegion();
    }
    order = region == null ? BlockOrder.of(layout, from, to) : BlockOrder.identity(from, to);
    for (int k = 0; k < order.length; k++) {
      position[order[k] - from] = k;
    }
    if (region == null) {
      loops = LoopCopies.choose(layout, order, position, from, to, LoopCopies.maxCopies());
    }
    planEntries();
    for (int e = 0; e < entryInsn.length; e++) {
      int i = entryInsn[e];
      cur = e;
      cob.labelBinding(labelOf(e));
      cob.lineNumber(i - from + 1);
      pc = i;
      nextTemp = tempBase;
      Insn in = layout.insns.get(i);
      InsnEmitter.emit(this, in, i);
      boolean fallsThrough = !in.isExit() && !in.isUnconditionalJump();
      if (fallsThrough && (e + 1 == entryInsn.length || targetEntry(i + 1) != e + 1)) {
        fallTo(i + 1);
      }
    }
    if (region != null) {
      epilogueRegion();
    }
  }

  /**
   * The emission entries: {@link #order}, with each loop of {@link #loops} emitted once per
   * copy, one copy after the other; and the labels of the copies.
   */
  private void planEntries() {
    int extra = 0;
    int copies = 1;
    for (LoopCopies.Loop l : loops) {
      extra += (l.copies() - 1) * (l.b() - l.a() + 1);
      copies = Math.max(copies, l.copies());
    }
    entryInsn = new int[order.length + extra];
    entryCopy = new int[entryInsn.length];
    entryLoop = new int[entryInsn.length];
    int e = 0;
    int li = 0;
    for (int k = 0; k < order.length; k++) {
      if (li < loops.size() && loops.get(li).a() == k) {
        LoopCopies.Loop l = loops.get(li);
        for (int c = 0; c < l.copies(); c++) {
          for (int q = l.a(); q <= l.b(); q++) {
            entryInsn[e] = order[q];
            entryCopy[e] = c;
            entryLoop[e] = li;
            e++;
          }
        }
        k = l.b();
        li++;
        continue;
      }
      entryInsn[e] = order[k];
      entryLoop[e] = -1;
      e++;
    }
    copyLabels = new Label[copies][];
    copyEntryOfInsn = new int[copies][];
    for (int c = 1; c < copies; c++) {
      copyLabels[c] = new Label[to - from];
      copyEntryOfInsn[c] = new int[to - from];
    }
    entryOfInsn = new int[to - from];
    for (e = 0; e < entryInsn.length; e++) {
      int c = entryCopy[e];
      if (c == 0) {
        entryOfInsn[entryInsn[e] - from] = e;
      } else {
        copyEntryOfInsn[c][entryInsn[e] - from] = e;
        copyLabels[c][entryInsn[e] - from] = cob.newLabel();
      }
    }
  }

  /** The label of emission entry {@code e}. */
  private Label labelOf(int e) {
    int i = entryInsn[e];
    return entryCopy[e] == 0 ? labels[i - from] : copyLabels[entryCopy[e]][i - from];
  }

  private void prologueDirect() {
    // parameters: state 0, r1 1, r2 3, r3 5, r4 7, r5 9, r10 11
    for (int r = 1; r <= 5; r++) {
      regSlot[r] = 1 + 2 * (r - 1);
    }
    regSlot[10] = 11;
    regSlot[0] = 13;
    for (int r = 6; r <= 9; r++) {
      regSlot[r] = 15 + 2 * (r - 6);
    }
    tempBase = 23;
    if (fn.id != 0) {
      depthCheck(cob, regSlot[10], fn.start);
    }
    for (int r : new int[] {0, 6, 7, 8, 9}) {
      cob.lconst_0();
      cob.lstore(regSlot[r]);
    }
  }

  /** Throws when r10 (the new frame's top) is beyond the last frame. */
  static void depthCheck(CodeBuilder cob, int r10Slot, int pc) {
    Label ok = cob.newLabel();
    cob.lload(r10Slot);
    cob.aload(STATE);
    cob.getfield(CD_STATE, "stackEnd", java.lang.constant.ConstantDescs.CD_long);
    cob.lcmp();
    cob.ifle(ok);
    cob.loadConstant(pc);
    cob.invokestatic(CD_RUNTIME, "depthExceeded", MethodTypeDesc.of(CD_EXEC_EXCEPTION, CD_int));
    cob.athrow();
    cob.labelBinding(ok);
  }

  private void prologueRegion() {
    regsSlot = 2;
    for (int r = 0; r < Opcodes.REGISTER_COUNT; r++) {
      regSlot[r] = 3 + 2 * r;
    }
    nextSlot = 3 + 2 * Opcodes.REGISTER_COUNT;
    tempBase = nextSlot + 2;
    saveLabel = cob.newLabel();
    cob.aload(STATE);
    cob.getfield(CD_STATE, "regs", CD_LONG_ARRAY);
    cob.astore(regsSlot);
    for (int r = 0; r < Opcodes.REGISTER_COUNT; r++) {
      cob.aload(regsSlot);
      cob.loadConstant(r);
      cob.laload();
      cob.lstore(regSlot[r]);
    }
    int[] entries = region.entries;
    if (entries.length > 1) {
      var cases = new java.util.ArrayList<java.lang.classfile.instruction.SwitchCase>();
      for (int e : entries) {
        cases.add(java.lang.classfile.instruction.SwitchCase.of(e, labels[e - from]));
      }
      cob.iload(1);
      cob.lookupswitch(labels[0], cases);
    }
  }

  private void epilogueRegion() {
    for (var e : stubs.entrySet()) {
      cob.labelBinding(e.getValue());
      int t = e.getKey();
      lconst(t < 0 ? -1L : ((long) layout.regionOf[t] << 32) | t);
      cob.lstore(nextSlot);
      cob.goto_(saveLabel);
    }
    cob.labelBinding(saveLabel);
    for (int r = 0; r < Opcodes.REGISTER_COUNT; r++) {
      cob.aload(regsSlot);
      cob.loadConstant(r);
      cob.lload(regSlot[r]);
      cob.lastore();
    }
    cob.lload(nextSlot);
    cob.lreturn();
  }

  /** Continues at instruction {@code next}, which is not emitted right after {@code next - 1}. */
  private void fallTo(int next) {
    if (next < fn.end) {
      cob.goto_(target(next));
    } else {
      cob.loadConstant(next - 1);
      cob.invokestatic(CD_RUNTIME, "fellOff", MethodTypeDesc.of(CD_EXEC_EXCEPTION, CD_int));
      cob.athrow();
    }
  }

  /** True when a jump from the current instruction to {@code i} goes backward in the bytecode. */
  boolean backward(int i) {
    int e = targetEntry(i);
    return e >= 0 && e <= cur;
  }

  /**
   * The instructions emitted from {@code i} to the current one, both included, in emission
   * order: for a backward jump to {@code i}, the loop it closes (with any code placed inside it).
   */
  int[] emittedSince(int i) {
    return java.util.Arrays.copyOfRange(entryInsn, targetEntry(i), cur + 1);
  }

  /**
   * The emission entry a jump from the current one to instruction {@code i} goes to, -1 when
   * {@code i} is outside this method. Inside a loop emitted several times a jump stays in its
   * copy, except a jump to the loop's header: from copy c it goes on to copy c + 1's header,
   * from the last copy back to the first's.
   */
  private int targetEntry(int i) {
    if (i < from || i >= to) {
      return -1;
    }
    int l = entryLoop[cur];
    if (l >= 0) {
      LoopCopies.Loop r = loops.get(l);
      int p = position[i - from];
      if (p >= r.a() && p <= r.b()) {
        int c = p == r.a() ? (entryCopy[cur] + 1) % r.copies() : entryCopy[cur];
        return c == 0 ? entryOfInsn[i - from] : copyEntryOfInsn[c][i - from];
      }
    }
    return entryOfInsn[i - from];
  }

  /**
   * The label of instruction {@code i} for a jump from the current one, or a stub that leaves
   * the region.
   */
  Label target(int i) {
    int e = targetEntry(i);
    if (e >= 0) {
      return labelOf(e);
    }
    return stubs.computeIfAbsent(i, k -> cob.newLabel());
  }

  /** {@code exit}: return r0 from the function. */
  void exit() {
    if (region == null) {
      cob.lload(regSlot[0]);
      cob.lreturn();
    } else {
      cob.goto_(stubs.computeIfAbsent(-1, k -> cob.newLabel()));
    }
  }

  /** Ends the function with the long on the operand stack as r0 (stop, tail call). */
  void returnTop() {
    cob.lstore(regSlot[0]);
    exit();
  }

  void load(int reg) {
    cob.lload(regSlot[reg]);
  }

  void store(int reg) {
    cob.lstore(regSlot[reg]);
  }

  int slot(int reg) {
    return regSlot[reg];
  }

  /** A fresh two-slot local for this instruction. */
  int temp() {
    int t = nextTemp;
    nextTemp += 2;
    return t;
  }

  /** Pushes a long constant in the fewest bytes, spilling to a table when the pool is full. */
  void lconst(long v) {
    if (v == 0) {
      cob.lconst_0();
    } else if (v == 1) {
      cob.lconst_1();
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      cob.loadConstant((int) v);
      cob.i2l();
    } else {
      cls.consts.pushLong(cob, v);
    }
  }

  /** Pushes an int constant. */
  void iconst(int v) {
    if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      cob.loadConstant(v);
    } else {
      cls.consts.pushInt(cob, v);
    }
  }
}
