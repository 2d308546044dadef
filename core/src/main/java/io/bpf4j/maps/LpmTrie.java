package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code BPF_MAP_TYPE_LPM_TRIE}: longest-prefix match over keys {@code struct
 * bpf_lpm_trie_key { u32 prefixlen; u8 data[]; }} (data in network order, most significant
 * bit first). A path-compressed binary trie as the kernel's: intermediate nodes where two
 * prefixes branch, lookups lock-free, writers under one lock; a node is replaced, not
 * changed, so a reader never sees half an update. {@code get_next_key} walks in the kernel's
 * post order: more specific prefixes first, the 0 branch before the 1 branch.
 */
final class LpmTrie extends BaseMap {
  private final int dataSize;
  private final int maxPrefix;
  private final ElementMemory memory;
  private final Object lock = new Object();
  private volatile TrieNode root;
  private int count;

  /** A trie node; {@code elem} 0 marks an intermediate node. */
  static final class TrieNode {
    final int prefixlen;
    final byte[] data;
    /** The first 8 bytes of {@code data} (fewer: zero-padded), big-endian: bit 0 is bit 63. */
    final long head;
    final long elem;
    volatile TrieNode c0;
    volatile TrieNode c1;

    TrieNode(int prefixlen, byte[] data, long elem) {
      this.prefixlen = prefixlen;
      this.data = data;
      this.elem = elem;
      long h = 0;
      for (int b = 0; b < Math.min(8, data.length); b++) {
        h |= (data[b] & 0xffL) << (56 - 8 * b);
      }
      this.head = h;
    }

    TrieNode child(int bit) {
      return bit == 0 ? c0 : c1;
    }

    void setChild(int bit, TrieNode n) {
      if (bit == 0) {
        c0 = n;
      } else {
        c1 = n;
      }
    }
  }

  LpmTrie(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() < 5 || spec.keySize() > 4 + 256 || spec.valueSize() == 0
        || spec.maxEntries() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': lpm_trie needs key_size 5..260 (is " + spec.keySize()
              + "), value_size and max_entries > 0");
    }
    if ((spec.flags() & BpfMapSpec.BPF_F_NO_PREALLOC) == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': lpm_trie needs flag BPF_F_NO_PREALLOC, as in the kernel");
    }
    dataSize = spec.keySize() - 4;
    maxPrefix = dataSize * 8;
    memory = ElementMemory.of("lpm_" + spec.name(), spec.valueSize());
  }

  private static int bit(byte[] data, int i) {
    return (data[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  /** Bit {@code i} of the node's data, from its head field when {@code i < 64}. */
  private static int headBit(TrieNode n, int i) {
    return i < 64 ? (int) (n.head >>> (63 - i)) & 1 : bit(n.data, i);
  }

  private static int keyBit(long key, int i) {
    return (Memory.ALL.get(Memory.U8, key + 4 + (i >>> 3)) >>> (7 - (i & 7))) & 1;
  }

  private static int prefixOf(long key) {
    return Memory.ALL.get(Memory.U32, key);
  }

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong KEY_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt KEY_INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  /**
   * Common leading bits of the node and the key, at most both prefix lengths. Compares 64,
   * then 32 bits at a time (big-endian words, so the first differing bit is the leading
   * zeros of their xor), then bytes, as the kernel's {@code longest_prefix_match} does.
   */
  private int match(TrieNode n, long key, int keyPrefix) {
    int limit = Math.min(n.prefixlen, keyPrefix);
    long k = key + 4;
    // the first word from the node's head field, without touching its data array (a lookup
    // of an IPv4 address reads no array at all)
    int covered;
    long kw;
    if (dataSize >= 8) {
      covered = 64;
      kw = Memory.ALL.get(KEY_LONG, k);
    } else if (dataSize >= 4) {
      covered = 32;
      kw = (long) Memory.ALL.get(KEY_INT, k) << 32;
    } else {
      covered = 8 * dataSize;
      kw = 0;
      for (int b = 0; b < dataSize; b++) {
        kw |= (Memory.ALL.get(Memory.U8, k + b) & 0xffL) << (56 - 8 * b);
      }
    }
    long x0 = n.head ^ kw;
    int span = Math.min(limit, covered);
    if (x0 != 0 && Long.numberOfLeadingZeros(x0) < span) {
      return Long.numberOfLeadingZeros(x0);
    }
    if (span == limit) {
      return limit;
    }
    byte[] d = n.data;
    int i = covered;
    while (i + 64 <= limit) {
      long x = (long) BE_LONG.get(d, i >>> 3) ^ Memory.ALL.get(KEY_LONG, k + (i >>> 3));
      if (x != 0) {
        return i + Long.numberOfLeadingZeros(x);
      }
      i += 64;
    }
    if (i + 32 <= limit) {
      int x = (int) BE_INT.get(d, i >>> 3) ^ Memory.ALL.get(KEY_INT, k + (i >>> 3));
      if (x != 0) {
        return i + Integer.numberOfLeadingZeros(x);
      }
      i += 32;
    }
    while (i < limit) {
      int x = (d[i >>> 3] ^ Memory.ALL.get(Memory.U8, k + (i >>> 3))) & 0xff;
      if (x != 0) {
        return Math.min(limit, i + Integer.numberOfLeadingZeros(x) - 24);
      }
      i += 8;
    }
    return limit;
  }

  /**
   * Common leading bits of two nodes, at most both prefix lengths; the first 64 bits from the
   * nodes' head fields (an update walk over IPv4 prefixes reads no array).
   */
  private static int match(TrieNode a, TrieNode b) {
    int limit = Math.min(a.prefixlen, b.prefixlen);
    long x0 = a.head ^ b.head;
    if (x0 != 0 && Long.numberOfLeadingZeros(x0) < limit) {
      return Long.numberOfLeadingZeros(x0);
    }
    if (limit <= 64) {
      return limit;
    }
    byte[] p = a.data;
    byte[] q = b.data;
    int i = 64;
    while (i + 64 <= limit) {
      long x = (long) BE_LONG.get(p, i >>> 3) ^ (long) BE_LONG.get(q, i >>> 3);
      if (x != 0) {
        return i + Long.numberOfLeadingZeros(x);
      }
      i += 64;
    }
    while (i < limit) {
      int x = (p[i >>> 3] ^ q[i >>> 3]) & 0xff;
      if (x != 0) {
        return Math.min(limit, i + Integer.numberOfLeadingZeros(x) - 24);
      }
      i += 8;
    }
    return limit;
  }

  /** The key's data as a big-endian word, zero-padded (only for data of at most 8 bytes). */
  private long keyWord(long key) {
    long k = key + 4;
    if (dataSize == 8) {
      return Memory.ALL.get(KEY_LONG, k);
    }
    if (dataSize == 4) {
      return (long) Memory.ALL.get(KEY_INT, k) << 32;
    }
    long kw = 0;
    for (int b = 0; b < dataSize; b++) {
      kw |= (Memory.ALL.get(Memory.U8, k + b) & 0xffL) << (56 - 8 * b);
    }
    return kw;
  }

  /**
   * {@link #lookupElem} for data of at most 8 bytes (IPv4, and IPv6 /64 tables): the key is
   * read once into a word, so each node costs an xor against its {@code head}, a leading-zero
   * count and a shift for the branch bit, and no memory access but the node's own fields.
   */
  private long lookupWord(long key, int kp) {
    long kw = keyWord(key);
    long found = 0;
    TrieNode n = root;
    while (n != null) {
      int np = n.prefixlen;
      int m = Math.min(Long.numberOfLeadingZeros(n.head ^ kw), Math.min(np, kp));
      if (m == maxPrefix) {
        if (n.elem != 0) {
          found = n.elem;
        }
        break;
      }
      if (m < np) {
        break;
      }
      if (n.elem != 0) {
        found = n.elem;
      }
      if (np >= kp) {
        break;
      }
      n = (kw << np) < 0 ? n.c1 : n.c0; // bit np of the key (np < kp <= maxPrefix <= 64)
    }
    return found;
  }

  @Override
  long lookupElem(long key) {
    int kp = Integer.compareUnsigned(prefixOf(key), maxPrefix) > 0 ? maxPrefix : prefixOf(key);
    if (dataSize <= 8) {
      return lookupWord(key, kp);
    }
    long found = 0;
    TrieNode n = root;
    while (n != null) {
      int m = match(n, key, kp);
      if (m == maxPrefix) {
        if (n.elem != 0) {
          found = n.elem;
        }
        break;
      }
      if (m < n.prefixlen) {
        break;
      }
      if (n.elem != 0) {
        found = n.elem;
      }
      if (n.prefixlen >= kp) {
        break;
      }
      n = n.child(keyBit(key, n.prefixlen));
    }
    return found;
  }

  private byte[] dataOf(long key) {
    byte[] d = new byte[dataSize];
    java.lang.foreign.MemorySegment.copy(
        Memory.ALL, Memory.U8, key + 4, d, 0, dataSize);
    return d;
  }

  @Override
  long updateElem(long key, long value, long flags) {
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    int kp = prefixOf(key);
    if (kp < 0 || kp > maxPrefix) {
      return -Errno.EINVAL;
    }
    synchronized (lock) {
      long elem = memory.alloc();
      if (elem == 0) {
        return -Errno.ENOMEM;
      }
      Keys.copy(value, elem, spec.valueSize());
      TrieNode fresh = new TrieNode(kp, dataOf(key), elem);
      TrieNode parent = null;
      int parentBit = 0;
      TrieNode n = root;
      int m = 0;
      while (n != null) {
        m = match(n, fresh);
        if (n.prefixlen != m || n.prefixlen == kp || n.prefixlen == maxPrefix) {
          break;
        }
        parent = n;
        parentBit = headBit(fresh, n.prefixlen);
        n = n.child(parentBit);
      }
      boolean replace = n != null && n.prefixlen == m && m == kp;
      boolean exists = replace && n.elem != 0;
      long f = flags & ~BPF_F_LOCK;
      long err = 0;
      if (exists && f == BPF_NOEXIST) {
        err = -Errno.EEXIST;
      } else if (!exists && f == BPF_EXIST) {
        err = -Errno.ENOENT;
      } else if (!exists && count >= spec.maxEntries()) {
        err = -Errno.E2BIG;
      }
      if (err != 0) {
        memory.free(elem);
        return err;
      }
      if (!exists) {
        count++;
      }
      TrieNode put;
      if (n == null) {
        put = fresh;
      } else if (replace) {
        fresh.c0 = n.c0;
        fresh.c1 = n.c1;
        put = fresh;
      } else if (m == kp) {
        fresh.setChild(bit(n.data, m), n);
        put = fresh;
      } else {
        TrieNode im = new TrieNode(m, fresh.data.clone(), 0);
        im.setChild(bit(n.data, m), n);
        im.setChild(bit(fresh.data, m), fresh);
        put = im;
      }
      if (parent == null) {
        root = put;
      } else {
        parent.setChild(parentBit, put);
      }
      if (replace && n.elem != 0) {
        Rcu.retire(memory, n.elem); // only once unlinked: no new reader can find it
      }
      return 0;
    }
  }

  @Override
  long deleteElem(long key) {
    int kp = prefixOf(key);
    if (kp < 0 || kp > maxPrefix) {
      return -Errno.EINVAL;
    }
    synchronized (lock) {
      TrieNode gparent = null;
      TrieNode parent = null;
      int gBit = 0;
      int pBit = 0;
      TrieNode n = root;
      while (n != null) {
        int m = match(n, key, kp);
        if (n.prefixlen != m || n.prefixlen == kp) {
          break;
        }
        gparent = parent;
        gBit = pBit;
        parent = n;
        pBit = keyBit(key, n.prefixlen);
        n = n.child(pBit);
      }
      if (n == null || n.prefixlen != kp || n.elem == 0 || match(n, key, kp) != kp) {
        return -Errno.ENOENT;
      }
      count--;
      TrieNode put;
      if (n.c0 != null && n.c1 != null) {
        put = new TrieNode(n.prefixlen, n.data, 0);
        put.c0 = n.c0;
        put.c1 = n.c1;
      } else {
        put = n.c0 != null ? n.c0 : n.c1;
      }
      if (put == null && parent != null && parent.elem == 0) {
        // The parent was only a branch point: its other child takes its place.
        TrieNode other = parent.child(1 - pBit);
        setSlot(gparent, gBit, other);
      } else {
        setSlot(parent, pBit, put);
      }
      Rcu.retire(memory, n.elem);
      return 0;
    }
  }

  private void setSlot(TrieNode parent, int b, TrieNode n) {
    if (parent == null) {
      root = n;
    } else {
      parent.setChild(b, n);
    }
  }

  private static final Comparator<TrieNode> POST_ORDER =
      (a, b) -> {
        int m = match(a, b);
        if (m == Math.min(a.prefixlen, b.prefixlen)) {
          return Integer.compare(b.prefixlen, a.prefixlen); // more specific first
        }
        return Integer.compare(bit(a.data, m), bit(b.data, m));
      };

  @Override
  int sysGetNextKey(long key, long next) {
    List<TrieNode> all = new ArrayList<>();
    collect(root, all);
    if (all.isEmpty()) {
      return -Errno.ENOENT;
    }
    all.sort(POST_ORDER);
    int at = -1;
    if (key != 0) {
      int kp = prefixOf(key);
      for (int i = 0; i < all.size(); i++) {
        TrieNode n = all.get(i);
        if (n.prefixlen == kp && match(n, key, kp) == kp) {
          at = i;
          break;
        }
      }
    }
    if (at + 1 >= all.size()) {
      return -Errno.ENOENT;
    }
    TrieNode n = all.get(at + 1);
    Memory.ALL.set(Memory.U32, next, n.prefixlen);
    java.lang.foreign.MemorySegment.copy(n.data, 0, Memory.ALL, Memory.U8, next + 4, dataSize);
    return 0;
  }

  private static void collect(TrieNode n, List<TrieNode> out) {
    if (n == null) {
      return;
    }
    if (n.elem != 0) {
      out.add(n);
    }
    collect(n.c0, out);
    collect(n.c1, out);
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    if (flags != 0) {
      return -Errno.EINVAL;
    }
    Rcu.enter();
    try {
      long v = lookupElem(key);
      if (v == 0) {
        return -Errno.ENOENT;
      }
      Keys.copy(v, value, spec.valueSize());
      return 0;
    } finally {
      Rcu.exit();
    }
  }
}
