package io.bpf4j.maps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * A map seen with Java keys and values through two {@link Codec}s; every call copies one
 * key and one value, never the whole map.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TypedView<K, V> {
  private final BpfMap map;
  private final Codec<K> keys;
  private final Codec<V> values;

  TypedView(BpfMap map, Codec<K> keys, Codec<V> values) {
    if (keys.size() != map.keySize() || values.size() != map.javaValueSize()) {
      throw new IllegalArgumentException(
          map + ": codecs of " + keys.size() + "/" + values.size() + " bytes for key_size "
              + map.keySize() + " and value size " + map.javaValueSize());
    }
    this.map = map;
    this.keys = keys;
    this.values = values;
  }

  private MemorySegment key(K k) {
    MemorySegment s = Arena.ofAuto().allocate(Math.max(1, keys.size()));
    keys.encode(k, s.asSlice(0, keys.size()));
    return s.asSlice(0, keys.size());
  }

  /** The value of {@code k}. */
  public Optional<V> get(K k) {
    return map.lookup(key(k)).map(values::decode);
  }

  /** Sets {@code k} to {@code v} ({@code BPF_ANY}). */
  public void put(K k, V v) {
    put(k, v, BpfMap.BPF_ANY);
  }

  /** Sets {@code k} to {@code v} as {@code flags} allow. */
  public void put(K k, V v, long flags) {
    MemorySegment s = MemorySegment.ofArray(new byte[values.size()]);
    values.encode(v, s);
    map.update(key(k), s, flags);
  }

  /** Deletes {@code k}; false when it was not there. */
  public boolean remove(K k) {
    return map.delete(key(k));
  }

  /** A snapshot of every entry in iteration order. */
  public java.util.Map<K, V> snapshot() {
    java.util.Map<K, V> out = new LinkedHashMap<>();
    for (MemorySegment k : map.keys()) {
      map.lookup(k).ifPresent(v -> out.put(keys.decode(k), values.decode(v)));
    }
    return out;
  }
}
