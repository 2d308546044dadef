package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code BPF_MAP_TYPE_QUEUE} (FIFO) and {@code BPF_MAP_TYPE_STACK} (LIFO): no keys, values
 * pushed and popped by copy. A ring of max_entries + 1 slots under a lock, as the kernel's.
 * Push into a full map fails with E2BIG, or with {@code BPF_EXIST} overwrites the oldest
 * value; pop and peek of an empty map give ENOENT. From Java: update is push, lookup is
 * peek, lookup_and_delete is pop; delete and get_next_key are EINVAL.
 */
final class QueueStack extends BaseMap {
  private final boolean stack;
  private final int size;
  private final long slots;
  /** Keeps the slots' memory alive as long as the map object is reachable. */
  private final MemorySegment memory;
  private int head;
  private int tail;

  QueueStack(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() != 0 || spec.valueSize() == 0 || spec.maxEntries() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': queue/stack needs key_size 0 (is " + spec.keySize()
              + "), value_size and max_entries > 0");
    }
    stack = spec.type() == MapType.STACK;
    size = spec.maxEntries() + 1;
    memory = Arena.ofAuto().allocate((long) size * spec.valueSize(), 8);
    slots = memory.address();
  }

  private long slot(int i) {
    return slots + (long) i * spec.valueSize();
  }

  @Override
  synchronized long pushElem(long value, long flags) {
    if ((flags & BPF_NOEXIST) != 0 || flags > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    if ((head + 1) % size == tail) {
      if (flags != BPF_EXIST) {
        return -Errno.E2BIG;
      }
      tail = (tail + 1) % size;
    }
    Keys.copy(value, slot(head), spec.valueSize());
    head = (head + 1) % size;
    return 0;
  }

  private synchronized long take(long value, boolean remove) {
    if (head == tail) {
      Keys.zero(value, spec.valueSize());
      return -Errno.ENOENT;
    }
    if (stack) {
      int i = (head - 1 + size) % size;
      Keys.copy(slot(i), value, spec.valueSize());
      if (remove) {
        head = i;
      }
    } else {
      Keys.copy(slot(tail), value, spec.valueSize());
      if (remove) {
        tail = (tail + 1) % size;
      }
    }
    return 0;
  }

  @Override
  long popElem(long value) {
    return take(value, true);
  }

  @Override
  long peekElem(long value) {
    return take(value, false);
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    return (int) pushElem(value, flags);
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    return flags != 0 ? -Errno.EINVAL : (int) peekElem(value);
  }

  @Override
  int sysLookupAndDelete(long key, long value, long flags) {
    return flags != 0 ? -Errno.EINVAL : (int) popElem(value);
  }

  @Override
  int sysDelete(long key) {
    return -Errno.EINVAL;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    return -Errno.EINVAL;
  }

  @Override
  long updateElem(long key, long value, long flags) {
    return -Errno.EINVAL;
  }
}
