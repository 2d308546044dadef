package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code BPF_MAP_TYPE_ARRAY_OF_MAPS} and {@code BPF_MAP_TYPE_HASH_OF_MAPS}: values are inner
 * maps. From Java a value is the inner map's u32 {@link BpfMap#id()} (the kernel's inner map
 * fd on update, its id on lookup); a program's lookup returns the inner map pointer
 * ({@link BpfMap#address()}), ready for the map helpers. An inner map must match the inner
 * spec in type, key size, value size and (unless the inner spec has
 * {@code BPF_F_INNER_MAP}) max_entries.
 */
final class MapOfMaps extends BaseMap {
  private static final int EBADF = 9;

  private final boolean array;
  private final AtomicReferenceArray<BaseMap> slots;
  private final HashTable table;

  MapOfMaps(BpfMapSpec spec) {
    super(spec);
    array = spec.type() == MapType.ARRAY_OF_MAPS;
    if (spec.inner() == null || spec.valueSize() != 4 || spec.maxEntries() == 0
        || (array && spec.keySize() != 4) || spec.keySize() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': map-in-map needs an inner map spec, value_size 4,"
              + " max_entries > 0" + (array ? " and key_size 4" : ""));
    }
    slots = array ? new AtomicReferenceArray<>(spec.maxEntries()) : null;
    table =
        array
            ? null
            : new HashTable(
                new BpfMapSpec(spec.name(), MapType.HASH, spec.keySize(), 8, spec.maxEntries(),
                    BpfMapSpec.BPF_F_NO_PREALLOC, 0, null)); // inner pointers read lock-free
  }

  private long index(long key) {
    return Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
  }

  private BaseMap inner(long key) {
    if (array) {
      long i = index(key);
      return i < slots.length() ? slots.get((int) i) : null;
    }
    long v = table.lookupElem(key);
    return v == 0 ? null : BpfMaps.map(Memory.ALL.get(Memory.U64, v));
  }

  @Override
  long lookupElem(long key) {
    BaseMap m = inner(key);
    return m == null ? 0 : m.desc;
  }

  @Override
  long updateElem(long key, long value, long flags) {
    return -Errno.EINVAL;
  }

  @Override
  long deleteElem(long key) {
    return -Errno.EINVAL;
  }

  private boolean compatible(BaseMap m) {
    BpfMapSpec in = spec.inner();
    return m.spec.type() == in.type()
        && m.spec.keySize() == in.keySize()
        && m.spec.valueSize() == in.valueSize()
        && ((in.flags() & BpfMapSpec.BPF_F_INNER_MAP) != 0
            || m.spec.maxEntries() == in.maxEntries());
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    if (flags > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    if (BpfMaps.byId(Memory.ALL.get(Memory.U32, value)) instanceof BaseMap m) {
      if (!compatible(m)) {
        return -Errno.EINVAL;
      }
      if (!array) {
        long tmp = ForEachKeys.push();
        try {
          Memory.ALL.set(Memory.U64, tmp, m.desc);
          return table.sysUpdate(key, tmp, flags);
        } finally {
          ForEachKeys.pop();
        }
      }
      long i = index(key);
      if (i >= slots.length()) {
        return -Errno.E2BIG;
      }
      if (flags != BPF_ANY) {
        return -Errno.EINVAL;
      }
      slots.set((int) i, m);
      return 0;
    }
    return -EBADF;
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    BaseMap m = inner(key);
    if (m == null) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, value, m.id);
    return 0;
  }

  @Override
  int sysDelete(long key) {
    if (!array) {
      return table.sysDelete(key);
    }
    long i = index(key);
    if (i >= slots.length()) {
      return -Errno.E2BIG;
    }
    return slots.getAndSet((int) i, null) == null ? -Errno.ENOENT : 0;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    if (!array) {
      return table.sysGetNextKey(key, next);
    }
    long i = key == 0 ? -1 : index(key);
    if (i >= slots.length()) {
      i = -1;
    }
    if (i == slots.length() - 1) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, next, (int) (i + 1));
    return 0;
  }
}
