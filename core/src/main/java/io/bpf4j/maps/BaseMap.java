package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The common part of every JVM-backend map: its descriptor block (the map pointer programs
 * hold), the program-side operations on native addresses that the helpers call (returning
 * the kernel's values: an address or 0, 0 or a negative errno), the syscall-side operations
 * and the Java API built on them.
 */
abstract sealed class BaseMap implements BpfMap
    permits ArrayMap, HashTable, LpmTrie, QueueStack, BloomFilter, RingBuf, PerfEventArray,
        ProgArray, MapOfMaps, UserRingBuf, RedirectMap, StackTraceMap {

  /** Descriptor layout: magic, id, type, key size, value size, max entries, data, stride. */
  static final int DESC_MAGIC = 0x4d465042; // "BPFM"

  static final int DESC_SIZE = 64;
  static final ElementMemory DESCRIPTORS = ElementMemory.of("bpf_map_desc", DESC_SIZE);

  final BpfMapSpec spec;
  final long desc;
  int id;
  /** Offset of the value's {@code bpf_spin_lock}, or -1. */
  private final int lockOff;
  /** Offset of the value's {@code bpf_timer}, or -1. */
  final int timerOff;

  BaseMap(BpfMapSpec spec) {
    this.spec = spec;
    this.lockOff = spec.spinLockOffset();
    this.timerOff = spec.timerOffset();
    this.desc = DESCRIPTORS.alloc();
    Memory.ALL.set(Memory.U32, desc, DESC_MAGIC);
    Memory.ALL.set(Memory.U32, desc + 8, spec.type().value());
    Memory.ALL.set(Memory.U32, desc + 12, spec.keySize());
    Memory.ALL.set(Memory.U32, desc + 16, spec.valueSize());
    Memory.ALL.set(Memory.U32, desc + 20, spec.maxEntries());
  }

  // ---- program side (helpers): addresses in, kernel return values out ----

  /** {@code bpf_map_lookup_elem}: the value's address, or 0. */
  long lookupElem(long key) {
    return 0;
  }

  /** {@code bpf_map_update_elem}: 0 or a negative errno. */
  long updateElem(long key, long value, long flags) {
    return -Errno.EINVAL;
  }

  /** {@code bpf_map_delete_elem}: 0 or a negative errno. */
  long deleteElem(long key) {
    return -Errno.EINVAL;
  }

  /** {@code bpf_map_push_elem}. */
  long pushElem(long value, long flags) {
    return -Errno.ENOTSUPP;
  }

  /** {@code bpf_map_pop_elem}. */
  long popElem(long value) {
    return -Errno.ENOTSUPP;
  }

  /** {@code bpf_map_peek_elem}. */
  long peekElem(long value) {
    return -Errno.ENOTSUPP;
  }

  /** {@code bpf_for_each_map_elem}: calls {@code fn(key, value)} until it returns nonzero. */
  long forEach(ElementVisitor fn) {
    return -Errno.EINVAL;
  }

  /**
   * The key of the element whose value is at {@code value} ({@code bpf_timer}'s callback
   * gets it): its address (an array writes the u32 index to {@code keyBuf} and returns
   * {@code keyBuf}), or 0 when {@code value} is no element's value.
   */
  long keyOfValue(long value, long keyBuf) {
    return 0;
  }

  /** Zeroes the value's {@code bpf_timer} at {@code value} (a copy user space reads). */
  final void hideTimer(long value) {
    if (timerOff >= 0) {
      Keys.zero(value + timerOff, Timers.SIZE);
    }
  }

  /** What {@link #forEach} calls per element. */
  @FunctionalInterface
  interface ElementVisitor {
    /** 0 to continue, 1 to stop. */
    long visit(long key, long value);
  }

  /**
   * An update from a program or from user space: {@link #updateElem}, or for a value with a
   * {@code bpf_spin_lock} the kernel's copies that never write the lock word
   * ({@code BPF_F_LOCK}: in place under the lock). {@code BPF_F_LOCK} without a lock: EINVAL.
   */
  final long updateValue(long key, long value, long flags) {
    if (lockOff < 0) {
      return (flags & BPF_F_LOCK) != 0 ? -Errno.EINVAL : updateElem(key, value, flags);
    }
    return lockedUpdate(key, value, flags);
  }

  private long lockedUpdate(long key, long value, long flags) {
    long f = flags & ~BPF_F_LOCK;
    boolean locked = (flags & BPF_F_LOCK) != 0;
    if (f > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    int size = spec.valueSize();
    Rcu.enter();
    try {
      long elem = lookupElem(key);
      if (spec.type() == io.bpf4j.uapi.MapType.ARRAY) {
        if (elem == 0) {
          return -Errno.E2BIG;
        }
        if (f == BPF_NOEXIST) {
          return -Errno.EEXIST;
        }
        if (timerOff >= 0) {
          Timers.free(elem + timerOff); // the old value's timer is freed, as the kernel does
        }
        SpinLocks.copyIn(value, elem, size, lockOff, locked);
        hideTimer(elem);
        return 0;
      }
      if (elem != 0 && f == BPF_NOEXIST) {
        return -Errno.EEXIST;
      }
      if (elem == 0 && f == BPF_EXIST) {
        return -Errno.ENOENT;
      }
      if (elem != 0 && locked) {
        // in place, as the kernel does; its copy skips the timer, which stays armed
        long timer = timerOff >= 0 ? Memory.ALL.get(Memory.U64, elem + timerOff) : 0;
        SpinLocks.copyIn(value, elem, size, lockOff, true);
        if (timerOff >= 0) {
          hideTimer(elem);
          Memory.ALL.set(Memory.U64, elem + timerOff, timer);
        }
        return 0;
      }
      // a new element: the value with its lock word free (the caller's bytes stay as given)
      return updateElem(key, SpinLocks.withFreeLock(value, size, lockOff), f);
    } finally {
      Rcu.exit();
    }
  }

  /** A lookup from user space with {@code flags}, as {@code BPF_MAP_LOOKUP_ELEM}. */
  private int lookupValue(long key, long value, long flags) {
    if ((flags & BPF_F_LOCK) != 0 && lockOff < 0) {
      return -Errno.EINVAL;
    }
    if (lockOff < 0) {
      return sysLookup(key, value, flags);
    }
    if ((flags & ~BPF_F_LOCK) != 0) {
      return -Errno.EINVAL;
    }
    Rcu.enter();
    try {
      long elem = lookupElem(key);
      if (elem == 0) {
        return -Errno.ENOENT;
      }
      SpinLocks.copyOut(elem, value, spec.valueSize(), lockOff, flags != 0);
      hideTimer(value);
      return 0;
    } finally {
      Rcu.exit();
    }
  }

  // ---- syscall side: addresses in, 0 or -errno out ----

  int sysLookup(long key, long value, long flags) {
    if (flags != 0) {
      return -Errno.EINVAL;
    }
    long v;
    Rcu.enter();
    try {
      v = lookupElem(key);
      if (v == 0) {
        return -Errno.ENOENT;
      }
      Keys.copy(v, value, spec.valueSize());
      hideTimer(value);
    } finally {
      Rcu.exit();
    }
    return 0;
  }

  int sysUpdate(long key, long value, long flags) {
    return (int) updateElem(key, value, flags);
  }

  /** {@link #sysUpdate} with the spin lock rules of {@link #updateValue}. */
  private int sysUpdateValue(long key, long value, long flags) {
    if (lockOff < 0) {
      return (flags & BPF_F_LOCK) != 0 ? -Errno.EINVAL : sysUpdate(key, value, flags);
    }
    return (int) lockedUpdate(key, value, flags);
  }

  int sysDelete(long key) {
    return (int) deleteElem(key);
  }

  int sysLookupAndDelete(long key, long value, long flags) {
    return -Errno.ENOTSUPP;
  }

  int sysGetNextKey(long key, long next) {
    return -Errno.EINVAL;
  }

  @Override
  public int javaValueSize() {
    return spec.valueSize();
  }

  // ---- Java API ----

  @Override
  public BpfMapSpec spec() {
    return spec;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public long address() {
    return desc;
  }

  private void check(MemorySegment seg, long size, String what) {
    if (seg.byteSize() != size) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': " + what + " of " + seg.byteSize() + " bytes (must be "
              + size + ")");
    }
  }

  /** Scratch layout: key at 0, value at {@link #valOff()}, second key after the value. */
  private long valOff() {
    return Keys.round8(spec.keySize());
  }

  private long key2Off() {
    return valOff() + Keys.round8(javaValueSize());
  }

  private MemorySegment scratch() {
    return Scratch.get(key2Off() + Keys.round8(spec.keySize()) + 8);
  }

  private BpfMapException fail(String op, int err) {
    return new BpfMapException(-err, "map '" + spec.name() + "': " + op);
  }

  @Override
  public boolean lookup(MemorySegment key, MemorySegment value) {
    return lookup(key, value, 0);
  }

  @Override
  public boolean lookup(MemorySegment key, MemorySegment value, long flags) {
    check(key, spec.keySize(), "key");
    check(value, javaValueSize(), "value");
    MemorySegment s = scratch();
    MemorySegment.copy(key, 0, s, 0, spec.keySize());
    int r = lookupValue(s.address(), s.address() + valOff(), flags);
    if (r == -Errno.ENOENT) {
      return false;
    } else if (r < 0) {
      throw fail("lookup", r);
    }
    MemorySegment.copy(s, valOff(), value, 0, javaValueSize());
    return true;
  }

  @Override
  public void update(MemorySegment key, MemorySegment value, long flags) {
    check(key, spec.keySize(), "key");
    check(value, javaValueSize(), "value");
    MemorySegment s = scratch();
    MemorySegment.copy(key, 0, s, 0, spec.keySize());
    MemorySegment.copy(value, 0, s, valOff(), javaValueSize());
    int r = sysUpdateValue(s.address(), s.address() + valOff(), flags);
    if (r < 0) {
      throw fail("update", r);
    }
  }

  @Override
  public boolean delete(MemorySegment key) {
    check(key, spec.keySize(), "key");
    MemorySegment s = scratch();
    MemorySegment.copy(key, 0, s, 0, spec.keySize());
    int r = sysDelete(s.address());
    if (r == -Errno.ENOENT) {
      return false;
    } else if (r < 0) {
      throw fail("delete", r);
    }
    return true;
  }

  @Override
  public boolean lookupAndDelete(MemorySegment key, MemorySegment value) {
    if (key != null) {
      check(key, spec.keySize(), "key");
    }
    check(value, javaValueSize(), "value");
    MemorySegment s = scratch();
    if (key != null) {
      MemorySegment.copy(key, 0, s, 0, spec.keySize());
    }
    int r = sysLookupAndDelete(key == null ? 0 : s.address(), s.address() + valOff(), 0);
    if (r == -Errno.ENOENT) {
      return false;
    } else if (r < 0) {
      throw fail("lookup_and_delete", r);
    }
    MemorySegment.copy(s, valOff(), value, 0, javaValueSize());
    return true;
  }

  @Override
  public boolean nextKey(MemorySegment key, MemorySegment next) {
    check(next, spec.keySize(), "next key");
    MemorySegment s = scratch();
    if (key != null) {
      check(key, spec.keySize(), "key");
      MemorySegment.copy(key, 0, s, 0, spec.keySize());
    }
    int r = sysGetNextKey(key == null ? 0 : s.address(), s.address() + key2Off());
    if (r == -Errno.ENOENT) {
      return false;
    } else if (r < 0) {
      throw fail("get_next_key", r);
    }
    MemorySegment.copy(s, key2Off(), next, 0, spec.keySize());
    return true;
  }

  @Override
  public void push(MemorySegment value, long flags) {
    check(value, javaValueSize(), "value");
    MemorySegment s = scratch();
    MemorySegment.copy(value, 0, s, valOff(), javaValueSize());
    int r = sysUpdate(0, s.address() + valOff(), flags);
    if (r < 0) {
      throw fail("push", r);
    }
  }

  @Override
  public boolean pop(MemorySegment value) {
    return lookupAndDelete(null, value);
  }

  @Override
  public boolean peek(MemorySegment value) {
    check(value, javaValueSize(), "value");
    MemorySegment s = scratch();
    MemorySegment.copy(value, 0, s, valOff(), javaValueSize());
    int r = sysLookup(0, s.address() + valOff(), 0);
    if (r == -Errno.ENOENT) {
      return false;
    } else if (r < 0) {
      throw fail("peek", r);
    }
    MemorySegment.copy(s, valOff(), value, 0, javaValueSize());
    return true;
  }

  @Override
  public List<MemorySegment> keys() {
    List<MemorySegment> out = new ArrayList<>();
    MemorySegment prev = null;
    while (true) {
      MemorySegment next = MemorySegment.ofArray(new byte[spec.keySize()]);
      if (!nextKey(prev, next) || out.size() > 16 * Math.max(1, spec.maxEntries())) {
        return out;
      }
      out.add(next);
      prev = next;
    }
  }

  @Override
  public BatchResult lookupBatch(
      MemorySegment in, MemorySegment keys, MemorySegment values, int count, boolean delete) {
    int ks = spec.keySize();
    int vs = javaValueSize();
    if (count <= 0 || keys.byteSize() < (long) ks * count || values.byteSize() < (long) vs * count) {
      throw fail("lookup_batch: buffers smaller than count", -Errno.EINVAL);
    }
    MemorySegment cur = in;
    MemorySegment next = MemorySegment.ofArray(new byte[ks]);
    MemorySegment val = MemorySegment.ofArray(new byte[vs]);
    int n = 0;
    boolean done = false;
    while (n < count) {
      if (!nextKey(cur, next)) {
        done = true;
        break;
      }
      if (lookup(next, val)) {
        MemorySegment.copy(next, 0, keys, (long) n * ks, ks);
        MemorySegment.copy(val, 0, values, (long) n * vs, vs);
        n++;
      }
      cur = MemorySegment.ofArray(next.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
    if (delete) {
      for (int i = 0; i < n; i++) {
        delete(keys.asSlice((long) i * ks, ks));
      }
    }
    return new BatchResult(n, cur, done);
  }

  @Override
  public int updateBatch(MemorySegment keys, MemorySegment values, int count, long flags) {
    int ks = spec.keySize();
    int vs = javaValueSize();
    for (int i = 0; i < count; i++) {
      update(keys.asSlice((long) i * ks, ks), values.asSlice((long) i * vs, vs), flags);
    }
    return count;
  }

  @Override
  public int deleteBatch(MemorySegment keys, int count) {
    int ks = spec.keySize();
    for (int i = 0; i < count; i++) {
      if (!delete(keys.asSlice((long) i * ks, ks))) {
        throw fail("delete_batch: key " + i + " of " + count, -Errno.ENOENT);
      }
    }
    return count;
  }

  /** Frees the map's memory once no reader can see it; subclasses free their elements. */
  void release() {}

  @Override
  public void close() {
    if (BpfMaps.unregister(this)) {
      if (timerOff >= 0) {
        Timers.freeMap(desc);
      }
      release();
      Memory.ALL.set(Memory.U32, desc, 0);
      Rcu.retire(DESCRIPTORS, desc);
    }
  }

  @Override
  public String toString() {
    return spec.type().name().toLowerCase() + " map '" + spec.name() + "' (id " + id + ")";
  }
}
