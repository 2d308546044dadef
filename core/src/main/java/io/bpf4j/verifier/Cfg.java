package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The control-flow graph by slot ({@code check_cfg} and {@code check_subprogs}): instructions
 * are valid, jumps land on instructions inside their function, every function ends in
 * {@code exit} or a jump, every instruction is reachable, and (unprivileged) there is no
 * loop. Gives successors and the prune points where the walk compares states.
 */
final class Cfg {
  final Insn[] at;
  final int slots;
  /** First slot of each function, in order. */
  final int[] subprogs;
  /** Successor slots by slot. */
  final int[][] succ;
  /** Slots where states are stored and compared. */
  final boolean[] prunePoint;

  private Cfg(Insn[] at, int[] subprogs, int[][] succ, boolean[] prune) {
    this.at = at;
    this.slots = at.length;
    this.subprogs = subprogs;
    this.succ = succ;
    this.prunePoint = prune;
  }

  int subprogOf(int slot) {
    int s = 0;
    for (int i = 0; i < subprogs.length; i++) {
      if (subprogs[i] <= slot) {
        s = i;
      }
    }
    return s;
  }

  int subprogEnd(int index) {
    return index + 1 < subprogs.length ? subprogs[index + 1] : slots;
  }

  static Cfg build(List<Insn> insns, boolean privileged) throws Reject {
    int n = InsnCodec.slotCount(insns);
    if (n == 0) {
      throw new Reject(0, Problem.BAD_INSN, -1, "the program has no instructions");
    }
    int limit = privileged ? MAX_INSNS : 4096;
    if (n > limit) {
      throw new Reject(0, Problem.TOO_COMPLEX, -1,
          "BPF program is too large: " + n + " insns (limit " + limit + ")");
    }
    Insn[] at = new Insn[n];
    int slot = 0;
    for (Insn in : insns) {
      String p = InsnCodec.problem(in);
      if (p != null) {
        throw new Reject(slot, Problem.BAD_INSN, -1, p);
      }
      if ((in.opcode() & 0xf8) == (JMP | CALL | X)) {
        throw new Reject(slot, Problem.BAD_INSN, -1, "unknown opcode 8d");
      }
      at[slot] = in;
      slot += in.slots();
    }
    // functions
    TreeSet<Integer> starts = new TreeSet<>();
    starts.add(0);
    for (int i = 0; i < n; i++) {
      Insn in = at[i];
      if (in == null) {
        continue;
      }
      int target = -1;
      if (in.isLocalCall()) {
        target = i + in.imm32() + 1;
      } else if (in.isLddw() && in.src() == PSEUDO_FUNC) {
        target = i + in.imm32() + 1;
      } else {
        continue;
      }
      if (target < 0 || target >= n) {
        throw new Reject(i, Problem.BAD_JUMP, -1, "call to invalid destination " + target);
      }
      if (at[target] == null) {
        throw new Reject(i, Problem.BAD_JUMP, -1, "call into the middle of ldimm64 insn " + target);
      }
      starts.add(target);
    }
    int[] subs = starts.stream().mapToInt(Integer::intValue).toArray();
    int[][] succ = new int[n][];
    boolean[] prune = new boolean[n];
    for (int f = 0; f < subs.length; f++) {
      int lo = subs[f];
      int hi = f + 1 < subs.length ? subs[f + 1] : n;
      int last = hi - 1;
      if (at[last] == null) {
        last--;
      }
      Insn li = at[last];
      if (!li.isExit() && !li.isUnconditionalJump()) {
        throw new Reject(last, Problem.FALLS_THROUGH, -1, "last insn is not an exit or jmp");
      }
      for (int i = lo; i < hi; i++) {
        Insn in = at[i];
        if (in == null) {
          succ[i] = new int[0];
          continue;
        }
        int next = i + in.slots();
        if (in.isExit()) {
          succ[i] = new int[0];
        } else if (in.isBranch()) {
          int t = i + 1 + in.branchOffset();
          if (t < lo || t >= hi) {
            throw new Reject(i, Problem.BAD_JUMP, -1, "jump out of range from insn " + i
                + " to " + t);
          }
          if (at[t] == null) {
            throw new Reject(i, Problem.BAD_JUMP, -1, "jump into the middle of ldimm64 insn "
                + (t - 1));
          }
          prune[t] = true;
          if (in.isUnconditionalJump()) {
            succ[i] = new int[] {t};
          } else {
            succ[i] = new int[] {next, t};
            prune[next] = true;
          }
        } else if (in.isLocalCall()) {
          succ[i] = new int[] {next, i + in.imm32() + 1};
          prune[next] = true;
        } else {
          succ[i] = new int[] {next};
          if (in.isHelperCall()) {
            prune[next] = true;
          }
        }
      }
    }
    Cfg cfg = new Cfg(at, subs, succ, prune);
    cfg.dfs(privileged);
    return cfg;
  }

  /** Reachability and loop detection by depth-first search from slot 0. */
  private void dfs(boolean privileged) throws Reject {
    byte[] state = new byte[slots]; // 0 new, 1 on stack, 2 done
    int[] stack = new int[slots + 1];
    int[] edge = new int[slots + 1];
    int sp = 0;
    stack[0] = 0;
    edge[0] = 0;
    state[0] = 1;
    // functions reached only by a callback pointer count as reached through their lddw
    while (sp >= 0) {
      int t = stack[sp];
      if (edge[sp] < succ[t].length) {
        int w = succ[t][edge[sp]++];
        if (state[w] == 1) {
          if (!privileged && !at[t].isLocalCall()) {
            throw new Reject(t, Problem.BACK_EDGE, -1, "back-edge from insn " + t + " to " + w);
          }
          prunePoint[w] = true;
        } else if (state[w] == 0) {
          state[w] = 1;
          stack[++sp] = w;
          edge[sp] = 0;
        }
        continue;
      }
      Insn in = at[t];
      if (in != null && in.isLddw() && in.src() == PSEUDO_FUNC) {
        int w = t + in.imm32() + 1;
        if (state[w] == 0) {
          state[w] = 1;
          stack[sp] = w; // replace: explore the callback after its creator
          edge[sp] = 0;
          state[t] = 2;
          continue;
        }
      }
      state[t] = 2;
      sp--;
    }
    List<Integer> missed = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      if (at[i] != null && state[i] == 0) {
        missed.add(i);
      }
    }
    if (!missed.isEmpty()) {
      throw new Reject(missed.getFirst(), Problem.UNREACHABLE, -1,
          "unreachable insn " + missed.getFirst());
    }
  }
}
