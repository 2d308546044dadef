package io.bpf4j.btf;

/** The kinds of CO-RE relocation ({@code enum bpf_core_relo_kind} of {@code linux/bpf.h}). */
public enum CoreKind {
  /** {@code BPF_CORE_FIELD_BYTE_OFFSET}: byte offset of a field. */
  FIELD_BYTE_OFFSET,
  /** {@code BPF_CORE_FIELD_BYTE_SIZE}: size of a field in bytes. */
  FIELD_BYTE_SIZE,
  /** {@code BPF_CORE_FIELD_EXISTS}: 1 when the field exists in the target. */
  FIELD_EXISTS,
  /** {@code BPF_CORE_FIELD_SIGNED}: 1 when the field is signed. */
  FIELD_SIGNED,
  /** {@code BPF_CORE_FIELD_LSHIFT_U64}: left shift to extract a bitfield from a u64. */
  FIELD_LSHIFT_U64,
  /** {@code BPF_CORE_FIELD_RSHIFT_U64}: right shift to extract a bitfield from a u64. */
  FIELD_RSHIFT_U64,
  /** {@code BPF_CORE_TYPE_ID_LOCAL}: the type's id in the program's own BTF. */
  TYPE_ID_LOCAL,
  /** {@code BPF_CORE_TYPE_ID_TARGET}: the type's id in the target BTF. */
  TYPE_ID_TARGET,
  /** {@code BPF_CORE_TYPE_EXISTS}: 1 when a compatible type exists in the target. */
  TYPE_EXISTS,
  /** {@code BPF_CORE_TYPE_SIZE}: size of the type in the target. */
  TYPE_SIZE,
  /** {@code BPF_CORE_ENUMVAL_EXISTS}: 1 when the enumerator exists in the target. */
  ENUMVAL_EXISTS,
  /** {@code BPF_CORE_ENUMVAL_VALUE}: the enumerator's value in the target. */
  ENUMVAL_VALUE,
  /** {@code BPF_CORE_TYPE_MATCHES}: 1 when the target type matches the local one. */
  TYPE_MATCHES;

  /** The kind with the kernel's number, or null. */
  public static CoreKind of(int value) {
    CoreKind[] v = values();
    return value >= 0 && value < v.length ? v[value] : null;
  }

  /** libbpf's short name, as in its log ({@code byte_off}, {@code exists}, ...). */
  public String shortName() {
    return switch (this) {
      case FIELD_BYTE_OFFSET -> "byte_off";
      case FIELD_BYTE_SIZE -> "byte_sz";
      case FIELD_EXISTS -> "field_exists";
      case FIELD_SIGNED -> "signed";
      case FIELD_LSHIFT_U64 -> "lshift_u64";
      case FIELD_RSHIFT_U64 -> "rshift_u64";
      case TYPE_ID_LOCAL -> "local_type_id";
      case TYPE_ID_TARGET -> "target_type_id";
      case TYPE_EXISTS -> "type_exists";
      case TYPE_SIZE -> "type_size";
      case ENUMVAL_EXISTS -> "enumval_exists";
      case ENUMVAL_VALUE -> "enumval_value";
      case TYPE_MATCHES -> "type_matches";
    };
  }

  /** True for the field kinds. */
  public boolean isField() {
    return ordinal() <= FIELD_RSHIFT_U64.ordinal();
  }

  /** True for the enumerator kinds. */
  public boolean isEnumval() {
    return this == ENUMVAL_EXISTS || this == ENUMVAL_VALUE;
  }
}
