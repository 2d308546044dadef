package io.bpf4j.verifier;

import io.bpf4j.uapi.MapType;

/**
 * What the verifier needs to know of a map that an {@code lddw} refers to: the fields of
 * {@code union bpf_attr} for {@code BPF_MAP_CREATE} that decide which accesses are safe.
 * The loader (or a test) builds one per map.
 *
 * @param name the map's name, for messages (may be empty)
 * @param type the map type ({@code BPF_MAP_TYPE_*})
 * @param keySize bytes of a key ({@code key_size})
 * @param valueSize bytes of a value ({@code value_size})
 * @param maxEntries {@code max_entries}
 * @param spinLockOffset where the value's {@code struct bpf_spin_lock} is (from the value's
 *     BTF), or -1 when it has none
 * @param inner for an array or hash of maps ({@code BPF_MAP_TYPE_ARRAY_OF_MAPS},
 *     {@code BPF_MAP_TYPE_HASH_OF_MAPS}), the inner map's shape ({@code inner_map_fd}'s map,
 *     the kernel's {@code inner_map_meta}) that a lookup returns; else null
 * @param timerOffset where the value's {@code struct bpf_timer} is (from the value's BTF), or
 *     -1 when it has none
 * @param mapFlags {@code map_flags}: {@code BPF_F_RDONLY_PROG} (1 &lt;&lt; 7, libbpf's for
 *     {@code .rodata}) and {@code BPF_F_WRONLY_PROG} (1 &lt;&lt; 8) matter here
 * @param readOnlyData the value of a read-only global data map ({@code .rodata}), which the
 *     program cannot change: the verifier reads constant strings in it ({@code
 *     ARG_PTR_TO_CONST_STR}, {@code bpf_snprintf}'s format) as the kernel does; null otherwise
 */
public record MapInfo(String name, MapType type, int keySize, int valueSize, int maxEntries,
    int spinLockOffset, MapInfo inner, int timerOffset, int mapFlags, byte[] readOnlyData) {
  /** {@code BPF_F_RDONLY_PROG}. */
  public static final int F_RDONLY_PROG = 1 << 7;
  /** {@code BPF_F_WRONLY_PROG}. */
  public static final int F_WRONLY_PROG = 1 << 8;

  /** Checks the sizes are not negative. */
  public MapInfo {
    if (keySize < 0 || valueSize < 0 || maxEntries < 0) {
      // the object's fields are u32: above 2^31 - 1 is more than a JVM map can hold
      throw new IllegalArgumentException(
          "map '" + name + "': key size " + Integer.toUnsignedString(keySize) + ", value size "
              + Integer.toUnsignedString(valueSize) + ", max entries "
              + Integer.toUnsignedString(maxEntries) + ": each must be below 2^31");
    }
    name = name == null ? "" : name;
  }

  /** A map whose contents the verifier does not know. */
  public MapInfo(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int spinLockOffset, MapInfo inner, int timerOffset, int mapFlags) {
    this(name, type, keySize, valueSize, maxEntries, spinLockOffset, inner, timerOffset,
        mapFlags, null);
  }

  /** A map without map flags. */
  public MapInfo(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int spinLockOffset, MapInfo inner, int timerOffset) {
    this(name, type, keySize, valueSize, maxEntries, spinLockOffset, inner, timerOffset, 0);
  }

  /**
   * True when programs may not write the map's values: {@code BPF_F_RDONLY_PROG}, which the
   * kernel also sets on every {@code DEVMAP} and {@code DEVMAP_HASH}.
   */
  public boolean readOnlyProg() {
    return (mapFlags & F_RDONLY_PROG) != 0 || type == MapType.DEVMAP
        || type == MapType.DEVMAP_HASH;
  }

  /** True when programs may not read the map's values ({@code BPF_F_WRONLY_PROG}). */
  public boolean writeOnlyProg() {
    return (mapFlags & F_WRONLY_PROG) != 0;
  }

  /** A map without a timer in its value. */
  public MapInfo(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int spinLockOffset, MapInfo inner) {
    this(name, type, keySize, valueSize, maxEntries, spinLockOffset, inner, -1);
  }

  /** A map that holds no maps. */
  public MapInfo(String name, MapType type, int keySize, int valueSize, int maxEntries,
      int spinLockOffset) {
    this(name, type, keySize, valueSize, maxEntries, spinLockOffset, null);
  }

  /** A map description. */
  public static MapInfo of(String name, MapType type, int keySize, int valueSize, int maxEntries) {
    return new MapInfo(name, type, keySize, valueSize, maxEntries, -1);
  }
}
