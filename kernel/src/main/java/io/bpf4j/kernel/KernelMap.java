package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.bpf4j.uapi.MapType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A map in the kernel ({@code BPF_MAP_CREATE}), owning its file descriptor: closing it drops
 * this process's reference (the map lives on while a program, a pin or another fd holds it).
 *
 * <p>Keys and values are byte arrays in the kernel's layout (little-endian on x86), or
 * native segments for the allocation-free path. For per-CPU maps a value holds one slot per
 * possible CPU, each rounded up to 8 bytes ({@link #valueBufferSize()}).
 *
 * {@snippet :
 * try (KernelMap m = KernelMap.create(MapOptions.of(MapType.HASH, 4, 8, 16).withName("counts"))) {
 *   m.update(new byte[] {1, 0, 0, 0}, new byte[8]);
 *   Optional<byte[]> v = m.lookup(new byte[] {1, 0, 0, 0});
 * }
 * }
 */
public final class KernelMap implements AutoCloseable {
  /** {@code BPF_ANY}: create or replace. */
  public static final long ANY = 0;
  /** {@code BPF_NOEXIST}: create only. */
  public static final long NOEXIST = 1;
  /** {@code BPF_EXIST}: replace only. */
  public static final long EXIST = 2;
  /** {@code BPF_F_LOCK}: lookup or update under the value's {@code bpf_spin_lock}. */
  public static final long F_LOCK = 4;

  private final Bpf bpf;
  private final Fd fd;
  private final MapInfo info;
  private final int valueBufferSize;

  private KernelMap(Bpf bpf, Fd fd, MapInfo info) {
    this.bpf = bpf;
    this.fd = fd;
    this.info = info;
    MapType t = info.type();
    boolean perCpu =
        t == MapType.PERCPU_HASH || t == MapType.PERCPU_ARRAY || t == MapType.LRU_PERCPU_HASH
            || t == MapType.PERCPU_CGROUP_STORAGE;
    this.valueBufferSize =
        perCpu ? ((info.valueSize() + 7) & ~7) * possibleCpus() : info.valueSize();
  }

  /** Creates a map in the real kernel. */
  public static KernelMap create(MapOptions options) {
    return create(Bpf.system(), options);
  }

  /** Creates a map through {@code bpf}. */
  public static KernelMap create(Bpf bpf, MapOptions options) {
    Fd fd = bpf.mapCreate(options);
    try {
      return adopt(bpf, fd);
    } catch (RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** Wraps an open map fd (takes ownership), reading its description from the kernel. */
  public static KernelMap adopt(Bpf bpf, Fd fd) {
    return new KernelMap(bpf, fd, MapInfo.of(bpf, fd.get()));
  }

  /** Opens the map with this id ({@code BPF_MAP_GET_FD_BY_ID}). */
  public static KernelMap fromId(Bpf bpf, int id) {
    Fd fd = bpf.fdById(ObjectKind.MAP, id);
    try {
      return adopt(bpf, fd);
    } catch (RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** Opens the map pinned at {@code path} ({@code BPF_OBJ_GET}). */
  public static KernelMap fromPin(Bpf bpf, String path) {
    Fd fd = bpf.objGet(path, 0);
    try {
      return adopt(bpf, fd);
    } catch (RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** The file descriptor. */
  public int fd() {
    return fd.get();
  }

  /** The description read when it was opened (type, sizes, id, name). */
  public MapInfo info() {
    return info;
  }

  /** The bytes a lookup writes: the value size, times the CPUs for per-CPU maps. */
  public int valueBufferSize() {
    return valueBufferSize;
  }

  /** Looks {@code key} up into {@code value}; false when absent. No allocation. */
  public boolean lookup(MemorySegment key, MemorySegment value) {
    return bpf.mapLookup(fd.get(), key, value, 0);
  }

  /**
   * Looks {@code key} up into {@code value} with {@code flags} ({@link #F_LOCK}: copied under
   * the value's {@code bpf_spin_lock}); false when absent.
   */
  public boolean lookup(MemorySegment key, MemorySegment value, long flags) {
    return bpf.mapLookup(fd.get(), key, value, flags);
  }

  /**
   * Writes {@code value} at {@code key} with {@link #ANY}, {@link #NOEXIST} or {@link #EXIST},
   * or'ed with {@link #F_LOCK} to copy it under the value's {@code bpf_spin_lock}.
   */
  public void update(MemorySegment key, MemorySegment value, long flags) {
    bpf.mapUpdate(fd.get(), key, value, flags);
  }

  /** The value at {@code key}, if any. */
  public Optional<byte[]> lookup(byte[] key) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(Math.max(1, valueBufferSize), 8);
      if (!bpf.mapLookup(fd.get(), keySeg(a, key), v, 0)) {
        return Optional.empty();
      }
      return Optional.of(v.asSlice(0, valueBufferSize).toArray(JAVA_BYTE));
    }
  }

  /** Pops the head of a queue or stack, or takes out the value at {@code key}. */
  public Optional<byte[]> lookupAndDelete(byte[] key) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(Math.max(1, valueBufferSize), 8);
      MemorySegment k = key == null ? null : keySeg(a, key);
      if (!bpf.mapLookupAndDelete(fd.get(), k, v)) {
        return Optional.empty();
      }
      return Optional.of(v.asSlice(0, valueBufferSize).toArray(JAVA_BYTE));
    }
  }

  /** Writes {@code value} at {@code key}, creating or replacing it. */
  public void update(byte[] key, byte[] value) {
    update(key, value, ANY);
  }

  /** Writes {@code value} at {@code key} with {@link #ANY}, {@link #NOEXIST} or {@link #EXIST}. */
  public void update(byte[] key, byte[] value, long flags) {
    if (value.length != valueBufferSize) {
      throw new IllegalArgumentException(
          "map '" + info.name() + "': value of " + value.length + " bytes (must be "
              + valueBufferSize + ")");
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment k = key == null ? null : keySeg(a, key);
      bpf.mapUpdate(fd.get(), k, a.allocateFrom(JAVA_BYTE, value), flags);
    }
  }

  /** Deletes {@code key}; false when it was absent. */
  public boolean delete(byte[] key) {
    try (Arena a = Arena.ofConfined()) {
      return bpf.mapDelete(fd.get(), keySeg(a, key));
    }
  }

  /** The key after {@code key} (the first when null), or empty at the end. */
  public Optional<byte[]> nextKey(byte[] key) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment next = a.allocate(Math.max(1, info.keySize()), 8);
      MemorySegment k = key == null ? null : keySeg(a, key);
      if (!bpf.mapNextKey(fd.get(), k, next)) {
        return Optional.empty();
      }
      return Optional.of(next.asSlice(0, info.keySize()).toArray(JAVA_BYTE));
    }
  }

  /** Every key, walked with {@code BPF_MAP_GET_NEXT_KEY} (at most {@code maxEntries}). */
  public List<byte[]> keys() {
    List<byte[]> keys = new ArrayList<>();
    Optional<byte[]> k = nextKey(null);
    while (k.isPresent() && keys.size() <= info.maxEntries()) {
      keys.add(k.get());
      k = nextKey(k.get());
    }
    return keys;
  }

  /**
   * Every entry, read with {@code BPF_MAP_LOOKUP_BATCH} in batches of {@code batch}; keys
   * and values as byte arrays, in the kernel's order.
   */
  public List<Map.Entry<byte[], byte[]>> lookupBatch(int batch) {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    int ks = info.keySize();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment keys = a.allocate((long) ks * batch, 8);
      MemorySegment values = a.allocate((long) valueBufferSize * batch, 8);
      MemorySegment in = a.allocate(Math.max(8, ks), 8);
      MemorySegment outPos = a.allocate(Math.max(8, ks), 8);
      boolean first = true;
      while (true) {
        int n = bpf.mapBatch(BpfCmd.MAP_LOOKUP_BATCH, fd.get(), first ? null : in, outPos, keys,
            values, batch, 0);
        int got = n < 0 ? -n - 1 : n;
        for (int i = 0; i < got; i++) {
          out.add(Map.entry(
              keys.asSlice((long) i * ks, ks).toArray(JAVA_BYTE),
              values.asSlice((long) i * valueBufferSize, valueBufferSize).toArray(JAVA_BYTE)));
        }
        if (n < 0 || got == 0) {
          return out;
        }
        MemorySegment.copy(outPos, 0, in, 0, in.byteSize());
        first = false;
      }
    }
  }

  /** Writes many entries with one {@code BPF_MAP_UPDATE_BATCH}; returns how many. */
  public int updateBatch(List<byte[]> keys, List<byte[]> values, long flags) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException(keys.size() + " keys but " + values.size() + " values");
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment k = pack(a, keys, info.keySize());
      MemorySegment v = pack(a, values, valueBufferSize);
      return bpf.mapBatch(BpfCmd.MAP_UPDATE_BATCH, fd.get(), null, null, k, v, keys.size(), flags);
    }
  }

  /** Deletes many keys with one {@code BPF_MAP_DELETE_BATCH}; returns how many. */
  public int deleteBatch(List<byte[]> keys) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment k = pack(a, keys, info.keySize());
      int n = bpf.mapBatch(BpfCmd.MAP_DELETE_BATCH, fd.get(), null, null, k, null, keys.size(), 0);
      return n < 0 ? -n - 1 : n;
    }
  }

  /** {@code BPF_MAP_FREEZE}: from now on only programs may write (user space gets EPERM). */
  public void freeze() {
    bpf.mapFreeze(fd.get());
  }

  /** Pins the map at {@code path} (under a bpffs mount such as {@code /sys/fs/bpf}). */
  public void pin(String path) {
    bpf.objPin(fd.get(), path);
  }

  /** Removes a pin (a plain unlink of the bpffs file). */
  public static void unpin(String path) {
    try {
      Files.deleteIfExists(Path.of(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("unpin " + path, e);
    }
  }

  @Override
  public void close() {
    fd.close();
  }

  @Override
  public String toString() {
    return "map " + info.id() + " '" + info.name() + "' (" + info.typeName() + ")";
  }

  private MemorySegment keySeg(Arena a, byte[] key) {
    if (key.length != info.keySize()) {
      throw new IllegalArgumentException(
          "map '" + info.name() + "': key of " + key.length + " bytes (must be " + info.keySize()
              + ")");
    }
    return a.allocateFrom(JAVA_BYTE, key.length == 0 ? new byte[1] : key);
  }

  private static MemorySegment pack(Arena a, List<byte[]> items, int size) {
    MemorySegment s = a.allocate(Math.max(1, (long) size * items.size()), 8);
    for (int i = 0; i < items.size(); i++) {
      byte[] b = items.get(i);
      if (b.length != size) {
        throw new IllegalArgumentException("item " + i + " has " + b.length + " bytes (must be " + size + ")");
      }
      MemorySegment.copy(b, 0, s, JAVA_BYTE, (long) i * size, size);
    }
    return s;
  }

  /** The number of possible CPUs ({@code /sys/devices/system/cpu/possible}). */
  public static int possibleCpus() {
    try {
      String s = Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip();
      int n = 0;
      for (String part : s.split(",")) {
        String[] r = part.split("-");
        n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
