package io.bpf4j.kernel;

/**
 * The commands of the {@code bpf()} system call ({@code enum bpf_cmd} of {@code linux/bpf.h});
 * {@link #ordinal()} is the kernel's number.
 */
public enum BpfCmd {
  /** {@code BPF_MAP_CREATE}. */
  MAP_CREATE,
  /** {@code BPF_MAP_LOOKUP_ELEM}. */
  MAP_LOOKUP_ELEM,
  /** {@code BPF_MAP_UPDATE_ELEM}. */
  MAP_UPDATE_ELEM,
  /** {@code BPF_MAP_DELETE_ELEM}. */
  MAP_DELETE_ELEM,
  /** {@code BPF_MAP_GET_NEXT_KEY}. */
  MAP_GET_NEXT_KEY,
  /** {@code BPF_PROG_LOAD}. */
  PROG_LOAD,
  /** {@code BPF_OBJ_PIN}. */
  OBJ_PIN,
  /** {@code BPF_OBJ_GET}. */
  OBJ_GET,
  /** {@code BPF_PROG_ATTACH}. */
  PROG_ATTACH,
  /** {@code BPF_PROG_DETACH}. */
  PROG_DETACH,
  /** {@code BPF_PROG_TEST_RUN}. */
  PROG_TEST_RUN,
  /** {@code BPF_PROG_GET_NEXT_ID}. */
  PROG_GET_NEXT_ID,
  /** {@code BPF_MAP_GET_NEXT_ID}. */
  MAP_GET_NEXT_ID,
  /** {@code BPF_PROG_GET_FD_BY_ID}. */
  PROG_GET_FD_BY_ID,
  /** {@code BPF_MAP_GET_FD_BY_ID}. */
  MAP_GET_FD_BY_ID,
  /** {@code BPF_OBJ_GET_INFO_BY_FD}. */
  OBJ_GET_INFO_BY_FD,
  /** {@code BPF_PROG_QUERY}. */
  PROG_QUERY,
  /** {@code BPF_RAW_TRACEPOINT_OPEN}. */
  RAW_TRACEPOINT_OPEN,
  /** {@code BPF_BTF_LOAD}. */
  BTF_LOAD,
  /** {@code BPF_BTF_GET_FD_BY_ID}. */
  BTF_GET_FD_BY_ID,
  /** {@code BPF_TASK_FD_QUERY}. */
  TASK_FD_QUERY,
  /** {@code BPF_MAP_LOOKUP_AND_DELETE_ELEM}. */
  MAP_LOOKUP_AND_DELETE_ELEM,
  /** {@code BPF_MAP_FREEZE}. */
  MAP_FREEZE,
  /** {@code BPF_BTF_GET_NEXT_ID}. */
  BTF_GET_NEXT_ID,
  /** {@code BPF_MAP_LOOKUP_BATCH}. */
  MAP_LOOKUP_BATCH,
  /** {@code BPF_MAP_LOOKUP_AND_DELETE_BATCH}. */
  MAP_LOOKUP_AND_DELETE_BATCH,
  /** {@code BPF_MAP_UPDATE_BATCH}. */
  MAP_UPDATE_BATCH,
  /** {@code BPF_MAP_DELETE_BATCH}. */
  MAP_DELETE_BATCH,
  /** {@code BPF_LINK_CREATE}. */
  LINK_CREATE,
  /** {@code BPF_LINK_UPDATE}. */
  LINK_UPDATE,
  /** {@code BPF_LINK_GET_FD_BY_ID}. */
  LINK_GET_FD_BY_ID,
  /** {@code BPF_LINK_GET_NEXT_ID}. */
  LINK_GET_NEXT_ID,
  /** {@code BPF_ENABLE_STATS}. */
  ENABLE_STATS,
  /** {@code BPF_ITER_CREATE}. */
  ITER_CREATE,
  /** {@code BPF_LINK_DETACH}. */
  LINK_DETACH,
  /** {@code BPF_PROG_BIND_MAP}. */
  PROG_BIND_MAP;

  /** The kernel's name, e.g. {@code BPF_PROG_LOAD}. */
  public String kernelName() {
    return "BPF_" + name();
  }
}
