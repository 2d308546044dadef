package io.bpf4j.maps;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code BPF_MAP_TYPE_BLOOM_FILTER}: no keys; push adds a value, peek answers 0 when the value
 * may be present and ENOENT when it is surely absent (no false negatives). The number of
 * hash functions is {@code map_extra} bits 0..3 (default 5); the bit array is sized as the
 * kernel sizes it, max_entries × hashes / ln 2 rounded up to a power of two. Bits are set
 * atomically, so concurrent pushes lose nothing. Pop, delete and get_next_key are not
 * supported, as in the kernel.
 */
final class BloomFilter extends BaseMap {
  private final int hashes;
  private final AtomicLongArray bits;
  private final long mask;

  BloomFilter(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() != 0 || spec.valueSize() == 0 || spec.maxEntries() == 0
        || (spec.mapExtra() & ~0xfL) != 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': bloom_filter needs key_size 0 (is " + spec.keySize()
              + "), value_size and max_entries > 0, map_extra 0..15");
    }
    int h = (int) (spec.mapExtra() & 0xf);
    hashes = h == 0 ? 5 : h;
    long want = (long) Math.ceil(spec.maxEntries() * (double) hashes / Math.log(2));
    long n = Long.highestOneBit(Math.max(64, want - 1)) << 1;
    n = Math.min(n, 1L << 32);
    bits = new AtomicLongArray((int) (n / 64));
    mask = n - 1;
  }

  private long bitOf(long value, int i) {
    int h = Keys.hash(value, spec.valueSize()) * 0x9E3779B1 + i * 0x85EBCA6B;
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    h ^= h >>> 12;
    return (h & 0xffffffffL) & mask;
  }

  @Override
  long pushElem(long value, long flags) {
    if (flags != BPF_ANY) {
      return -Errno.EINVAL;
    }
    for (int i = 0; i < hashes; i++) {
      long b = bitOf(value, i);
      int w = (int) (b >>> 6);
      long m = 1L << (b & 63);
      if ((bits.get(w) & m) == 0) {
        bits.getAndUpdate(w, x -> x | m);
      }
    }
    return 0;
  }

  @Override
  long peekElem(long value) {
    for (int i = 0; i < hashes; i++) {
      long b = bitOf(value, i);
      if ((bits.get((int) (b >>> 6)) & (1L << (b & 63))) == 0) {
        return -Errno.ENOENT;
      }
    }
    return 0;
  }

  @Override
  long popElem(long value) {
    return -Errno.EOPNOTSUPP;
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
  int sysDelete(long key) {
    return -Errno.EOPNOTSUPP;
  }

  @Override
  int sysLookupAndDelete(long key, long value, long flags) {
    return -Errno.ENOTSUPP; // what the kernel's BPF_MAP_LOOKUP_AND_DELETE_ELEM returns
  }

  @Override
  int sysGetNextKey(long key, long next) {
    return -Errno.EOPNOTSUPP;
  }

  @Override
  long updateElem(long key, long value, long flags) {
    return -Errno.EINVAL;
  }
}
