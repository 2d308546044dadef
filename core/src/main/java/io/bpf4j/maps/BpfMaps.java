package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.util.Arrays;

/**
 * Creates JVM-backend maps and finds them again: by id, and by the map pointer a program
 * holds ({@link #byAddress(long)}, O(1)).
 *
 * <p><b>Map identity in programs.</b> Every map has a 64-byte native descriptor; its address
 * is the map pointer. The loader patches a {@code ld_imm64} that references a map (source
 * {@code BPF_PSEUDO_MAP_FD}/{@code _IDX}) with {@link BpfMap#address()}, so the register holds
 * it, exactly as the kernel puts a {@code struct bpf_map *} there; helpers get it back as
 * their map argument. Descriptor layout (little-endian):
 *
 * <pre>
 *   0  u32 magic 0x4d465042 ("BPFM")     4  u32 id (index in this registry)
 *   8  u32 map type                     12  u32 key size
 *  16  u32 value size                   20  u32 max entries
 *  24  u64 array maps: address of element 0 (else 0)
 *  32  u32 array maps: element stride (else 0)
 * </pre>
 *
 * A JIT may inline an array lookup from fields 24 and 32. For {@code BPF_PSEUDO_MAP_VALUE}
 * (global data) the loader uses {@code data + offset} of the array map.
 */
public final class BpfMaps {
  private BpfMaps() {}

  private static volatile BaseMap[] maps = new BaseMap[16];
  private static int nextId = 1;

  /** Creates a map; IllegalArgumentException names the spec field that the type refuses. */
  public static BpfMap create(BpfMapSpec spec) {
    String flags = MapFlags.problem(spec);
    if (flags != null) {
      throw new IllegalArgumentException("map '" + spec.name() + "': " + flags);
    }
    BaseMap m =
        switch (spec.type()) {
          case ARRAY, PERCPU_ARRAY -> new ArrayMap(spec);
          case HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH -> new HashTable(spec);
          case LPM_TRIE -> new LpmTrie(spec);
          case QUEUE, STACK -> new QueueStack(spec);
          case BLOOM_FILTER -> new BloomFilter(spec);
          case RINGBUF -> new RingBuf(spec);
          case USER_RINGBUF -> new UserRingBuf(spec);
          case PERF_EVENT_ARRAY -> new PerfEventArray(spec);
          case PROG_ARRAY -> new ProgArray(spec);
          case ARRAY_OF_MAPS, HASH_OF_MAPS -> new MapOfMaps(spec);
          case DEVMAP, DEVMAP_HASH, CPUMAP, XSKMAP -> new RedirectMap(spec);
          case STACK_TRACE -> new StackTraceMap(spec);
          default ->
              throw new IllegalArgumentException(
                  "map '" + spec.name() + "': type " + spec.type() + " is not supported on the"
                      + " JVM backend");
        };
    register(m);
    return m;
  }

  private static synchronized void register(BaseMap m) {
    int id = nextId++;
    BaseMap[] cur = maps;
    if (id >= cur.length) {
      cur = Arrays.copyOf(cur, cur.length * 2);
    }
    cur[id] = m;
    m.id = id;
    Memory.ALL.set(Memory.U32, m.desc + 4, id);
    if (m instanceof RingBuf r) {
      r.publishId();
    }
    maps = cur;
  }

  static synchronized boolean unregister(BaseMap m) {
    BaseMap[] cur = maps;
    if (m.id > 0 && m.id < cur.length && cur[m.id] == m) {
      cur[m.id] = null;
      maps = cur;
      return true;
    }
    return false;
  }

  /** The map whose descriptor is at {@code address}, or null. */
  public static BpfMap byAddress(long address) {
    return map(address);
  }

  /** The map with {@code id}, or null. */
  public static BpfMap byId(int id) {
    BaseMap[] cur = maps;
    return id > 0 && id < cur.length ? cur[id] : null;
  }

  /** The map at {@code address} for the helpers, or null. */
  static BaseMap map(long address) {
    if (address == 0) {
      return null;
    }
    int id = Memory.ALL.get(Memory.U32, address + 4);
    BaseMap[] cur = maps;
    if (id <= 0 || id >= cur.length) {
      return null;
    }
    BaseMap m = cur[id];
    return m != null && m.desc == address ? m : null;
  }

  /**
   * The map whose pointer is {@code address}, or null, without reading memory at
   * {@code address} (a scan of the registry): for checking untrusted map arguments.
   */
  public static BpfMap known(long address) {
    for (BaseMap m : maps) {
      if (m != null && m.desc == address) {
        return m;
      }
    }
    return null;
  }

  /** The registry as it is now (null slots for closed maps). */
  static BaseMap[] all() {
    return maps;
  }
}
