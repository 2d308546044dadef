package io.bpf4j.elf;

import io.bpf4j.uapi.MapType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A map as the object declares it ({@code struct bpf_map_def} or a BTF-defined map in
 * {@code .maps}), or a global-data section turned into a one-element array map, as libbpf
 * does. Immutable.
 *
 * @param name the map's name (libbpf's: {@code obj.rodata} for global data)
 * @param section the ELF section it comes from ({@code .maps}, {@code maps}, {@code .data}...)
 * @param type the map type
 * @param keySize key size in bytes
 * @param valueSize value size in bytes
 * @param maxEntries {@code max_entries}
 * @param flags {@code map_flags} ({@code BPF_F_*})
 * @param mapExtra {@code map_extra} (bloom filter hashes, arena address)
 * @param numaNode {@code numa_node}
 * @param pinning 0 none, 1 {@code LIBBPF_PIN_BY_NAME}
 * @param keyTypeId BTF type of the key, 0 when none
 * @param valueTypeId BTF type of the value (the DATASEC for global data), 0 when none
 * @param innerMap the inner map's spec for array/hash of maps, else null
 * @param initValues initial slots of a map-in-map or program array ({@code values = {...}})
 * @param data initial contents of a global-data map's value, else null
 */
public record MapSpec(
    String name,
    String section,
    MapType type,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    long mapExtra,
    int numaNode,
    int pinning,
    int keyTypeId,
    int valueTypeId,
    MapSpec innerMap,
    List<InitValue> initValues,
    byte[] data) {

  /** {@code BPF_F_RDONLY_PROG}: the program may only read the map. */
  public static final int F_RDONLY_PROG = 1 << 7;
  /** {@code BPF_F_MMAPABLE}: user space may mmap the array. */
  public static final int F_MMAPABLE = 1 << 10;

  /** A slot of {@code values}: index {@code index} holds the map or program {@code name}. */
  public record InitValue(int index, String name) {}

  /** Checks the names and copies the lists and the data. */
  public MapSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    initValues = List.copyOf(initValues);
    data = data == null ? null : data.clone();
  }

  /** A copy of the initial contents of a global-data map, or null. */
  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  /** True for a map made from a global-data section. */
  public boolean isGlobalData() {
    return data != null;
  }

  /** A copy with other initial contents. */
  public MapSpec withData(byte[] newData) {
    return new MapSpec(name, section, type, keySize, valueSize, maxEntries, flags, mapExtra,
        numaNode, pinning, keyTypeId, valueTypeId, innerMap, initValues, newData);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapSpec m && name.equals(m.name) && Objects.equals(section, m.section)
        && type == m.type && keySize == m.keySize && valueSize == m.valueSize
        && maxEntries == m.maxEntries && flags == m.flags && mapExtra == m.mapExtra
        && numaNode == m.numaNode && pinning == m.pinning && keyTypeId == m.keyTypeId
        && valueTypeId == m.valueTypeId && Objects.equals(innerMap, m.innerMap)
        && initValues.equals(m.initValues) && Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, keySize, valueSize, maxEntries, flags, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "MapSpec[" + name + " " + type + " key=" + keySize + " value=" + valueSize + " max_entries="
        + maxEntries + " flags=0x" + Integer.toHexString(flags)
        + (innerMap != null ? " inner=" + innerMap : "")
        + (data != null && data.length <= 64 ? " data=" + HexFormat.of().formatHex(data) : "") + "]";
  }
}
