package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk over every path ({@code do_check}): one abstract state per path, forks at
 * conditional jumps whose outcome is not known, checkpoints at prune points, and the checks of
 * each instruction delegated to {@link AluCheck}, {@link MemCheck} and {@link CallCheck}.
 */
final class Checker {
  static final int COMPLEXITY_LIMIT = 1_000_000;

  final VerifierInput input;
  final Cfg cfg;
  final Liveness liveness;
  final ProgType type;
  final boolean privileged;
  final ContextLayouts.Layout ctx;
  /** A BTF-typed tracing program's context (its target's arguments), else null. */
  final TracingCtx tracing;
  final List<String> log;
  /** Finished checkpoints by slot: these may prune. */
  final Map<Integer, List<Checkpoint>> explored = new HashMap<>();
  /** Every checkpoint by slot and exact-state hash: tells a loop without progress. */
  final Map<Long, List<Checkpoint>> byHash = new HashMap<>();
  final int[] liveAt;
  long jumps;
  long lastAddJumps;
  long lastAddProcessed;
  final Deque<VState> pending = new ArrayDeque<>();
  final int[] maxStack;
  int idGen;
  long processed;
  long states;
  long peakStates;
  long curStates;
  /** Deepest state seen at a rejection, for the explanation. */
  VState failing;
  /** Range facts per slot over every walked state, for the JIT ({@link RangeFacts}). */
  final RangeFacts.Recorder facts;

  Checker(VerifierInput input, Cfg cfg) {
    this.input = input;
    this.cfg = cfg;
    this.liveness = Liveness.of(cfg);
    this.type = input.type();
    this.privileged = input.privileged();
    this.ctx = ContextLayouts.of(type, input.attach(), privileged);
    this.tracing = type == ProgType.TRACING && input.target() != null
        ? new TracingCtx(input.target()) : null;
    this.log = input.log() ? new ArrayList<>() : null;
    this.maxStack = new int[cfg.subprogs.length];
    this.liveAt = new int[cfg.slots];
    this.facts = new RangeFacts.Recorder(cfg.slots, liveness.precise);
  }

  /**
   * Whether the program may sleep, so that it runs outside an RCU read-side section (the
   * kernel's {@code !in_rcu_cs}): syscall programs, which libbpf and bpftool load sleepable,
   * and those loaded with {@code BPF_F_SLEEPABLE} ({@code .s} sections).
   */
  boolean sleepable() {
    return type == ProgType.SYSCALL || input.sleepable();
  }

  int newId() {
    return ++idGen;
  }

  void log(String s) {
    if (log != null) {
      log.add(s);
    }
  }

  /** Lines the current instruction's checks log, which the kernel prints after it. */
  private final List<String> notes = new ArrayList<>();

  /** Logs {@code s} after the current instruction's line, as the kernel's log has it. */
  void note(String s) {
    if (log != null) {
      notes.add(s);
    }
  }

  VState initial() {
    VState s = new VState();
    StackFrame f = new StackFrame(0, 0, -1);
    f.regs[1] = Reg.pointer(RegType.PTR_TO_CTX, 0);
    f.regs[FP] = Reg.pointer(RegType.PTR_TO_STACK, 0);
    s.frames.add(f);
    s.insn = 0;
    return s;
  }

  void run() throws Reject {
    VState s = initial();
    while (true) {
      walk(s);
      endPath(s);
      if (pending.isEmpty()) {
        break;
      }
      s = pending.pop();
      log("from " + s.lastInsn + " to " + s.insn + ": " + Explain.regs(s));
    }
  }

  /** Marks the path's checkpoints one branch closer to finished. */
  private void endPath(VState s) {
    Checkpoint c = s.parent;
    while (c != null) {
      if (--c.branches > 0) {
        break;
      }
      explored.computeIfAbsent(c.pc, k -> new ArrayList<>()).add(c);
      liveAt[c.pc]--;
      c = c.parent;
    }
  }

  /** Most paths waiting to be walked ({@code BPF_COMPLEXITY_LIMIT_JMP_SEQ}). */
  static final int PENDING_LIMIT = 8192;

  void push(VState s) throws Reject {
    if (pending.size() >= PENDING_LIMIT) {
      throw new Reject(s.lastInsn, Problem.TOO_COMPLEX, -1, "The sequence of "
          + (pending.size() + 1) + " jumps is too complex.");
    }
    if (s.parent != null) {
      s.parent.branches++;
    }
    pending.push(s);
  }

  private void walk(VState s) throws Reject {
    while (true) {
      int pc = s.insn;
      if (++processed > COMPLEXITY_LIMIT) {
        failing = s;
        throw new Reject(pc, Problem.TOO_COMPLEX, -1, "BPF program is too large. Processed "
            + processed + " insn");
      }
      if (cfg.prunePoint[pc] && visited(s)) {
        log(pc + ": safe");
        return;
      }
      Insn in = cfg.at[pc];
      failing = s;
      facts.record(pc, s);
      if (in.isBranch()) {
        jumps++;
      }
      int next = step(s, in, pc);
      if (next < 0) {
        return;
      }
      s.insn = next;
    }
  }

  /** The kernel's is_state_visited: prune, detect a loop without progress, or checkpoint. */
  private boolean visited(VState cur) throws Reject {
    int pc = cur.insn;
    int hash = Checkpoint.hashOf(cur);
    long key = ((long) pc << 32) | (hash & 0xffffffffL);
    List<Checkpoint> same = byHash.get(key);
    if (same != null) {
      for (Checkpoint c : same) {
        if (c.branches > 0 && StatesEqual.covers(c.state, cur, liveness, true)) {
          failing = cur;
          throw new Reject(pc, Problem.INFINITE_LOOP, -1, "infinite loop detected at insn " + pc);
        }
      }
    }
    List<Checkpoint> done = explored.get(pc);
    if (done != null) {
      for (int i = 0; i < done.size(); i++) {
        Checkpoint c = done.get(i);
        if (StatesEqual.covers(c.state, cur, liveness, false)) {
          c.hits++;
          return true;
        }
        c.misses++;
      }
      if (done.size() > 16) {
        int before = done.size();
        done.removeIf(c -> c.misses > c.hits * 3 + 3);
        curStates -= before - done.size();
      }
    }
    // in a loop, do not checkpoint too often (the kernel's 20 jumps / 100 insns rule)
    if (jumps - lastAddJumps < 20 && processed - lastAddProcessed < 100 && loopy(pc)) {
      return false;
    }
    lastAddJumps = jumps;
    lastAddProcessed = processed;
    Checkpoint cp = new Checkpoint(cur.copy(), cur.parent, pc, hash);
    cp.state.parent = null;
    cur.parent = cp;
    liveAt[pc]++;
    byHash.computeIfAbsent(key, k -> new ArrayList<>()).add(cp);
    states++;
    curStates++;
    peakStates = Math.max(peakStates, curStates);
    return false;
  }

  /** True when a checkpoint of this slot is still being walked below (we are in a loop). */
  private boolean loopy(int pc) {
    return liveAt[pc] > 0;
  }

  /** Checks one instruction; returns the next slot, or -1 when the path ends. */
  private int step(VState s, Insn in, int pc) throws Reject {
    int op = in.opcode();
    int cls = op & 7;
    switch (cls) {
      case ALU, ALU64 -> {
        AluCheck.alu(this, s, in, pc);
        logInsn(pc, in, s, in.dst());
        return pc + 1;
      }
      case LDX, ST, STX -> {
        MemCheck.loadStore(this, s, in, pc);
        logInsn(pc, in, s, cls == LDX ? in.dst() : -1);
        return pc + 1;
      }
      case LD -> {
        if (op == LDDW) {
          MemCheck.lddw(this, s, in, pc);
          logInsn(pc, in, s, in.dst());
          return pc + 2;
        }
        MemCheck.legacyPacketLoad(this, s, in, pc);
        logInsn(pc, in, s, 0);
        return pc + 1;
      }
      default -> {
        int code = op & 0xf0;
        if (code == CALL) {
          int next = CallCheck.call(this, s, in, pc);
          logInsn(pc, in, s, 0);
          return next;
        }
        if (code == EXIT) {
          logInsn(pc, in, s, -1);
          return CallCheck.exit(this, s, pc);
        }
        if (code == JA) {
          logInsn(pc, in, s, -1);
          return pc + 1 + in.branchOffset();
        }
        return Branches.condJump(this, s, in, pc);
      }
    }
  }

  void logInsn(int pc, Insn in, VState s, int reg) {
    if (log == null) {
      return;
    }
    String text = String.format("%d: (%02x) %s", pc, in.opcode(), Disasm.format(in, pc));
    if (reg >= 0) {
      text = String.format("%-40s; R%d=%s", text, reg, s.reg(reg));
    }
    if (!notes.isEmpty()) {
      log(String.format("%d: (%02x) %s", pc, in.opcode(), Disasm.format(in, pc)));
      log.addAll(notes);
      notes.clear();
      text = reg >= 0 ? String.format("%d: R%d=%s", pc + in.slots(), reg, s.reg(reg)) : null;
    }
    if (text != null) {
      log(text);
    }
  }

  /** Reads register {@code r}: it must have been written. */
  Reg read(VState s, int r, int pc) throws Reject {
    Reg reg = s.reg(r);
    if (reg.type == RegType.NOT_INIT) {
      throw new Reject(pc, Problem.UNINIT_REG, r, "R" + r + " !read_ok");
    }
    return reg;
  }

  /** Checks {@code r} may be written (not the frame pointer). */
  void writable(int r, int pc) throws Reject {
    if (r == FP) {
      throw new Reject(pc, Problem.BAD_REG, r, "frame pointer is read only");
    }
  }

  /** Every register (and spill) in the state with the given id and type. */
  static void forEachWithId(VState s, int id, java.util.function.Consumer<Reg> f) {
    s.forEachReg(r -> {
      if (r.id == id && id != 0) {
        f.accept(r);
      }
    });
  }

  int stackDepth(int frameIndex) {
    return maxStack[frameIndex];
  }
}
