package io.bpf4j.verifier;

/**
 * Dynptrs made on the stack ({@code mark_stack_slots_dynptr}, {@code
 * destroy_if_dynptr_stack_slot}, {@code unmark_stack_slots_dynptr}, {@code
 * process_dynptr_func}): the 16-byte {@code struct bpf_dynptr} takes two 8-byte stack slots
 * ({@code STACK_DYNPTR}) at a constant, 8-aligned offset; plain loads of its bytes are refused,
 * a store destroys a local one (and the slices taken from it) and is refused over a ring buffer
 * one, which holds a reference until {@code bpf_ringbuf_submit_dynptr} or {@code
 * bpf_ringbuf_discard_dynptr} releases it.
 */
final class Dynptrs {
  private Dynptrs() {}

  /** {@code enum bpf_dynptr_type}, the kinds a helper makes here. */
  enum Kind {
    /** {@code BPF_DYNPTR_TYPE_LOCAL}: over a map value ({@code bpf_dynptr_from_mem}). */
    LOCAL("local"),
    /** {@code BPF_DYNPTR_TYPE_RINGBUF}: a ring buffer record, a reference. */
    RINGBUF("ringbuf");

    final String kernelName;

    Kind(String kernelName) {
      this.kernelName = kernelName;
    }
  }

  /**
   * One of a dynptr's two stack slots: its kind, whether it is the first (lower) slot, the
   * dynptr's id (its slices carry it) and its reference (ring buffer), 0 when none.
   */
  record Slot(Kind kind, boolean first, int id, int refId) {}

  /**
   * The index in {@link StackFrame#dynptrs} of the first slot the stack pointer {@code reg}
   * names ({@code dynptr_get_spi}), or null with the reason in {@code why[0]}.
   */
  private static Integer slotOf(Reg reg, String[] why) {
    if (!reg.isConst()) {
      why[0] = "dynptr has to be at a constant offset";
      return null;
    }
    long off = reg.off + reg.constValue();
    if (off % 8 != 0 || off > -16) {
      why[0] = "cannot pass in dynptr at an offset=" + off;
      return null;
    }
    if (off < -StackFrame.SIZE) {
      why[0] = "dynptr at offset " + off + " is outside the stack";
      return null;
    }
    return (int) (StackFrame.SIZE + off) / 8;
  }

  private static Reject reject(int pc, int r, String msg, String why) {
    return new Reject(pc, Problem.DYNPTR, r, why == null ? msg : msg + " (" + why + ")");
  }

  /** The register types a dynptr argument may have ({@code check_reg_type}). */
  private static void stackOrConst(int r, Reg reg, int pc) throws Reject {
    if (reg.type != RegType.PTR_TO_STACK && reg.type != RegType.CONST_PTR_TO_DYNPTR) {
      throw new Reject(pc, reg.type == RegType.NOT_INIT ? Problem.UNINIT_REG : Problem.HELPER_ARG,
          r, "arg#" + (r - 1) + " expected pointer to stack or const struct bpf_dynptr");
    }
  }

  /**
   * {@code ARG_PTR_TO_DYNPTR | MEM_RDONLY}: an initialised dynptr of any kind; its first slot,
   * or null for the one a callback was given.
   */
  static Slot use(VState s, int r, Reg reg, int pc) throws Reject {
    stackOrConst(r, reg, pc);
    if (reg.type == RegType.CONST_PTR_TO_DYNPTR) {
      if (reg.off != 0 || !reg.isConst() || reg.constValue() != 0) {
        throw new Reject(pc, Problem.HELPER_ARG, r, "dereference of modified dynptr_ptr ptr R"
            + r + " off=" + (reg.off + (reg.isConst() ? reg.constValue() : 0)) + " disallowed");
      }
      return null;
    }
    return initialised(s, r, reg, pc);
  }

  /** {@code is_dynptr_reg_valid_init}: both slots {@code STACK_DYNPTR}, from the first one. */
  private static Slot initialised(VState s, int r, Reg reg, int pc) throws Reject {
    String[] why = new String[1];
    Integer k = slotOf(reg, why);
    String msg = "Expected an initialized dynptr as arg #" + (r - 1);
    if (k == null) {
      throw reject(pc, r, msg, why[0]);
    }
    StackFrame f = s.frames.get(reg.frameNo);
    Slot d = f.dynptrs[k];
    if (d == null || !d.first() || f.dynptrs[k + 1] == null) {
      throw reject(pc, r, msg, null);
    }
    for (int i = k * 8; i < k * 8 + 16; i++) {
      if (f.bytes[i] != StackFrame.DYNPTR) {
        throw reject(pc, r, msg, null);
      }
    }
    return d;
  }

  /**
   * {@code ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_* | MEM_UNINIT}: makes a dynptr of {@code kind} at
   * the stack pointer in {@code r}, first destroying what was there (refused over a ring
   * buffer dynptr); a ring buffer dynptr acquires a reference, even when the reserve fails at
   * run time.
   */
  static void make(Checker env, VState s, int r, Reg reg, Kind kind, int pc) throws Reject {
    if (reg.type == RegType.CONST_PTR_TO_DYNPTR) {
      throw reject(pc, r, "Dynptr has to be an uninitialized dynptr", null);
    }
    stackOrConst(r, reg, pc);
    String[] why = new String[1];
    Integer k = slotOf(reg, why);
    if (k == null) {
      throw reject(pc, r, "Dynptr has to be an uninitialized dynptr", why[0]);
    }
    StackFrame f = s.frames.get(reg.frameNo);
    destroy(env, s, f, k, pc);
    destroy(env, s, f, k + 1, pc);
    int off = k * 8 - StackFrame.SIZE;
    f.touch(off);
    int sub = env.cfg.subprogOf(f.subprogStart);
    env.maxStack[sub] = Math.max(env.maxStack[sub], -off);
    int id = env.newId();
    int ref = 0;
    if (kind == Kind.RINGBUF) {
      ref = env.newId();
      s.refs.add(new int[] {ref, pc});
    }
    for (int i = k; i <= k + 1; i++) {
      f.scrubSpill(i);
      f.spills[i] = null;
      java.util.Arrays.fill(f.bytes, i * 8, i * 8 + 8, StackFrame.DYNPTR);
      f.dynptrs[i] = new Slot(kind, i == k, id, ref);
    }
  }

  /**
   * {@code ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE}: releases the ring buffer
   * dynptr in {@code r}; its slots become invalid and its slices unknown.
   */
  static void release(Checker env, VState s, int r, Reg reg, int pc) throws Reject {
    stackOrConst(r, reg, pc);
    if (reg.type == RegType.CONST_PTR_TO_DYNPTR) {
      throw reject(pc, r, "cannot release unowned const bpf_dynptr", null);
    }
    String[] why = new String[1];
    Integer k = slotOf(reg, why);
    StackFrame f = s.frames.get(reg.frameNo);
    if (k == null || f.dynptrs[k] == null || f.dynptrs[k].refId() == 0) {
      throw reject(pc, r, "arg " + r + " is an unacquired reference", why[0]);
    }
    Slot d = initialised(s, r, reg, pc);
    if (d.kind() != Kind.RINGBUF) {
      throw reject(pc, r, "Expected a dynptr of type ringbuf as arg #" + (r - 1), null);
    }
    int ref = d.refId();
    s.releaseRef(ref);
    s.forEachReg(o -> {
      if (o.refId == ref) {
        forget(env, o);
      }
    });
    clear(f, k);
  }

  /**
   * {@code destroy_if_dynptr_stack_slot}: before a write to slot {@code k} of {@code f}, the
   * dynptr there (if any) is destroyed with its slices, or the write refused when it holds a
   * reference.
   */
  static void destroy(Checker env, VState s, StackFrame f, int k, int pc) throws Reject {
    if (k < 0 || k >= f.dynptrs.length || f.bytes[k * 8] != StackFrame.DYNPTR) {
      return;
    }
    Slot d = f.dynptrs[k];
    int first = d.first() ? k : k - 1;
    if (d.refId() != 0) {
      throw new Reject(pc, Problem.DYNPTR, -1, "cannot overwrite referenced dynptr");
    }
    clear(f, first);
    int id = d.id();
    s.forEachReg(o -> {
      if ((o.type == RegType.PTR_TO_MEM || o.type == RegType.PTR_TO_MEM_OR_NULL)
          && o.dynptrId == id) {
        forget(env, o);
      }
    });
  }

  /** Destroys the dynptrs that bytes {@code [lo, hi)} (offsets from the frame) touch. */
  static void destroyRange(Checker env, VState s, StackFrame f, long lo, long hi, int pc)
      throws Reject {
    for (long o = lo; o < hi; o += 1) {
      int k = (int) (StackFrame.SIZE + o);
      if (k >= 0 && k < StackFrame.SIZE && f.bytes[k] == StackFrame.DYNPTR) {
        destroy(env, s, f, k / 8, pc);
      }
    }
  }

  /** {@code mark_reg_invalid}: unknown for a privileged program, unreadable otherwise. */
  private static void forget(Checker env, Reg o) {
    o.becomeUnknown();
    if (!env.privileged) {
      o.becomeNotInit();
    }
  }

  private static void clear(StackFrame f, int first) {
    for (int i = first; i <= first + 1; i++) {
      f.dynptrs[i] = null;
      java.util.Arrays.fill(f.bytes, i * 8, i * 8 + 8, StackFrame.INVALID);
    }
  }
}
