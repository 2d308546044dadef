package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the kernel says about a map ({@code struct bpf_map_info}).
 *
 * @param typeValue the map type's number
 * @param id the map's id
 * @param keySize key size
 * @param valueSize value size
 * @param maxEntries capacity
 * @param flags map flags
 * @param name its name (up to 15 bytes)
 * @param ifindex offload device, 0 if none
 * @param btfId its BTF object's id, 0 if none
 * @param mapExtra {@code map_extra}
 */
public record MapInfo(
    int typeValue,
    int id,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    String name,
    int ifindex,
    int btfId,
    long mapExtra) {

  /** The type, or null for a number this build does not know. */
  public MapType type() {
    return MapType.of(typeValue);
  }

  /** The type as bpftool names it ("hash", "array", "ringbuf"). */
  public String typeName() {
    MapType t = type();
    return t == null ? "type " + typeValue : t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code BPF_OBJ_GET_INFO_BY_FD} on a map fd. */
  public static MapInfo of(Bpf bpf, int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(88, 8);
      bpf.objInfo(fd, s);
      return new MapInfo(
          s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), s.get(JAVA_INT, 8), s.get(JAVA_INT, 12),
          s.get(JAVA_INT, 16), s.get(JAVA_INT, 20), Bpf.cString(s, 24, 16), s.get(JAVA_INT, 40),
          s.get(JAVA_INT, 64), s.get(JAVA_LONG, 80));
    }
  }
}
