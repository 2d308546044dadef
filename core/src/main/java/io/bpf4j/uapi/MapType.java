package io.bpf4j.uapi;

/**
 * The map types of the kernel.
 *
 * <p>Each constant's {@link #value()} is the kernel's number for it (its position in
 * {@code enum bpf_map_type} of {@code linux/bpf.h}).
 */
public enum MapType {
  /** {@code BPF_MAP_TYPE_UNSPEC}. */
  UNSPEC(0),
  /** {@code BPF_MAP_TYPE_HASH}: hash table of fixed-size keys and values. */
  HASH(1),
  /** {@code BPF_MAP_TYPE_ARRAY}: array indexed by a u32, all elements preallocated and zeroed. */
  ARRAY(2),
  /** {@code BPF_MAP_TYPE_PROG_ARRAY}: array of program fds, for tail calls. */
  PROG_ARRAY(3),
  /** {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY}: per-CPU perf event buffers for bpf_perf_event_output. */
  PERF_EVENT_ARRAY(4),
  /** {@code BPF_MAP_TYPE_PERCPU_HASH}: hash with one value per CPU. */
  PERCPU_HASH(5),
  /** {@code BPF_MAP_TYPE_PERCPU_ARRAY}: array with one value per CPU. */
  PERCPU_ARRAY(6),
  /** {@code BPF_MAP_TYPE_STACK_TRACE}. */
  STACK_TRACE(7),
  /** {@code BPF_MAP_TYPE_CGROUP_ARRAY}. */
  CGROUP_ARRAY(8),
  /** {@code BPF_MAP_TYPE_LRU_HASH}: hash that evicts the least recently used element when full. */
  LRU_HASH(9),
  /** {@code BPF_MAP_TYPE_LRU_PERCPU_HASH}: LRU hash with one value per CPU. */
  LRU_PERCPU_HASH(10),
  /** {@code BPF_MAP_TYPE_LPM_TRIE}: longest-prefix-match trie (keys: u32 prefix length + data). */
  LPM_TRIE(11),
  /** {@code BPF_MAP_TYPE_ARRAY_OF_MAPS}: array of inner map fds. */
  ARRAY_OF_MAPS(12),
  /** {@code BPF_MAP_TYPE_HASH_OF_MAPS}: hash of inner map fds. */
  HASH_OF_MAPS(13),
  /** {@code BPF_MAP_TYPE_DEVMAP}. */
  DEVMAP(14),
  /** {@code BPF_MAP_TYPE_SOCKMAP}. */
  SOCKMAP(15),
  /** {@code BPF_MAP_TYPE_CPUMAP}. */
  CPUMAP(16),
  /** {@code BPF_MAP_TYPE_XSKMAP}. */
  XSKMAP(17),
  /** {@code BPF_MAP_TYPE_SOCKHASH}. */
  SOCKHASH(18),
  /** {@code BPF_MAP_TYPE_CGROUP_STORAGE}. */
  CGROUP_STORAGE(19),
  /** {@code BPF_MAP_TYPE_REUSEPORT_SOCKARRAY}. */
  REUSEPORT_SOCKARRAY(20),
  /** {@code BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE}. */
  PERCPU_CGROUP_STORAGE(21),
  /** {@code BPF_MAP_TYPE_QUEUE}: FIFO queue (push/pop/peek, no keys). */
  QUEUE(22),
  /** {@code BPF_MAP_TYPE_STACK}: LIFO stack (push/pop/peek, no keys). */
  STACK(23),
  /** {@code BPF_MAP_TYPE_SK_STORAGE}. */
  SK_STORAGE(24),
  /** {@code BPF_MAP_TYPE_DEVMAP_HASH}. */
  DEVMAP_HASH(25),
  /** {@code BPF_MAP_TYPE_STRUCT_OPS}. */
  STRUCT_OPS(26),
  /** {@code BPF_MAP_TYPE_RINGBUF}: multi-producer single-consumer ring buffer shared with user space. */
  RINGBUF(27),
  /** {@code BPF_MAP_TYPE_INODE_STORAGE}. */
  INODE_STORAGE(28),
  /** {@code BPF_MAP_TYPE_TASK_STORAGE}. */
  TASK_STORAGE(29),
  /** {@code BPF_MAP_TYPE_BLOOM_FILTER}: bloom filter (push to add, peek to test). */
  BLOOM_FILTER(30),
  /** {@code BPF_MAP_TYPE_USER_RINGBUF}. */
  USER_RINGBUF(31),
  /** {@code BPF_MAP_TYPE_CGRP_STORAGE}. */
  CGRP_STORAGE(32),
  /** {@code BPF_MAP_TYPE_ARENA}. */
  ARENA(33);

  private static final MapType[] BY_VALUE = values();

  private final int value;

  MapType(int value) {
    this.value = value;
  }

  /** The kernel's number. */
  public int value() {
    return value;
  }

  /** The constant for a kernel number, or null when there is none. */
  public static MapType of(int value) {
    return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
  }

  /** The kernel's name, e.g. {@code BPF_MAP_TYPE_HASH}. */
  public String kernelName() {
    return "BPF_MAP_TYPE_" + name();
  }
}
