package io.bpf4j.maps;

import io.bpf4j.vm.Engine;
import io.bpf4j.vm.Memory;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code BPF_MAP_TYPE_PROG_ARRAY}: the programs that {@code bpf_tail_call} jumps to, by u32
 * index. In the kernel a slot holds a program fd; on the JVM backend it holds a loaded
 * program ({@link Engine}), set with {@link #set(BpfMap, int, Engine)}. Delete empties a
 * slot; lookup gives the program's id (a number this class gives each program it holds, as
 * the kernel's lookup gives the prog id) or ENOENT; update with a raw value is EINVAL.
 */
public final class ProgArray extends BaseMap {
  private static final Map<Engine, Integer> IDS = new WeakHashMap<>();
  private static int nextId = 1;

  private final AtomicReferenceArray<Engine> progs;

  ProgArray(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() != 4 || spec.valueSize() != 4 || spec.maxEntries() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': prog_array needs key_size 4, value_size 4, max_entries > 0");
    }
    progs = new AtomicReferenceArray<>(spec.maxEntries());
  }

  /** Puts {@code program} (null: empties the slot) at {@code index} of prog_array {@code map}. */
  public static void set(BpfMap map, int index, Engine program) {
    if (!(map instanceof ProgArray p)) {
      throw new IllegalArgumentException(map + " is not a prog_array map");
    }
    if (index < 0 || index >= p.progs.length()) {
      throw new BpfMapException(
          Errno.E2BIG, "prog_array '" + map.name() + "': index " + index + " out of range");
    }
    if (program != null) {
      synchronized (IDS) {
        IDS.computeIfAbsent(program, e -> nextId++);
      }
    }
    p.progs.set(index, program);
  }

  /** The program at {@code index}, or null (also when out of range). */
  Engine target(long index) {
    return index >= 0 && index < progs.length() ? progs.get((int) index) : null;
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    Engine e = target(Memory.ALL.get(Memory.U32, key) & 0xffffffffL);
    if (e == null) {
      return -Errno.ENOENT;
    }
    synchronized (IDS) {
      Memory.ALL.set(Memory.U32, value, IDS.getOrDefault(e, 0));
    }
    return 0;
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    return -Errno.EINVAL;
  }

  @Override
  int sysDelete(long key) {
    long i = Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
    if (i >= progs.length()) {
      return -Errno.E2BIG;
    }
    return progs.getAndSet((int) i, null) == null ? -Errno.ENOENT : 0;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    long i = key == 0 ? -1 : Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
    if (i >= progs.length()) {
      i = -1;
    }
    if (i == progs.length() - 1) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, next, (int) (i + 1));
    return 0;
  }
}
