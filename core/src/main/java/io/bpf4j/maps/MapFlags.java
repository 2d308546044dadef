package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code map_flags} each map type accepts at creation, as the kernel's {@code
 * *_map_alloc_check} functions give them ({@code MapCreateAgreementTest} compares a grid of
 * shapes and flags with the kernel): a flag another type has is EINVAL, and so are
 * {@code BPF_F_RDONLY_PROG} with {@code BPF_F_WRONLY_PROG}, an LPM trie without {@code
 * BPF_F_NO_PREALLOC}, an LRU hash with it, a stack map of build ids whose values are not
 * whole {@code struct bpf_stack_build_id}s, and a CPUMAP larger than the kernel's {@code
 * NR_CPUS}.
 */
final class MapFlags {
  private MapFlags() {}

  static final int NO_PREALLOC = 1;
  static final int NO_COMMON_LRU = 1 << 1;
  static final int NUMA_NODE = 1 << 2;
  static final int RDONLY = 1 << 3;
  static final int WRONLY = 1 << 4;
  static final int STACK_BUILD_ID = 1 << 5;
  static final int ZERO_SEED = 1 << 6;
  static final int RDONLY_PROG = 1 << 7;
  static final int WRONLY_PROG = 1 << 8;
  static final int MMAPABLE = 1 << 10;
  static final int PRESERVE_ELEMS = 1 << 11;
  static final int INNER_MAP = 1 << 12;
  static final int ACCESS = RDONLY | WRONLY | RDONLY_PROG | WRONLY_PROG;

  /** The kernel's {@code NR_CPUS} ({@code kernel_max} + 1), or 0 when unknown. */
  private static final int NR_CPUS = nrCpus();

  private static int nrCpus() {
    try {
      return Integer.parseInt(
          Files.readString(Path.of("/sys/devices/system/cpu/kernel_max")).trim()) + 1;
    } catch (Exception e) {
      return 0;
    }
  }

  private static final String[] NAMES = {"BPF_F_NO_PREALLOC", "BPF_F_NO_COMMON_LRU",
      "BPF_F_NUMA_NODE", "BPF_F_RDONLY", "BPF_F_WRONLY", "BPF_F_STACK_BUILD_ID",
      "BPF_F_ZERO_SEED", "BPF_F_RDONLY_PROG", "BPF_F_WRONLY_PROG", "BPF_F_CLONE",
      "BPF_F_MMAPABLE", "BPF_F_PRESERVE_ELEMS", "BPF_F_INNER_MAP"};

  /** {@code flags} by name: {@code BPF_F_NO_PREALLOC|BPF_F_RDONLY}; unknown bits in hex. */
  static String names(int flags) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      if ((flags & (1 << i)) != 0) {
        sb.append(sb.isEmpty() ? "" : "|")
            .append(i < NAMES.length ? NAMES[i] : String.format("0x%x", 1 << i));
      }
    }
    return sb.toString();
  }

  /** The flags {@code t} accepts. */
  static int allowed(MapType t) {
    return switch (t) {
      case ARRAY -> NUMA_NODE | MMAPABLE | ACCESS | INNER_MAP;
      case PERCPU_ARRAY -> ACCESS;
      case PROG_ARRAY -> NUMA_NODE | RDONLY | WRONLY;
      case PERF_EVENT_ARRAY -> NUMA_NODE | RDONLY | WRONLY | PRESERVE_ELEMS;
      case ARRAY_OF_MAPS -> NUMA_NODE | ACCESS | INNER_MAP;
      case HASH, PERCPU_HASH, HASH_OF_MAPS -> NO_PREALLOC | NUMA_NODE | ACCESS | ZERO_SEED;
      case LRU_HASH, LRU_PERCPU_HASH -> NO_COMMON_LRU | NUMA_NODE | ACCESS | ZERO_SEED;
      case LPM_TRIE -> NO_PREALLOC | NUMA_NODE | ACCESS;
      case QUEUE, STACK -> NUMA_NODE | ACCESS;
      case BLOOM_FILTER -> NUMA_NODE | ZERO_SEED | ACCESS;
      case RINGBUF, USER_RINGBUF, CPUMAP -> NUMA_NODE;
      case STACK_TRACE -> NUMA_NODE | RDONLY | WRONLY | STACK_BUILD_ID;
      case DEVMAP, DEVMAP_HASH, XSKMAP -> NUMA_NODE | RDONLY | WRONLY;
      default -> -1;
    };
  }

  /** What is wrong with the spec's flags, or null. */
  static String problem(BpfMapSpec s) {
    int f = s.flags();
    int ok = allowed(s.type());
    if ((f & ~ok) != 0) {
      return "map_flags " + names(f & ~ok) + " not taken by " + s.type().name().toLowerCase()
          + " (it takes " + (ok == 0 ? "none" : names(ok)) + ")";
    }
    if ((f & RDONLY_PROG) != 0 && (f & WRONLY_PROG) != 0) {
      return "map_flags: BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG together";
    }
    if ((f & RDONLY) != 0 && (f & WRONLY) != 0) {
      return "map_flags: BPF_F_RDONLY and BPF_F_WRONLY together";
    }
    if (s.type() == MapType.LPM_TRIE && (f & NO_PREALLOC) == 0) {
      return "lpm_trie needs BPF_F_NO_PREALLOC";
    }
    if (s.type() == MapType.STACK_TRACE && (f & STACK_BUILD_ID) != 0
        && s.valueSize() % 32 != 0) {
      return "stack_trace with BPF_F_STACK_BUILD_ID needs a value_size that is a multiple of"
          + " 32 (struct bpf_stack_build_id), not " + s.valueSize();
    }
    if (s.type() == MapType.CPUMAP && NR_CPUS > 0 && s.maxEntries() > NR_CPUS) {
      return "cpumap of " + s.maxEntries() + " entries: the kernel has at most " + NR_CPUS
          + " CPUs (NR_CPUS)";
    }
    return null;
  }
}
