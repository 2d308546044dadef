package io.bpf4j.btf;

/**
 * {@code struct bpf_core_relo}: the instruction at {@code slot} uses a fact about the local
 * BTF type {@code typeId} reached through {@code access} (libbpf's access string, e.g.
 * {@code "0:1:2"}), of kind {@code kind}.
 */
public record CoreRelo(int slot, int typeId, String access, CoreKind kind) {
  /** The same record moved by {@code delta} slots. */
  public CoreRelo shift(int delta) {
    return new CoreRelo(slot + delta, typeId, access, kind);
  }
}
