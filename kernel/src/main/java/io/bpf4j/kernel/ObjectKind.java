package io.bpf4j.kernel;

/** The kinds of kernel BPF objects that have ids: programs, maps, links and BTF. */
public enum ObjectKind {
  /** Programs. */
  PROG(BpfCmd.PROG_GET_NEXT_ID, BpfCmd.PROG_GET_FD_BY_ID),
  /** Maps. */
  MAP(BpfCmd.MAP_GET_NEXT_ID, BpfCmd.MAP_GET_FD_BY_ID),
  /** Links. */
  LINK(BpfCmd.LINK_GET_NEXT_ID, BpfCmd.LINK_GET_FD_BY_ID),
  /** BTF objects. */
  BTF(BpfCmd.BTF_GET_NEXT_ID, BpfCmd.BTF_GET_FD_BY_ID);

  private final BpfCmd nextId;
  private final BpfCmd fdById;

  ObjectKind(BpfCmd nextId, BpfCmd fdById) {
    this.nextId = nextId;
    this.fdById = fdById;
  }

  /** {@code BPF_PROG_GET_NEXT_ID} and the like. */
  public BpfCmd nextIdCmd() {
    return nextId;
  }

  /** {@code BPF_PROG_GET_FD_BY_ID} and the like. */
  public BpfCmd fdByIdCmd() {
    return fdById;
  }

  /** "prog", "map", "link" or "btf". */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
