package io.bpf4j.btf;

/**
 * {@code struct bpf_func_info}: a function starts at instruction slot {@code slot} and has the
 * BTF {@code FUNC} type {@code typeId}.
 */
public record FuncInfo(int slot, int typeId) {
  /** The same record moved by {@code delta} slots. */
  public FuncInfo shift(int delta) {
    return new FuncInfo(slot + delta, typeId);
  }
}
