package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.uapi.ProgType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the kernel says about a program ({@code struct bpf_prog_info}).
 *
 * @param typeValue the program type's number
 * @param id its id
 * @param tag the 8-byte tag, in hex as bpftool prints it
 * @param jitedLen bytes of JIT-compiled code
 * @param xlatedLen bytes of translated instructions
 * @param loadTimeNs load time, nanoseconds since boot
 * @param uid the loader's uid
 * @param mapIds ids of the maps it uses
 * @param name its name (up to 15 bytes)
 * @param gplCompatible true when its licence is GPL-compatible
 * @param btfId its BTF object's id, 0 if none
 * @param runTimeNs total run time while stats are enabled
 * @param runCount runs while stats are enabled
 * @param verifiedInsns instructions the verifier processed
 */
public record ProgInfo(
    int typeValue,
    int id,
    String tag,
    int jitedLen,
    int xlatedLen,
    long loadTimeNs,
    int uid,
    List<Integer> mapIds,
    String name,
    boolean gplCompatible,
    int btfId,
    long runTimeNs,
    long runCount,
    int verifiedInsns) {

  /** The type, or null for a number this build does not know. */
  public ProgType type() {
    return ProgType.of(typeValue);
  }

  /** The type as bpftool names it ("xdp", "socket_filter", "raw_tracepoint"). */
  public String typeName() {
    ProgType t = type();
    return t == null ? "type " + typeValue : t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code BPF_OBJ_GET_INFO_BY_FD} on a program fd (twice: the map ids need their count). */
  public static ProgInfo of(Bpf bpf, int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(232, 8);
      bpf.objInfo(fd, s);
      int nrMaps = s.get(JAVA_INT, 52);
      List<Integer> maps = new ArrayList<>();
      if (nrMaps > 0) {
        MemorySegment ids = a.allocate(4L * nrMaps, 4);
        s.fill((byte) 0);
        s.set(JAVA_INT, 52, nrMaps); // nr_map_ids
        s.set(JAVA_LONG, 56, ids.address()); // map_ids
        bpf.objInfo(fd, s);
        for (int i = 0; i < Math.min(nrMaps, s.get(JAVA_INT, 52)); i++) {
          maps.add(ids.getAtIndex(JAVA_INT, i));
        }
      }
      byte[] tag = new byte[8];
      MemorySegment.copy(s, JAVA_BYTE, 8, tag, 0, 8);
      int bits = s.get(JAVA_INT, 84); // gpl_compatible:1 is the first bit after ifindex
      return new ProgInfo(
          s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), HexFormat.of().formatHex(tag),
          s.get(JAVA_INT, 16), s.get(JAVA_INT, 20), s.get(JAVA_LONG, 40), s.get(JAVA_INT, 48),
          List.copyOf(maps), Bpf.cString(s, 64, 16), (bits & 1) != 0, s.get(JAVA_INT, 128),
          s.get(JAVA_LONG, 192), s.get(JAVA_LONG, 200), s.get(JAVA_INT, 216));
    }
  }
}
