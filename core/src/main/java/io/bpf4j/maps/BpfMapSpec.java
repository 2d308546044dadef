package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import java.util.Objects;

/**
 * What a JVM-backend map is created from: the fields of the kernel's {@code BPF_MAP_CREATE}
 * ({@code union bpf_attr}: map_type, key_size, value_size, max_entries, map_flags,
 * map_extra) plus a name and, for map-in-map types, the inner map's spec. The loader's
 * {@code MapSpec} turns into one of these.
 *
 * @param name the map's name (at most 15 characters are kept by the kernel; any length here)
 * @param type the map type
 * @param keySize key size in bytes
 * @param valueSize value size in bytes
 * @param maxEntries the size bound (for ringbuf: the data size in bytes)
 * @param flags {@code BPF_F_*} creation flags
 * @param mapExtra {@code map_extra} (bloom filter: number of hash functions in bits 0..3)
 * @param inner the inner map's spec for array_of_maps and hash_of_maps, else null
 * @param spinLockOffset where the value's {@code struct bpf_spin_lock} is (the kernel finds it
 *     in the value's BTF), or -1 for none; only array and hash maps may have one
 * @param timerOffset where the value's {@code struct bpf_timer} is (from the value's BTF), or
 *     -1 for none; only array, hash and LRU hash maps may have one, as in the kernel
 */
public record BpfMapSpec(
    String name,
    MapType type,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    long mapExtra,
    BpfMapSpec inner,
    int spinLockOffset,
    int timerOffset) {

  /** {@code BPF_F_NO_PREALLOC}: required by lpm_trie; elements allocated on demand. */
  public static final int BPF_F_NO_PREALLOC = 1;
  /** {@code BPF_F_NO_COMMON_LRU}: per-CPU LRU lists (accepted, one list is kept). */
  public static final int BPF_F_NO_COMMON_LRU = 2;
  /** {@code BPF_F_RDONLY_PROG}: programs may only read. */
  public static final int BPF_F_RDONLY_PROG = 1 << 7;
  /** {@code BPF_F_WRONLY_PROG}: programs may only write. */
  public static final int BPF_F_WRONLY_PROG = 1 << 8;
  /** {@code BPF_F_MMAPABLE}: array memory may be mapped. */
  public static final int BPF_F_MMAPABLE = 1 << 10;
  /** {@code BPF_F_INNER_MAP}: inner maps may differ in max_entries. */
  public static final int BPF_F_INNER_MAP = 1 << 12;

  /** Checks the fields that do not depend on the type. */
  public BpfMapSpec {
    Objects.requireNonNull(type, "type");
    name = name == null ? "" : name;
    if (keySize < 0 || valueSize < 0 || maxEntries < 0) {
      throw new IllegalArgumentException(
          "map '" + name + "': negative key_size/value_size/max_entries");
    }
    if (spinLockOffset < 0) {
      spinLockOffset = -1;
    } else if (type != MapType.ARRAY && type != MapType.HASH) {
      throw new IllegalArgumentException("map '" + name + "': a bpf_spin_lock in the value of a "
          + type + " map is not supported (array and hash only, as in the kernel)");
    } else if (spinLockOffset % 4 != 0 || spinLockOffset + 4 > valueSize) {
      throw new IllegalArgumentException("map '" + name + "': bpf_spin_lock at offset "
          + spinLockOffset + " does not fit a " + valueSize + "-byte value 4-aligned");
    }
    if (timerOffset < 0) {
      timerOffset = -1;
    } else if (type != MapType.ARRAY && type != MapType.HASH && type != MapType.LRU_HASH) {
      throw new IllegalArgumentException("map '" + name + "': a bpf_timer in the value of a "
          + type + " map is not supported (array, hash and lru_hash only, as in the kernel)");
    } else if (timerOffset % 8 != 0 || timerOffset + Timers.SIZE > valueSize) {
      throw new IllegalArgumentException("map '" + name + "': bpf_timer at offset "
          + timerOffset + " does not fit a " + valueSize + "-byte value 8-aligned");
    }
  }

  /** A spec without a timer in its value. */
  public BpfMapSpec(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int flags, long mapExtra, BpfMapSpec inner, int spinLockOffset) {
    this(name, type, keySize, valueSize, maxEntries, flags, mapExtra, inner, spinLockOffset, -1);
  }

  /** A spec without a spin lock in its value. */
  public BpfMapSpec(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int flags, long mapExtra, BpfMapSpec inner) {
    this(name, type, keySize, valueSize, maxEntries, flags, mapExtra, inner, -1, -1);
  }

  /** A spec without flags, extra or inner map. */
  public static BpfMapSpec of(
      String name, MapType type, int keySize, int valueSize, int maxEntries) {
    int flags = type == MapType.LPM_TRIE ? BPF_F_NO_PREALLOC : 0;
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, 0, null);
  }

  /** This spec with {@code flags}. */
  public BpfMapSpec withFlags(int flags) {
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, mapExtra, inner,
        spinLockOffset, timerOffset);
  }

  /** This spec with {@code map_extra}. */
  public BpfMapSpec withExtra(long extra) {
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, extra, inner,
        spinLockOffset, timerOffset);
  }

  /** This spec with the inner map spec of a map-in-map. */
  public BpfMapSpec withInner(BpfMapSpec innerSpec) {
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, mapExtra, innerSpec,
        spinLockOffset, timerOffset);
  }

  /** This spec with a {@code struct bpf_spin_lock} at {@code offset} of the value (-1: none). */
  public BpfMapSpec withSpinLock(int offset) {
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, mapExtra, inner,
        offset, timerOffset);
  }

  /** This spec with a {@code struct bpf_timer} at {@code offset} of the value (-1: none). */
  public BpfMapSpec withTimer(int offset) {
    return new BpfMapSpec(name, type, keySize, valueSize, maxEntries, flags, mapExtra, inner,
        spinLockOffset, offset);
  }
}
