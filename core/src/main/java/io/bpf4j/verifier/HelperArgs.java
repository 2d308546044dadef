package io.bpf4j.verifier;

import io.bpf4j.uapi.MapType;
import java.util.List;

/**
 * A helper's arguments against its prototype ({@code check_func_arg}): each register of the
 * kind the prototype asks, memory arguments readable or writable for their size, sizes
 * bounded, and the map compatible with the helper ({@code check_map_func_compatibility}).
 */
final class HelperArgs {
  private HelperArgs() {}

  /** What the arguments told: the map, a constant key, the reservation size, a callback. */
  static final class Meta {
    MapInfo map;
    long constKey = -1;
    long allocSize;
    int callback = -1;
    /** The dynptr argument's first stack slot; null when none or the callback's. */
    Dynptrs.Slot dynptr;
    /** The map whose value holds the {@code bpf_timer} argument. */
    MapInfo timerMap;
  }

  static Meta check(Checker env, VState s, HelperProto p, int pc) throws Reject {
    Meta meta = new Meta();
    List<ArgType> args = p.args();
    String fn = "bpf_" + p.name() + "#" + p.id();
    for (int i = 0; i < args.size(); i++) {
      ArgType t = args.get(i);
      int r = i + 1;
      if (t == ArgType.NONE) {
        continue;
      }
      Reg reg = env.read(s, r, pc);
      if (t != ArgType.ANYTHING && (reg.type == RegType.PTR_TO_PACKET
          || reg.type == RegType.PTR_TO_PACKET_META) && !HelperProtos.packetAccess(p)) {
        throw new Reject(pc, Problem.PACKET_TO_HELPER, r, "helper access to the packet is not"
            + " allowed");
      }
      switch (t) {
        case ANYTHING -> {
          if (reg.type.isPointer() && !env.privileged) {
            throw new Reject(pc, Problem.POINTER_LEAK, r, "R" + r
                + " leaks addr into helper function");
          }
        }
        case CONST_MAP_PTR -> {
          if (reg.type != RegType.CONST_PTR_TO_MAP) {
            throw typeErr(pc, r, reg, "map_ptr");
          }
          meta.map = reg.map;
          if (reg.map.readOnlyProg() && WRITERS.contains(p.name())) {
            throw new Reject(pc, Problem.READ_ONLY, r, "write into map forbidden (map '"
                + reg.map.name() + "' is read-only to programs)");
          }
          compatible(pc, p.name(), fn, reg.map);
          if (meta.timerMap != null && meta.timerMap != reg.map) {
            throw new Reject(pc, Problem.HELPER_ARG, r, "timer pointer in R1 map '"
                + meta.timerMap.name() + "' doesn't match map pointer in R" + r + " map '"
                + reg.map.name() + "'");
          }
        }
        case PTR_TO_MAP_KEY -> {
          needMap(meta, pc, fn);
          memory(env, s, r, reg, meta.map.keySize(), false, pc, "map_key");
          meta.constKey = constKey(s, reg, meta.map.keySize());
        }
        case PTR_TO_MAP_VALUE -> {
          needMap(meta, pc, fn);
          memory(env, s, r, reg, meta.map.valueSize(), false, pc, "map_value");
        }
        case PTR_TO_UNINIT_MAP_VALUE -> {
          needMap(meta, pc, fn);
          memory(env, s, r, reg, meta.map.valueSize(), true, pc, "map_value");
        }
        case PTR_TO_MEM, PTR_TO_MEM_OR_NULL, PTR_TO_UNINIT_MEM, PTR_TO_UNINIT_MEM_OR_NULL -> {
          Reg size = env.read(s, r + 1, pc);
          boolean orNull = t == ArgType.PTR_TO_MEM_OR_NULL || t == ArgType.PTR_TO_UNINIT_MEM_OR_NULL;
          boolean zeroOk = args.get(i + 1) == ArgType.CONST_SIZE_OR_ZERO;
          long max = sizeArg(pc, r + 1, size, zeroOk);
          if (orNull && reg.isNullConst()) {
            if (max != 0 && size.umin != 0) {
              throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " type=scalar expected=mem"
                  + " (NULL with a size that is not 0)");
            }
            continue;
          }
          boolean write = t == ArgType.PTR_TO_UNINIT_MEM || t == ArgType.PTR_TO_UNINIT_MEM_OR_NULL;
          memory(env, s, r, reg, max, write, pc, "mem");
        }
        case CONST_SIZE, CONST_SIZE_OR_ZERO -> { } // checked with the memory argument
        case CONST_ALLOC_SIZE_OR_ZERO -> {
          if (reg.type != RegType.SCALAR || !reg.isConst()) {
            throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " is not a known constant'");
          }
          meta.allocSize = reg.constValue();
        }
        case PTR_TO_CTX -> {
          if (reg.type != RegType.PTR_TO_CTX) {
            throw typeErr(pc, r, reg, "ctx");
          }
          if (reg.off != 0 || !reg.isConst() || reg.constValue() != 0) {
            throw new Reject(pc, Problem.HELPER_ARG, r, "dereference of modified ctx ptr R" + r
                + " off=" + reg.off + " disallowed");
          }
        }
        case PTR_TO_STACK_OR_NULL -> {
          if (!reg.isNullConst() && reg.type != RegType.PTR_TO_STACK) {
            throw typeErr(pc, r, reg, "fp");
          }
        }
        case PTR_TO_FUNC -> {
          if (reg.type != RegType.PTR_TO_FUNC) {
            throw typeErr(pc, r, reg, "func");
          }
          meta.callback = reg.frameNo;
        }
        case PTR_TO_ALLOC_MEM -> {
          // a ring buffer dynptr's slice carries its reference but is not a reservation
          if (reg.type != RegType.PTR_TO_MEM || reg.refId == 0 || reg.dynptrId != 0) {
            throw new Reject(pc, reg.type.maybeNull() ? Problem.NULL_DEREF : Problem.HELPER_ARG, r,
                "R" + r + " type=" + reg.type.kernelName + " expected=ringbuf_mem");
          }
          if (reg.off != 0 || !reg.isConst() || reg.constValue() != 0) {
            throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " must have zero offset when"
                + " passed to release func");
          }
          if (!s.hasRef(reg.refId)) {
            throw new Reject(pc, Problem.REFERENCE_LEAK, r, "R" + r
                + " reference has already been released");
          }
          int ref = reg.refId;
          s.releaseRef(ref);
          s.forEachReg(o -> {
            if (o.refId == ref) {
              o.becomeUnknown();
              if (!env.privileged) {
                o.becomeNotInit();
              }
            }
          });
        }
        case PTR_TO_DYNPTR -> meta.dynptr = Dynptrs.use(s, r, reg, pc);
        case DYNPTR_UNINIT_LOCAL -> Dynptrs.make(env, s, r, reg, Dynptrs.Kind.LOCAL, pc);
        case DYNPTR_UNINIT_RINGBUF -> Dynptrs.make(env, s, r, reg, Dynptrs.Kind.RINGBUF, pc);
        case DYNPTR_RELEASE_RINGBUF -> Dynptrs.release(env, s, r, reg, pc);
        case PTR_TO_BTF_TASK -> task(r, reg, pc);
        case PTR_TO_SPIN_LOCK -> spinLock(env, s, p.name(), r, reg, pc);
        case PTR_TO_TIMER -> meta.timerMap = timer(reg, r, pc);
        case PTR_TO_CONST_STR -> {
          if (reg.type != RegType.PTR_TO_MAP_VALUE || !reg.isConst()) {
            throw typeErr(pc, r, reg, "map_value (a constant string in a read-only map)");
          }
          byte[] d = reg.map.readOnlyData();
          long at = reg.off + reg.constValue();
          if (d != null && at >= 0 && at < reg.map.valueSize() && !terminated(d, (int) at,
              reg.map.valueSize())) {
            throw new Reject(pc, Problem.HELPER_ARG, r, "string is not zero-terminated");
          }
        }
        default -> throw new IllegalStateException(t.name());
      }
    }
    return meta;
  }

  /** True when {@code d} has a NUL in {@code [at, end)} (bytes past {@code d} are zero). */
  private static boolean terminated(byte[] d, int at, int end) {
    for (int i = at; i < end; i++) {
      if (i >= d.length || d[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code bpf_snprintf}'s format, a constant string of a read-only global data map, must be
   * one the kernel's printf takes with the u64s of R5 ({@code check_bpf_snprintf_call}).
   */
  static void snprintfFormat(StackFrame f, int pc) throws Reject {
    Reg fmt = f.regs[3];
    Reg len = f.regs[5];
    byte[] d = fmt.type == RegType.PTR_TO_MAP_VALUE && fmt.map != null ? fmt.map.readOnlyData()
        : null;
    if (d == null || !fmt.isConst() || len.type != RegType.SCALAR || !len.isConst()) {
      return; // a format bpf4j cannot read; the kernel checks it
    }
    long at = fmt.off + fmt.constValue();
    long n = len.constValue();
    if (n % 8 != 0 || at < 0 || at >= d.length
        || !io.bpf4j.helpers.PrintfFormat.valid(d, (int) at, Long.divideUnsigned(n, 8))) {
      throw new Reject(pc, Problem.HELPER_ARG, 3, "Invalid format string");
    }
  }

  private static Reject typeErr(int pc, int r, Reg reg, String expected) {
    Problem p = reg.type.maybeNull() ? Problem.NULL_DEREF
        : reg.type == RegType.NOT_INIT ? Problem.UNINIT_REG : Problem.HELPER_ARG;
    String type = reg.typeName();
    return new Reject(pc, p, r, "R" + r + " type=" + type + " expected=" + expected);
  }

  private static void needMap(Meta meta, int pc, String fn) throws Reject {
    if (meta.map == null) {
      throw new Reject(pc, Problem.HELPER_ARG, -1, "invalid map_ptr to access map->key in " + fn);
    }
  }

  /** The size argument's largest value, checked ({@code check_mem_size_reg}). */
  private static long sizeArg(int pc, int r, Reg size, boolean zeroOk) throws Reject {
    if (size.type != RegType.SCALAR) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " type=" + size.type.kernelName
          + " expected=scalar");
    }
    if (size.smin < 0) {
      throw new Reject(pc, Problem.UNBOUNDED_INDEX, r, "R" + r
          + " min value is negative, either use unsigned or 'var &= const'");
    }
    if (size.umin == 0 && !zeroOk) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " invalid zero-sized read: u64=["
          + size.umin + "," + Long.toUnsignedString(size.umax) + "]");
    }
    if (Long.compareUnsigned(size.umax, AluCheck.MAX_VAR_OFF) >= 0) {
      throw new Reject(pc, Problem.UNBOUNDED_INDEX, r, "R" + r
          + " unbounded memory access, use 'var &= const' or 'if (var < const)'");
    }
    return size.umax;
  }

  /** A helper reads or writes {@code size} bytes at the pointer in {@code r}. */
  static void memory(Checker env, VState s, int r, Reg reg, long size, boolean write, int pc,
      String what) throws Reject {
    if (size == 0) {
      return;
    }
    switch (reg.type) {
      case PTR_TO_STACK -> {
        StackFrame f = s.frames.get(reg.frameNo);
        long lo = reg.off + (reg.isConst() ? reg.constValue() : reg.smin);
        long hi = reg.off + (reg.isConst() ? reg.constValue() : reg.smax) + size;
        if (!reg.isConst() && (reg.smin == Long.MIN_VALUE || reg.smax == Long.MAX_VALUE)) {
          lo = Long.MIN_VALUE / 2;
        }
        if (lo < -StackFrame.SIZE || hi > 0) {
          throw new Reject(pc, Problem.STACK_BOUNDS, r, "invalid indirect access to stack R" + r
              + " off=" + lo + " size=" + size);
        }
        f.touch((int) lo);
        int sub = env.cfg.subprogOf(f.subprogStart);
        env.maxStack[sub] = Math.max(env.maxStack[sub], (int) -lo);
        StackAccess.helperRange(env, f, lo, hi, write, r, pc);
      }
      case PTR_TO_MAP_VALUE -> {
        MemCheck.accessType(pc, reg, r, 0, size, write);
        MemCheck.region(pc, reg, r, 0, size, reg.map.valueSize(),
            "map value, value_size=" + reg.map.valueSize(), Problem.MAP_BOUNDS);
      }
      case PTR_TO_MEM -> MemCheck.region(pc, reg, r, 0, size, reg.memSize, "memory, mem_size="
          + reg.memSize, Problem.MAP_BOUNDS);
      case PTR_TO_MAP_KEY -> MemCheck.region(pc, reg, r, 0, size, reg.map.keySize(),
          "map key, key_size=" + reg.map.keySize(), Problem.MAP_BOUNDS);
      case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
        long o = reg.off;
        if (reg.smin < 0 || o < 0 || o + size > reg.range) {
          throw new Reject(pc, Problem.PACKET_BOUNDS, r, "invalid access to packet, off=" + o
              + " size=" + size + ", R" + r + "(id=" + reg.id + ",off=" + reg.off + ",r="
              + reg.range + ")");
        }
      }
      default -> throw typeErr(pc, r, reg, "fp, pkt, pkt_meta, map_key, map_value, mem ("
          + what + ")");
    }
  }

  /** The key's value when it is a constant on the stack, else -1. */
  private static long constKey(VState s, Reg reg, int keySize) {
    if (reg.type != RegType.PTR_TO_STACK || !reg.isConst() || keySize > 8) {
      return -1;
    }
    StackFrame f = s.frames.get(reg.frameNo);
    long o = reg.off + reg.constValue();
    int k = (int) (StackFrame.SIZE + o);
    if (k < 0 || k + keySize > StackFrame.SIZE) {
      return -1;
    }
    Reg sp = f.spills[k / 8];
    if (k % 8 == 0 && sp != null && f.bytes[k] == StackFrame.SPILL && sp.isConst()) {
      long mask = keySize == 8 ? -1L : (1L << (keySize * 8)) - 1;
      return sp.constValue() & mask;
    }
    for (int i = k; i < k + keySize; i++) {
      if (f.bytes[i] != StackFrame.ZERO) {
        return -1;
      }
    }
    return 0;
  }

  /** Helpers that change a map ({@code record_func_map}'s read-only test). */
  private static final java.util.Set<String> WRITERS = java.util.Set.of("map_update_elem",
      "map_delete_elem", "map_push_elem", "map_pop_elem");

  private static void compatible(int pc, String helper, String fn, MapInfo m) throws Reject {
    MapType t = m.type();
    boolean ok = switch (helper) {
      case "ringbuf_output", "ringbuf_reserve", "ringbuf_query", "ringbuf_reserve_dynptr" ->
          t == MapType.RINGBUF;
      case "perf_event_output" -> t == MapType.PERF_EVENT_ARRAY;
      case "tail_call" -> t == MapType.PROG_ARRAY;
      case "get_stackid" -> t == MapType.STACK_TRACE;
      case "sk_redirect_map", "msg_redirect_map" -> t == MapType.SOCKMAP;
      case "sk_redirect_hash", "msg_redirect_hash" -> t == MapType.SOCKHASH;
      case "redirect_map" -> t == MapType.DEVMAP || t == MapType.DEVMAP_HASH
          || t == MapType.CPUMAP || t == MapType.XSKMAP;
      case "map_push_elem", "map_pop_elem", "map_peek_elem" -> t == MapType.QUEUE
          || t == MapType.STACK || t == MapType.BLOOM_FILTER;
      case "user_ringbuf_drain" -> t == MapType.USER_RINGBUF;
      case "for_each_map_elem" -> t == MapType.HASH || t == MapType.ARRAY
          || t == MapType.PERCPU_HASH || t == MapType.PERCPU_ARRAY || t == MapType.LRU_HASH
          || t == MapType.LRU_PERCPU_HASH;
      case "map_lookup_elem", "map_update_elem", "map_delete_elem" -> t != MapType.RINGBUF
          && t != MapType.PERF_EVENT_ARRAY && t != MapType.PROG_ARRAY && t != MapType.QUEUE
          && t != MapType.STACK && t != MapType.STACK_TRACE && t != MapType.BLOOM_FILTER
          && t != MapType.USER_RINGBUF;
      default -> true;
    };
    // maps that only some helpers may use (check_map_func_compatibility's map side)
    if (ok && (t == MapType.RINGBUF) && !helper.startsWith("ringbuf_")) {
      ok = false;
    }
    if (ok && (t == MapType.DEVMAP || t == MapType.DEVMAP_HASH || t == MapType.XSKMAP)) {
      ok = helper.equals("redirect_map") || helper.equals("map_lookup_elem");
    }
    if (ok && t == MapType.CPUMAP) {
      ok = helper.equals("redirect_map");
    }
    if (!ok) {
      throw new Reject(pc, Problem.HELPER_ARG, 1, "cannot pass map_type " + t.value() + " into"
          + " func " + fn);
    }
  }

  /** A trusted {@code struct task_struct} pointer, unmoved. */
  private static void task(int r, Reg reg, int pc) throws Reject {
    if (reg.type != RegType.PTR_TO_BTF_ID) {
      throw new Reject(pc, reg.type == RegType.NOT_INIT ? Problem.UNINIT_REG : Problem.HELPER_ARG,
          r, "R" + r + " type=" + reg.type.kernelName + " expected=ptr_, trusted_ptr_, rcu_ptr_");
    }
    if (reg.btfTrust == Reg.BTF_UNTRUSTED) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " type=untrusted_ptr_"
          + " expected=ptr_, trusted_ptr_, rcu_ptr_");
    }
    if (!reg.btf.name().equals("task_struct")) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " is of type " + reg.btf.name()
          + " but task_struct is expected");
    }
    if (reg.off != 0 || !reg.isConst() || reg.constValue() != 0) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " is a task_struct pointer moved by "
          + (reg.off + (reg.isConst() ? reg.constValue() : 0)) + ": pass the task itself");
    }
  }

  /** The map of a {@code bpf_timer} argument ({@code process_timer_func}). */
  private static MapInfo timer(Reg reg, int r, int pc) throws Reject {
    if (reg.type != RegType.PTR_TO_MAP_VALUE) {
      throw typeErr(pc, r, reg, "map_value");
    }
    if (!reg.isConst()) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "R" + r + " doesn't have constant offset."
          + " bpf_timer has to be at the constant offset");
    }
    MapInfo m = reg.map;
    if (m.timerOffset() < 0) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "map '" + m.name() + "' has no valid"
          + " bpf_timer");
    }
    long o = reg.off + reg.constValue();
    if (o != m.timerOffset()) {
      throw new Reject(pc, Problem.HELPER_ARG, r, "off " + o + " doesn't point to 'struct"
          + " bpf_timer' that is at " + m.timerOffset());
    }
    return m;
  }

  private static void spinLock(Checker env, VState s, String name, int r, Reg reg, int pc)
      throws Reject {
    if (reg.type != RegType.PTR_TO_MAP_VALUE) {
      throw typeErr(pc, r, reg, "map_value");
    }
    if (!reg.isConst()) {
      throw new Reject(pc, Problem.LOCK, r, "R" + r + " doesn't have constant offset."
          + " bpf_spin_lock has to be at the constant offset");
    }
    MapInfo m = reg.map;
    if (m.spinLockOffset() < 0) {
      throw new Reject(pc, Problem.LOCK, r, "map '" + m.name() + "' has no valid bpf_spin_lock");
    }
    long o = reg.off + reg.constValue();
    if (o != m.spinLockOffset()) {
      throw new Reject(pc, Problem.LOCK, r, "off " + o + " doesn't point to 'struct bpf_spin_lock'"
          + " that is at " + m.spinLockOffset());
    }
    int id = reg.id == 0 ? -1 : reg.id;
    if (name.equals("spin_lock")) {
      if (s.lockId != 0) {
        throw new Reject(pc, Problem.LOCK, r, "Locking two bpf_spin_locks are not allowed");
      }
      s.lockId = id;
    } else {
      if (s.lockId == 0) {
        throw new Reject(pc, Problem.LOCK, r, "bpf_spin_unlock without taking a lock");
      }
      if (s.lockId != id) {
        throw new Reject(pc, Problem.LOCK, r, "bpf_spin_unlock of different lock");
      }
      s.lockId = 0;
    }
  }
}
