package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The maps {@code bpf_redirect_map} sends packets through, with the kernel's rules for user
 * space and programs:
 *
 * <ul>
 *   <li>{@code BPF_MAP_TYPE_DEVMAP} (slots 0..max-1) and {@code DEVMAP_HASH} (any u32 key, at
 *       most max entries): value {@code u32 ifindex} or {@code struct bpf_devmap_val}
 *       ({@code ifindex}, {@code bpf_prog.fd}). An update checks that the interface exists
 *       ({@link NetworkInterface#getByIndex}; else EINVAL, as the kernel's {@code
 *       dev_get_by_index}); ifindex 0 empties a DEVMAP slot. Programs may look values up
 *       (read-only to them).
 *   <li>{@code BPF_MAP_TYPE_CPUMAP} (key = CPU, below the CPU slots of {@link CpuSlots}, else
 *       ENODEV): value {@code u32 qsize} or {@code struct bpf_cpumap_val}; qsize 0 empties
 *       the slot, more than 16384 is EOVERFLOW.
 *   <li>{@code BPF_MAP_TYPE_XSKMAP}: the JVM backend has no AF_XDP sockets, so an update is
 *       EOPNOTSUPP; deletes, keys and redirects behave as for an empty map.
 * </ul>
 *
 * A program attached to an entry ({@code bpf_prog.fd} &gt; 0) is not supported: EINVAL.
 * Lookups from user space give the value with a program id of 0; an XSKMAP's lookup is
 * EOPNOTSUPP, as the kernel's.
 */
final class RedirectMap extends BaseMap {
  /** {@code bpf_redirect_map} flags beyond the fallback action (DEVMAP only). */
  static final long BPF_F_BROADCAST = 1L << 3;
  static final long BPF_F_EXCLUDE_INGRESS = 1L << 4;
  private static final long ACTIONS = 3; // XDP_ABORTED, DROP, PASS, TX
  static final long XDP_ABORTED = 0;
  static final long XDP_REDIRECT = 4;

  private final MapType type;
  private final int max;
  private final int stride;
  private final long data;
  /** Keeps the values' memory alive as long as the map object is reachable. */
  private final MemorySegment memory;
  /** Array kinds: 1 where slot i holds a value. DEVMAP_HASH: 1 where the slot is in use. */
  private final AtomicIntegerArray present;
  /** DEVMAP_HASH: key to slot. */
  private final ConcurrentHashMap<Integer, Integer> slots;

  RedirectMap(BpfMapSpec spec) {
    super(spec);
    type = spec.type();
    int v = spec.valueSize();
    boolean sizes = spec.keySize() == 4 && spec.maxEntries() > 0
        && (type == MapType.XSKMAP ? v == 4 : v == 4 || v == 8);
    if (!sizes) {
      throw new IllegalArgumentException("map '" + spec.name() + "': " + type
          + " needs key_size 4 (is " + spec.keySize() + "), value_size "
          + (type == MapType.XSKMAP ? "4" : "4 or 8") + " (is " + v + ") and max_entries > 0");
    }
    max = spec.maxEntries();
    stride = 8;
    memory = Arena.ofAuto().allocate((long) stride * max, 8);
    data = memory.address();
    present = new AtomicIntegerArray(max);
    slots = type == MapType.DEVMAP_HASH ? new ConcurrentHashMap<>() : null;
  }

  private static int key(long key) {
    return Memory.ALL.get(Memory.U32, key);
  }

  /** The slot holding {@code key}'s value, or -1. */
  private int slotOf(int k) {
    if (slots != null) {
      Integer s = slots.get(k);
      return s == null ? -1 : s;
    }
    return Integer.compareUnsigned(k, max) < 0 && present.get(k) != 0 ? k : -1;
  }

  @Override
  long lookupElem(long key) {
    if (type == MapType.CPUMAP || type == MapType.XSKMAP) {
      return 0; // refused by the verifier; an XSKMAP holds no socket here
    }
    int s = slotOf(key(key));
    return s < 0 ? 0 : data + (long) s * stride;
  }

  /**
   * {@code bpf_redirect_map(map, key, flags)}: {@code XDP_REDIRECT} when {@code key} holds a
   * target (or for a DEVMAP broadcast), else the action in the flags' low two bits;
   * {@code XDP_ABORTED} for unknown flags. The action is in the low 32 bits; the high 32
   * bits hold the DEVMAP entry's ifindex (0 for other maps and broadcasts).
   */
  long redirect(long key, long flags) {
    boolean dev = type == MapType.DEVMAP || type == MapType.DEVMAP_HASH;
    long allowed = ACTIONS | (dev ? BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS : 0);
    if ((flags & ~allowed) != 0) {
      return XDP_ABORTED;
    }
    if ((flags & BPF_F_BROADCAST) != 0) {
      return XDP_REDIRECT;
    }
    int s = type == MapType.XSKMAP || Long.compareUnsigned(key, 0xffffffffL) > 0 ? -1
        : slotOf((int) key);
    if (s < 0) {
      return flags & ACTIONS;
    }
    long ifindex = dev ? Memory.ALL.get(Memory.U32, data + (long) s * stride) & 0xffffffffL : 0;
    return ifindex << 32 | XDP_REDIRECT;
  }

  // ---- user space ----

  @Override
  synchronized int sysUpdate(long key, long value, long flags) {
    if (flags > BPF_EXIST || flags < 0) {
      return -Errno.EINVAL;
    }
    int k = key(key);
    boolean array = slots == null;
    if (array && Integer.compareUnsigned(k, max) >= 0) {
      return -Errno.E2BIG;
    }
    if (type == MapType.XSKMAP) {
      return -Errno.EOPNOTSUPP; // no AF_XDP sockets on the JVM backend
    }
    if (array && flags == BPF_NOEXIST) {
      return -Errno.EEXIST;
    }
    int first = Memory.ALL.get(Memory.U32, value);
    int prog = spec.valueSize() == 8 ? Memory.ALL.get(Memory.U32, value + 4) : 0;
    if (prog > 0) {
      return -Errno.EINVAL; // programs on entries are not supported here
    }
    if (type == MapType.CPUMAP) {
      if (Integer.compareUnsigned(first, 16384) > 0) {
        return -Errno.EOVERFLOW;
      }
      if (k >= CpuSlots.count()) {
        return -Errno.ENODEV;
      }
      if (first == 0) {
        present.set(k, 0);
        return 0;
      }
    } else if (first == 0) {
      if (slots != null) {
        return -Errno.EINVAL;
      }
      present.set(k, 0); // a DEVMAP slot without a device
      return 0;
    } else if (!interfaceExists(first)) {
      return -Errno.EINVAL;
    }
    int s;
    if (array) {
      s = k;
    } else {
      Integer old = slots.get(k);
      if (old != null && flags == BPF_NOEXIST) {
        return -Errno.EEXIST;
      }
      if (old == null) {
        s = freeSlot();
        if (s < 0) {
          return -Errno.E2BIG;
        }
      } else {
        s = old;
      }
    }
    long dst = data + (long) s * stride;
    Memory.ALL.set(Memory.U32, dst, first);
    Memory.ALL.set(Memory.U32, dst + 4, 0); // no program: id 0
    present.set(s, 1);
    if (slots != null) {
      slots.put(k, s);
    }
    return 0;
  }

  private int freeSlot() {
    for (int i = 0; i < max; i++) {
      if (present.get(i) == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean interfaceExists(int ifindex) {
    try {
      return ifindex > 0 && NetworkInterface.getByIndex(ifindex) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    if (flags != 0) {
      return -Errno.EINVAL;
    }
    if (type == MapType.XSKMAP) {
      return -Errno.EOPNOTSUPP;
    }
    int s = slotOf(key(key));
    if (s < 0) {
      return -Errno.ENOENT;
    }
    Keys.copy(data + (long) s * stride, value, spec.valueSize());
    return 0;
  }

  @Override
  synchronized int sysDelete(long key) {
    int k = key(key);
    if (slots == null) {
      if (Integer.compareUnsigned(k, max) >= 0) {
        return -Errno.EINVAL;
      }
      present.set(k, 0);
      return 0;
    }
    Integer s = slots.remove(k);
    if (s == null) {
      return -Errno.ENOENT;
    }
    present.set(s, 0);
    return 0;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    if (slots == null) {
      return Keys.nextIndex(key, next, max);
    }
    // DEVMAP_HASH: the keys in ascending unsigned order; an absent key restarts
    int[] keys = slots.keySet().stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < keys.length; i++) {
      keys[i] ^= Integer.MIN_VALUE;
    }
    Arrays.sort(keys);
    int at = -1;
    if (key != 0) {
      int k = key(key) ^ Integer.MIN_VALUE;
      int f = Arrays.binarySearch(keys, k);
      at = f >= 0 ? f : -1;
    }
    if (at + 1 >= keys.length) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, next, keys[at + 1] ^ Integer.MIN_VALUE);
    return 0;
  }
}
