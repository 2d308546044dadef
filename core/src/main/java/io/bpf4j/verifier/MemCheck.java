package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Loads, stores and atomics ({@code check_mem_access}): the access must lie inside the object
 * its base register points to, with the rules of each kind of object (stack, map value,
 * context, packet, ring buffer memory).
 */
final class MemCheck {
  private MemCheck() {}

  /** Program types that may write packet data directly ({@code may_access_direct_pkt_data}). */
  private static final Set<ProgType> PACKET_WRITERS = EnumSet.of(ProgType.XDP,
      ProgType.SCHED_CLS, ProgType.SCHED_ACT, ProgType.LWT_XMIT, ProgType.SK_SKB,
      ProgType.SK_MSG);

  static void loadStore(Checker env, VState s, Insn in, int pc) throws Reject {
    int op = in.opcode();
    int cls = op & 7;
    int size = sizeBytes(op & 0x18);
    if (cls == LDX) {
      Reg base = env.read(s, in.src(), pc);
      env.writable(in.dst(), pc);
      Reg result = access(env, s, base, in.src(), in.offset(), size, false, null, pc, false);
      if (base.type.isPointer() && !env.facts.load(pc, base.type == RegType.PTR_TO_BTF_ID
          || base.type == RegType.PTR_TO_UNTRUSTED_MEM)) {
        throw new Reject(pc, Problem.KERNEL_STRUCT, in.src(),
            "same insn cannot be used with different pointers");
      }
      if ((op & 0xe0) == MEMSX && result.type == RegType.SCALAR) {
        ScalarAlu.signExtend(result, size * 8, true);
      }
      s.cur().regs[in.dst()].set(result);
      return;
    }
    Reg base = env.read(s, in.dst(), pc);
    if (cls == ST) {
      if (base.type == RegType.PTR_TO_CTX) {
        throw new Reject(pc, Problem.CTX_ACCESS, in.dst(), "BPF_ST stores into R" + in.dst()
            + " ctx is not allowed");
      }
      Reg v = Reg.constant(in.imm());
      access(env, s, base, in.dst(), in.offset(), size, true, v, pc, true);
      return;
    }
    Reg val = env.read(s, in.src(), pc);
    if ((op & 0xe0) == ATOMIC) {
      atomic(env, s, in, base, val, size, pc);
      return;
    }
    if (val.type != RegType.SCALAR && !env.privileged) {
      String into = switch (base.type) {
        case PTR_TO_MAP_VALUE -> "map";
        case PTR_TO_CTX -> "ctx";
        case PTR_TO_PACKET, PTR_TO_PACKET_META -> "packet";
        case PTR_TO_MEM -> "mem";
        default -> null;
      };
      if (into != null) {
        throw new Reject(pc, Problem.POINTER_LEAK, in.src(), "R" + in.src() + " leaks addr into "
            + into);
      }
    }
    access(env, s, base, in.dst(), in.offset(), size, true, val.copy(), pc, false);
  }

  private static void atomic(Checker env, VState s, Insn in, Reg base, Reg val, int size, int pc)
      throws Reject {
    int a = in.imm32();
    if (base.type != RegType.PTR_TO_STACK && base.type != RegType.PTR_TO_MAP_VALUE
        && base.type != RegType.PTR_TO_MEM) {
      throw new Reject(pc, base.type.maybeNull() ? Problem.NULL_DEREF : Problem.NOT_A_POINTER,
          in.dst(), "BPF_ATOMIC stores into R" + in.dst() + " " + base.type.kernelName
          + " is not allowed");
    }
    if (val.type != RegType.SCALAR && !env.privileged) {
      throw new Reject(pc, Problem.POINTER_LEAK, in.src(), "R" + in.src() + " leaks addr into mem");
    }
    if (a == CMPXCHG) {
      env.read(s, 0, pc);
    }
    access(env, s, base, in.dst(), in.offset(), size, false, null, pc, false);
    Reg unknown = Reg.unknownScalar();
    access(env, s, base, in.dst(), in.offset(), size, true, unknown, pc, false);
    if ((a & FETCH) != 0) {
      int r = a == CMPXCHG ? 0 : in.src();
      Reg out = s.cur().regs[r];
      out.becomeUnknown();
      if (size == 4) {
        ScalarAlu.truncate(out, 4);
      }
    }
  }

  /**
   * One access of {@code size} bytes at {@code base + off}. For a load, returns the value read;
   * for a store, {@code val} is what is written.
   */
  static Reg access(Checker env, VState s, Reg base, int regno, int off, int size, boolean write,
      Reg val, int pc, boolean isStImm) throws Reject {
    Reg out = Reg.unknownScalar();
    switch (base.type) {
      case PTR_TO_STACK -> {
        StackFrame f = s.frames.get(base.frameNo);
        if (!base.isConst()) {
          variableStack(env, s, f, base, regno, off, size, write, pc);
        } else {
          long o = base.off + base.constValue() + off;
          if (o % size != 0) {
            throw new Reject(pc, Problem.STACK_BOUNDS, regno, "misaligned stack access off "
                + base.var + "+" + base.off + "+" + off + " size " + size);
          }
          if (o < -StackFrame.SIZE || o + size > 0) {
            throw new Reject(pc, Problem.STACK_BOUNDS, regno, "invalid " + (write ? "write to"
                : "read from") + " stack R" + regno + " off=" + o + " size=" + size);
          }
          touch(env, s, f, (int) o);
          if (write) {
            Dynptrs.destroy(env, s, f, (int) (StackFrame.SIZE + o) / 8, pc);
            StackAccess.write(env, f, (int) o, size, val, isStImm, pc);
          } else {
            out = StackAccess.read(env, f, (int) o, size, pc);
          }
        }
      }
      case PTR_TO_MAP_VALUE -> {
        MapInfo m = base.map;
        accessType(pc, base, regno, off, size, write);
        region(pc, base, regno, off, size, m.valueSize(), "map value, value_size="
            + m.valueSize(), Problem.MAP_BOUNDS);
        long lo = base.off + off + base.smin;
        long hi = base.off + off + base.umax + size;
        if (m.spinLockOffset() >= 0 && lo < m.spinLockOffset() + 4 && hi > m.spinLockOffset()) {
          throw new Reject(pc, Problem.LOCK, regno,
              "bpf_spin_lock cannot be accessed directly by load/store");
        }
        if (m.timerOffset() >= 0 && lo < m.timerOffset() + 16 && hi > m.timerOffset()) {
          throw new Reject(pc, Problem.HELPER_ARG, regno,
              "bpf_timer cannot be accessed directly by load/store");
        }
      }
      case PTR_TO_MEM -> region(pc, base, regno, off, size, base.memSize, "memory, mem_size="
          + base.memSize, Problem.MAP_BOUNDS);
      case PTR_TO_MAP_KEY -> {
        if (write) {
          throw new Reject(pc, Problem.READ_ONLY, regno, "write into map key R" + regno
              + " is not allowed");
        }
        region(pc, base, regno, off, size, base.map.keySize(), "map key, key_size="
            + base.map.keySize(), Problem.MAP_BOUNDS);
      }
      case PTR_TO_CTX -> out = ctx(env, base, regno, off, size, write, pc);
      case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
        if (write && !PACKET_WRITERS.contains(env.type)) {
          throw new Reject(pc, Problem.READ_ONLY, regno, "cannot write into packet");
        }
        if (base.smin < 0) {
          throw new Reject(pc, Problem.UNBOUNDED_INDEX, regno, "R" + regno
              + " min value is negative, either use unsigned index or do a if (index >=0)"
              + " check.");
        }
        long o = (long) base.off + off;
        if (o < 0 || o + size > base.range) {
          throw new Reject(pc, Problem.PACKET_BOUNDS, regno, "invalid access to packet, off="
              + o + " size=" + size + ", R" + regno + "(id=" + base.id + ",off=" + base.off
              + ",r=" + base.range + ")");
        }
      }
      case PTR_TO_BTF_ID -> out = kernelStruct(env, pc, base, regno, off, size, write);
      case PTR_TO_UNTRUSTED_MEM -> {
        if (write) {
          throw new Reject(pc, Problem.READ_ONLY, regno, "R" + regno
              + " cannot write into rdonly_untrusted_mem");
        }
      }
      case PTR_TO_SOCKET, PTR_TO_SOCK_COMMON -> sock(pc, base, regno, off, size, write);
      case NOT_INIT -> throw new Reject(pc, Problem.UNINIT_REG, regno, "R" + regno + " !read_ok");
      case PTR_TO_BTF_ID_OR_NULL -> throw new Reject(pc, Problem.NULL_DEREF, regno, "R" + regno
          + " invalid mem access '" + base.btfTypeName() + "'");
      default -> throw new Reject(pc, base.type.maybeNull() ? Problem.NULL_DEREF
          : Problem.NOT_A_POINTER, regno, "R" + regno + " invalid mem access '"
          + base.type.kernelName + "'");
    }
    if (!write && out.type == RegType.SCALAR) {
      ScalarAlu.truncate(out, size);
    }
    return out;
  }

  /**
   * A read of {@code struct bpf_sock} through a socket pointer ({@code check_sock_access}):
   * read only, at a constant offset, a field {@code bpf_sock_is_valid_access} allows; a
   * {@code sock_common} has no {@code type} .. {@code priority}.
   */
  private static void sock(int pc, Reg base, int regno, int off, int size, boolean write)
      throws Reject {
    String what = base.type.kernelName;
    if (write) {
      throw new Reject(pc, Problem.READ_ONLY, regno, "R" + regno + " cannot write into " + what);
    }
    if (!base.isConst()) {
      throw new Reject(pc, Problem.UNBOUNDED_INDEX, regno, "R" + regno + " variable " + what
          + " access var_off=" + base.var + " disallowed");
    }
    long o = base.off + base.constValue() + off;
    CtxField f = o < 0 || o > 80 ? null : ContextLayouts.sockFields(
        base.type == RegType.PTR_TO_SOCK_COMMON).find((int) o, size);
    if (f == null || !f.admits(o, size, false)) {
      throw new Reject(pc, Problem.CTX_ACCESS, regno, "R" + regno + " invalid " + what
          + " access off=" + o + " size=" + size);
    }
  }

  /**
   * A load from a kernel struct ({@code check_ptr_to_btf_access}): read only, at a constant,
   * non-negative offset, walked member by member in the running kernel's BTF ({@link
   * BtfWalk}). A pointer member to a struct gives a pointer to it, whose trust follows the
   * kernel's rules (trusted and RCU pointers stay so through the members the kernel lists;
   * others become untrusted); a pointer to anything else gives read-only untrusted memory;
   * anything else a number. Without kernel BTF only the fallback layout's bounds are checked
   * and every member reads as a number.
   */
  private static Reg kernelStruct(Checker env, int pc, Reg base, int regno, int off, int size,
      boolean write) throws Reject {
    String name = "ptr_" + base.btf.name();
    if (write) {
      throw new Reject(pc, Problem.READ_ONLY, regno, "only read is supported (R" + regno
          + " is " + base.btfPrefix() + base.btf.name() + ")");
    }
    long o = base.off + off;
    if (o < 0) {
      throw new Reject(pc, Problem.KERNEL_STRUCT, regno, "R" + regno + " is " + name
          + " invalid negative access: off=" + o);
    }
    if (!base.isConst() || base.constValue() != 0) {
      throw new Reject(pc, Problem.KERNEL_STRUCT, regno, "R" + regno + " is " + name
          + " invalid variable offset: off=" + o + ", var_off=" + base.var);
    }
    var btf = io.bpf4j.btf.KernelTypes.vmlinux();
    if (btf.isEmpty() || base.btf.btfId() < 0) {
      if (o + size > base.btf.size()) {
        throw new Reject(pc, Problem.KERNEL_STRUCT, regno, "access beyond struct "
            + base.btf.name() + " at off " + o + " size " + size);
      }
      return Reg.unknownScalar();
    }
    BtfWalk.Result r;
    try {
      r = BtfWalk.access(btf.get(), base.btf.btfId(), (int) o, size);
    } catch (BtfWalk.Refused e) {
      throw new Reject(pc, Problem.KERNEL_STRUCT, regno, e.getMessage());
    }
    return switch (r.kind()) {
      case SCALAR -> Reg.unknownScalar();
      case UNTRUSTED_MEM -> {
        Reg m = Reg.pointer(RegType.PTR_TO_UNTRUSTED_MEM, 0);
        m.memSize = 0;
        yield m;
      }
      case STRUCT_PTR -> {
        int trust = trust(env, base, r, btf.get());
        Reg p = Reg.kernelStruct(r.target(), trust & ~MAYBE_NULL);
        if ((trust & MAYBE_NULL) != 0) {
          p.type = RegType.PTR_TO_BTF_ID_OR_NULL;
          p.id = env.newId(); // for the NULL check
        }
        yield p;
      }
    };
  }

  /** Added to a trust level: the pointer may be NULL ({@code PTR_MAYBE_NULL}). */
  private static final int MAYBE_NULL = 0x100;

  /**
   * The trust of a pointer read from {@code base} ({@code check_ptr_to_btf_access}): an
   * untrusted base or a walk through a union gives untrusted pointers; a trusted or RCU base
   * gives a trusted pointer for the members the kernel lists as {@code __safe_trusted}, a
   * trusted one that may be NULL for {@code __safe_trusted_or_null}, and, inside an RCU
   * section (not in sleepable programs), an RCU one for {@code __safe_rcu} and an RCU one that
   * may be NULL for {@code __safe_rcu_or_null} ({@code sk_buff}'s {@code sk}); an untrusted
   * one for the others; a plain (old-style) base gives plain pointers. {@link #MAYBE_NULL}
   * is added for the {@code _or_null} kinds.
   */
  private static int trust(Checker env, Reg base, BtfWalk.Result r, io.bpf4j.btf.Btf btf) {
    if (base.btfTrust == Reg.BTF_UNTRUSTED || r.viaUnion()) {
      return Reg.BTF_UNTRUSTED;
    }
    if (base.btfTrust == Reg.BTF_PLAIN) {
      return Reg.BTF_PLAIN;
    }
    int target = r.target().btfId();
    if (BtfWalk.listed(btf, base.btf, r.field(), target, "__safe_trusted")) {
      return Reg.BTF_TRUSTED;
    }
    if (BtfWalk.listed(btf, base.btf, r.field(), target, "__safe_trusted_or_null")) {
      return Reg.BTF_TRUSTED | MAYBE_NULL;
    }
    if (!env.sleepable() && BtfWalk.listed(btf, base.btf, r.field(), target, "__safe_rcu")) {
      return Reg.BTF_RCU;
    }
    if (!env.sleepable() && BtfWalk.listed(btf, base.btf, r.field(), target,
        "__safe_rcu_or_null")) {
      return Reg.BTF_RCU | MAYBE_NULL;
    }
    return Reg.BTF_UNTRUSTED;
  }

  /**
   * A map the program may only read ({@code BPF_F_RDONLY_PROG}: {@code .rodata}, a {@code
   * DEVMAP}) or only write ({@code check_map_access_type}).
   */
  static void accessType(int pc, Reg base, int regno, long off, long size, boolean write)
      throws Reject {
    MapInfo m = base.map;
    if (write ? m.readOnlyProg() : m.writeOnlyProg()) {
      throw new Reject(pc, Problem.READ_ONLY, regno, (write ? "write into" : "read from")
          + " map forbidden, value_size=" + m.valueSize() + " off=" + (base.off + off)
          + " size=" + size);
    }
  }

  private static void touch(Checker env, VState s, StackFrame f, int o) {
    f.touch(o);
    int sub = env.cfg.subprogOf(f.subprogStart);
    env.maxStack[sub] = Math.max(env.maxStack[sub], -o);
  }

  /** An access inside an object of {@code limit} bytes (map value, memory, key). */
  static void region(int pc, Reg base, int regno, int off, long size, int limit, String what,
      Problem p) throws Reject {
    if (!base.isConst()) {
      if (base.smin < 0) {
        throw new Reject(pc, Problem.UNBOUNDED_INDEX, regno, "R" + regno
            + " min value is negative, either use unsigned index or do a if (index >=0) check.");
      }
      if (Long.compareUnsigned(base.umax, AluCheck.MAX_VAR_OFF) >= 0) {
        throw new Reject(pc, Problem.UNBOUNDED_INDEX, regno, "R" + regno
            + " unbounded memory access, make sure to bounds check any such access");
      }
    }
    long lo = (long) base.off + off + (base.isConst() ? base.constValue() : base.smin);
    long hi = (long) base.off + off + (base.isConst() ? base.constValue() : base.umax) + size;
    if (lo < 0 || hi > limit) {
      throw new Reject(pc, p, regno, "invalid access to " + what + " off=" + (base.off + off
          + (base.isConst() ? base.constValue() : 0)) + " size=" + size
          + (base.isConst() ? "" : " (R" + regno + " max value is " + base.umax + ")"));
    }
  }

  private static Reg ctx(Checker env, Reg base, int regno, int off, int size, boolean write,
      int pc) throws Reject {
    if (base.off != 0) {
      throw new Reject(pc, Problem.CTX_ACCESS, regno, "dereference of modified ctx ptr R" + regno
          + " off=" + base.off + " disallowed");
    }
    if (!base.isConst() || base.constValue() != 0) {
      throw new Reject(pc, Problem.CTX_ACCESS, regno, "variable ctx access var_off=" + base.var
          + " disallowed");
    }
    if (env.tracing != null) {
      return env.tracing.access(env, pc, regno, off, size, write);
    }
    CtxField f = env.ctx.find(off, size);
    if (f == null || !f.admits(off, size, write)) {
      throw new Reject(pc, Problem.CTX_ACCESS, regno, "invalid bpf_context access off=" + off
          + " size=" + size);
    }
    if (f.gives() != RegType.SCALAR && !write) {
      Reg p = Reg.pointer(f.gives(), 0);
      if (f.gives().maybeNull()) {
        p.id = env.newId(); // for the NULL check
      }
      return p;
    }
    return Reg.unknownScalar();
  }

  private static void variableStack(Checker env, VState s, StackFrame f, Reg base, int regno,
      int off, int size, boolean write, int pc) throws Reject {
    long lo = base.off + off + base.smin;
    long hi = base.off + off + base.smax + size;
    if (base.smin == Long.MIN_VALUE || base.smax == Long.MAX_VALUE || lo < -StackFrame.SIZE
        || hi > 0) {
      throw new Reject(pc, Problem.STACK_BOUNDS, regno, "invalid variable-offset "
          + (write ? "write to" : "read from") + " stack R" + regno + " var_off=" + base.var
          + " off=" + off + " size=" + size);
    }
    touch(env, s, f, (int) lo);
    if (write) {
      Dynptrs.destroyRange(env, s, f, lo, hi, pc);
    }
    for (long o = lo; o < hi; o++) {
      int k = (int) (StackFrame.SIZE + o);
      if (write) {
        f.scrubSpill(k / 8);
        f.bytes[k] = StackFrame.MISC;
      } else if (f.bytes[k] == StackFrame.DYNPTR
          || (f.bytes[k] == StackFrame.INVALID && !env.privileged)) {
        throw new Reject(pc, Problem.UNINIT_STACK, regno, "invalid variable-offset read from stack"
            + " R" + regno + " var_off=" + base.var + " off=" + off + " size=" + size);
      } else if (f.bytes[k] == StackFrame.SPILL && f.spills[k / 8] != null
          && f.spills[k / 8].type != RegType.SCALAR && !env.privileged) {
        throw new Reject(pc, Problem.POINTER_LEAK, regno, "leaking pointer from stack off " + o);
      }
    }
  }

  /** The program types that may not use a map with a {@code bpf_timer}. */
  private static final Set<ProgType> TIMERLESS = EnumSet.of(ProgType.KPROBE,
      ProgType.TRACEPOINT, ProgType.PERF_EVENT, ProgType.RAW_TRACEPOINT,
      ProgType.RAW_TRACEPOINT_WRITABLE);

  static void lddw(Checker env, VState s, Insn in, int pc) throws Reject {
    env.writable(in.dst(), pc);
    Reg dst = s.cur().regs[in.dst()];
    switch (in.src()) {
      case PSEUDO_NONE -> dst.becomeConst(in.imm());
      case PSEUDO_MAP_FD, PSEUDO_MAP_IDX, PSEUDO_MAP_VALUE, PSEUDO_MAP_IDX_VALUE -> {
        int key = (int) in.imm();
        MapInfo m = env.input.maps().get(key);
        if (m == null) {
          throw new Reject(pc, Problem.BAD_MAP, -1, "fd " + key + " is not pointing to valid"
              + " bpf_map");
        }
        if (m.spinLockOffset() >= 0 && TIMERLESS.contains(env.type)) {
          throw new Reject(pc, Problem.HELPER_NOT_ALLOWED, -1, "tracing progs cannot use"
              + " bpf_spin_lock yet (map '" + m.name() + "' holds one)");
        }
        if (m.timerOffset() >= 0 && TIMERLESS.contains(env.type)) {
          // check_map_prog_compatibility: is_tracing_prog_type
          throw new Reject(pc, Problem.HELPER_NOT_ALLOWED, -1, "tracing progs cannot use"
              + " bpf_timer yet (map '" + m.name() + "' holds one)");
        }
        if (in.src() == PSEUDO_MAP_FD || in.src() == PSEUDO_MAP_IDX) {
          dst.becomeUnknown();
          dst.set(Reg.pointer(RegType.CONST_PTR_TO_MAP, 0));
          dst.map = m;
        } else {
          long o = in.imm() >>> 32;
          if (o >= m.valueSize()) {
            throw new Reject(pc, Problem.MAP_BOUNDS, -1, "invalid access to map value pointer,"
                + " value_size=" + m.valueSize() + " off=" + o);
          }
          dst.set(Reg.pointer(RegType.PTR_TO_MAP_VALUE, (int) o));
          dst.map = m;
        }
      }
      case PSEUDO_FUNC -> {
        dst.set(Reg.pointer(RegType.PTR_TO_FUNC, 0));
        dst.frameNo = pc + in.imm32() + 1;
      }
      default -> throw new Reject(pc, Problem.BAD_INSN, -1, "unsupported ld_imm64 source "
          + in.src() + " (kernel BTF ids are not available here)");
    }
  }

  static void legacyPacketLoad(Checker env, VState s, Insn in, int pc) throws Reject {
    ProgType t = env.type;
    if (t != ProgType.SOCKET_FILTER && t != ProgType.SCHED_CLS && t != ProgType.SCHED_ACT) {
      throw new Reject(pc, Problem.BAD_INSN, -1,
          "BPF_LD_[ABS|IND] instructions not allowed for this program type");
    }
    Reg r6 = env.read(s, 6, pc);
    if (r6.type != RegType.PTR_TO_CTX) {
      throw new Reject(pc, Problem.BAD_REG, 6,
          "at the time of BPF_LD_ABS|IND R6 != pointer to skb");
    }
    if ((in.opcode() & 0xe0) == IND) {
      env.read(s, in.src(), pc);
    }
    if (!s.refs.isEmpty()) {
      throw new Reject(pc, Problem.REFERENCE_LEAK, -1,
          "BPF_LD_[ABS|IND] cannot be mixed with socket references");
    }
    StackFrame f = s.cur();
    for (int r = 1; r <= 5; r++) {
      f.regs[r].becomeNotInit();
    }
    f.regs[0].becomeUnknown();
    ScalarAlu.truncate(f.regs[0], sizeBytes(in.opcode() & 0x18));
  }
}
