package io.bpf4j.kernel;

import io.bpf4j.uapi.MapType;

/**
 * What {@code BPF_MAP_CREATE} needs: type, key and value sizes, capacity, flags, name, and
 * for maps of maps the inner map's fd, for BTF-described maps the BTF fd and type ids.
 *
 * @param type the map type
 * @param keySize key size in bytes
 * @param valueSize value size in bytes
 * @param maxEntries capacity
 * @param flags {@code map_flags} ({@code BPF_F_NO_PREALLOC}, {@code BPF_F_RDONLY_PROG}, ...)
 * @param name up to 15 bytes ({@code map_name})
 * @param innerMapFd for {@code ARRAY_OF_MAPS} and {@code HASH_OF_MAPS}: a map like the inner ones
 * @param btfFd the BTF object describing key and value, or 0
 * @param btfKeyTypeId key type id in that BTF
 * @param btfValueTypeId value type id in that BTF
 * @param mapExtra {@code map_extra} (the bloom filter's hash count)
 */
public record MapOptions(
    MapType type,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    String name,
    int innerMapFd,
    int btfFd,
    int btfKeyTypeId,
    int btfValueTypeId,
    long mapExtra) {

  /** {@code BPF_F_NO_PREALLOC}. */
  public static final int F_NO_PREALLOC = 1;
  /** {@code BPF_F_RDONLY_PROG}: programs may only read. */
  public static final int F_RDONLY_PROG = 1 << 7;
  /** {@code BPF_F_MMAPABLE}: an array user space may mmap. */
  public static final int F_MMAPABLE = 1 << 10;

  /** Checks the sizes; messages name the map and the bad value. */
  public MapOptions {
    if (type == null) {
      throw new IllegalArgumentException("map '" + name + "': no type");
    }
    if (keySize < 0 || valueSize < 0 || maxEntries < 0) {
      throw new IllegalArgumentException(
          "map '" + name + "': key size " + keySize + ", value size " + valueSize
              + ", max entries " + maxEntries + " (must not be negative)");
    }
    name = name == null ? "" : name;
  }

  /** A map of {@code type} with these sizes, no flags, no name. */
  public static MapOptions of(MapType type, int keySize, int valueSize, int maxEntries) {
    return new MapOptions(type, keySize, valueSize, maxEntries, 0, "", 0, 0, 0, 0, 0);
  }

  /** A copy with another name. */
  public MapOptions withName(String n) {
    return new MapOptions(type, keySize, valueSize, maxEntries, flags, n, innerMapFd, btfFd,
        btfKeyTypeId, btfValueTypeId, mapExtra);
  }

  /** A copy with other flags. */
  public MapOptions withFlags(int f) {
    return new MapOptions(type, keySize, valueSize, maxEntries, f, name, innerMapFd, btfFd,
        btfKeyTypeId, btfValueTypeId, mapExtra);
  }

  /** A copy with an inner map template (for maps of maps). */
  public MapOptions withInnerMapFd(int fd) {
    return new MapOptions(type, keySize, valueSize, maxEntries, flags, name, fd, btfFd,
        btfKeyTypeId, btfValueTypeId, mapExtra);
  }

  /** A copy described by BTF. */
  public MapOptions withBtf(int fd, int keyTypeId, int valueTypeId) {
    return new MapOptions(type, keySize, valueSize, maxEntries, flags, name, innerMapFd, fd,
        keyTypeId, valueTypeId, mapExtra);
  }

  /** A copy with {@code map_extra}. */
  public MapOptions withMapExtra(long extra) {
    return new MapOptions(type, keySize, valueSize, maxEntries, flags, name, innerMapFd, btfFd,
        btfKeyTypeId, btfValueTypeId, extra);
  }
}
