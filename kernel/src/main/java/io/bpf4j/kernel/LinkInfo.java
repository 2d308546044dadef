package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What the kernel says about a link ({@code struct bpf_link_info}): its type, id, program,
 * and the type-specific target bpftool shows (a raw tracepoint's name, an interface index, a
 * cgroup id, an attach type).
 *
 * @param typeValue {@code enum bpf_link_type}
 * @param id the link's id
 * @param progId the id of the program it runs
 * @param detail the type-specific words, e.g. {@code "tp_name sys_enter"}, {@code "ifindex 3"}
 */
public record LinkInfo(int typeValue, int id, int progId, String detail) {
  private static final List<String> TYPES =
      List.of("unspec", "raw_tracepoint", "tracing", "cgroup", "iter", "netns", "xdp",
          "perf_event", "kprobe_multi", "struct_ops", "netfilter", "tcx", "uprobe_multi",
          "netkit", "sockmap");

  /** bpftool's name for the type ("raw_tracepoint", "xdp", "tcx", "perf_event"). */
  public String typeName() {
    return typeValue >= 0 && typeValue < TYPES.size() ? TYPES.get(typeValue) : "type " + typeValue;
  }

  /** {@code BPF_OBJ_GET_INFO_BY_FD} on a link fd. */
  public static LinkInfo of(Bpf bpf, int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(48, 8);
      MemorySegment name = a.allocate(128);
      s.set(JAVA_LONG, 16, name.address()); // raw_tracepoint.tp_name
      s.set(JAVA_INT, 24, 128); // raw_tracepoint.tp_name_len
      bpf.objInfo(fd, s);
      int type = s.get(JAVA_INT, 0);
      String detail =
          switch (type) {
            case 1 -> "tp_name " + Bpf.cString(name, 0, 128);
            case 3 -> "cgroup_id " + s.get(JAVA_LONG, 16) + " attach_type " + s.get(JAVA_INT, 24);
            case 6 -> "ifindex " + s.get(JAVA_INT, 16);
            case 11 -> "ifindex " + s.get(JAVA_INT, 16) + " attach_type " + s.get(JAVA_INT, 20);
            default -> "";
          };
      return new LinkInfo(type, s.get(JAVA_INT, 4), s.get(JAVA_INT, 8), detail);
    }
  }
}
