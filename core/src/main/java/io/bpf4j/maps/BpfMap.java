package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * A map of the JVM backend ({@code struct bpf_map}), seen from Java the way the kernel's
 * {@code bpf()} map commands see a kernel map: keys and values as {@link MemorySegment}s of
 * exactly {@link #keySize()} and {@link #javaValueSize()} bytes (heap or native), copied in
 * and out. Programs see the same map through its {@link #address()} and the helpers.
 *
 * <p>Errors are thrown as {@link BpfMapException} with the kernel's errno, except "no such
 * element", which the lookup, delete and next-key methods report by returning false.
 *
 * {@snippet :
 * BpfMap counts = BpfMaps.create(BpfMapSpec.of("counts", MapType.HASH, 4, 8, 1024));
 * TypedView<Integer, Long> view = counts.typed(Codecs.u32(), Codecs.u64());
 * view.put(7, 1L);
 * long n = view.get(7).orElse(0L);
 * }
 */
public sealed interface BpfMap extends AutoCloseable permits BaseMap {
  /** {@code BPF_ANY}: create or update. */
  long BPF_ANY = 0;
  /** {@code BPF_NOEXIST}: create only; EEXIST when the key exists. */
  long BPF_NOEXIST = 1;
  /** {@code BPF_EXIST}: update only; ENOENT when the key is missing. */
  long BPF_EXIST = 2;
  /** {@code BPF_F_LOCK}: update under the value's bpf_spin_lock. */
  long BPF_F_LOCK = 4;

  /** The spec the map was created from. */
  BpfMapSpec spec();

  /** The map type. */
  default MapType type() {
    return spec().type();
  }

  /** The map name. */
  default String name() {
    return spec().name();
  }

  /** Key size in bytes. */
  default int keySize() {
    return spec().keySize();
  }

  /** Value size in bytes, as programs see a value. */
  default int valueSize() {
    return spec().valueSize();
  }

  /** The size bound. */
  default int maxEntries() {
    return spec().maxEntries();
  }

  /**
   * Value size seen from Java: {@link #valueSize()}, or for per-CPU maps the value rounded up
   * to 8 bytes times {@link CpuSlots#count()}, as the kernel's syscall side does.
   */
  int javaValueSize();

  /** The map's id: the value an inner-map slot holds, as a map fd would in the kernel. */
  int id();

  /**
   * The map pointer programs hold (what {@code ld_imm64} with a map reference loads): the
   * address of the map's native descriptor; {@link BpfMaps#byAddress(long)} finds the map.
   */
  long address();

  /** Copies the value of {@code key} into {@code value}; false when there is none. */
  boolean lookup(MemorySegment key, MemorySegment value);

  /** The value of {@code key}, copied into a new heap segment. */
  default Optional<MemorySegment> lookup(MemorySegment key) {
    MemorySegment v = MemorySegment.ofArray(new byte[javaValueSize()]);
    return lookup(key, v) ? Optional.of(v) : Optional.empty();
  }

  /**
   * Creates or updates {@code key} as {@code flags} ({@link #BPF_ANY} ...) allow; with
   * {@link #BPF_F_LOCK} the value is copied while holding its {@code bpf_spin_lock}
   * ({@code EINVAL} when the value has none). The lock word itself is never written.
   */
  void update(MemorySegment key, MemorySegment value, long flags);

  /**
   * {@link #lookup(MemorySegment, MemorySegment)} with {@code flags}: 0, or
   * {@link #BPF_F_LOCK} to copy the value while holding its {@code bpf_spin_lock}
   * ({@code EINVAL} when the value has none). The lock word reads as 0 either way.
   */
  boolean lookup(MemorySegment key, MemorySegment value, long flags);

  /** Deletes {@code key}; false when it was not there. */
  boolean delete(MemorySegment key);

  /** Copies the value of {@code key} into {@code value} and deletes it; false when none. */
  boolean lookupAndDelete(MemorySegment key, MemorySegment value);

  /**
   * Writes the key after {@code key} (null: the first key) into {@code next}; false at the
   * end. From a key that is not in the map it starts again at the first key, as the kernel
   * does for hash maps.
   */
  boolean nextKey(MemorySegment key, MemorySegment next);

  /** Pushes {@code value} (queue, stack, bloom filter). */
  void push(MemorySegment value, long flags);

  /** Pops into {@code value} (queue, stack); false when empty. */
  boolean pop(MemorySegment value);

  /** Peeks into {@code value} (queue, stack; bloom filter: true when maybe present). */
  boolean peek(MemorySegment value);

  /** Every key, in iteration order (a snapshot taken with {@link #nextKey}). */
  List<MemorySegment> keys();

  /**
   * {@code BPF_MAP_LOOKUP_BATCH} (and {@code _AND_DELETE_BATCH} when {@code delete}): up to
   * {@code count} keys and values after the cursor {@code in} (null: from the start) into
   * {@code keys} and {@code values}, packed. The result's cursor continues the walk.
   */
  BatchResult lookupBatch(
      MemorySegment in, MemorySegment keys, MemorySegment values, int count, boolean delete);

  /** {@code BPF_MAP_UPDATE_BATCH}: updates {@code count} packed pairs; returns how many. */
  int updateBatch(MemorySegment keys, MemorySegment values, int count, long flags);

  /** {@code BPF_MAP_DELETE_BATCH}: deletes {@code count} packed keys; returns how many. */
  int deleteBatch(MemorySegment keys, int count);

  /** A view with keys and values mapped to Java types. */
  default <K, V> TypedView<K, V> typed(Codec<K> keys, Codec<V> values) {
    return new TypedView<>(this, keys, values);
  }

  /** Removes the map from the registry; programs must no longer use it. */
  @Override
  void close();
}
