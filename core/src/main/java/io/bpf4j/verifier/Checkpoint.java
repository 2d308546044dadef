package io.bpf4j.verifier;

/**
 * A state stored at a prune point ({@code struct bpf_verifier_state_list} entry), with the
 * number of paths below it still being walked: only a finished checkpoint may prune another
 * path, and an unfinished one equal to the current state means a loop without progress.
 */
final class Checkpoint {
  final VState state;
  final Checkpoint parent;
  final int pc;
  /** Hash of the exact state, to find a loop without progress quickly. */
  final int hash;
  int branches = 1;
  /** Times a path compared with this one and could not be pruned by it, or was. */
  int misses;
  int hits;

  Checkpoint(VState state, Checkpoint parent, int pc, int hash) {
    this.state = state;
    this.parent = parent;
    this.pc = pc;
    this.hash = hash;
  }

  /** A hash that equal states (as {@link StatesEqual} exactly compares them) share. */
  static int hashOf(VState s) {
    int h = s.frames.size() * 31 + s.refs.size();
    for (StackFrame f : s.frames) {
      h = h * 31 + f.callsite;
      for (Reg r : f.regs) {
        h = h * 31 + regHash(r);
      }
      h = h * 31 + java.util.Arrays.hashCode(f.bytes);
      for (Reg r : f.spills) {
        h = h * 31 + (r == null ? 0 : regHash(r));
      }
    }
    return h;
  }

  private static int regHash(Reg r) {
    int h = r.type.ordinal();
    h = h * 31 + r.off;
    h = h * 31 + Long.hashCode(r.var.value());
    h = h * 31 + Long.hashCode(r.var.mask());
    h = h * 31 + Long.hashCode(r.smin ^ (r.smax * 7) ^ (r.umin * 13) ^ (r.umax * 17));
    h = h * 31 + Long.hashCode(r.s32min ^ (r.s32max * 7) ^ (r.u32min * 13) ^ (r.u32max * 17));
    return h;
  }
}
