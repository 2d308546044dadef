package io.bpf4j.btf;

/**
 * The kinds of BTF types ({@code BTF_KIND_*} of {@code linux/btf.h}), with the kernel's
 * number and the name {@code bpftool btf dump} prints.
 */
public enum BtfKind {
  /** {@code BTF_KIND_UNKN}: type id 0, {@code void}. */
  VOID(0),
  /** {@code BTF_KIND_INT}: an integer of some size, signedness and bit width. */
  INT(1),
  /** {@code BTF_KIND_PTR}: a pointer. */
  PTR(2),
  /** {@code BTF_KIND_ARRAY}: an array with an element and an index type. */
  ARRAY(3),
  /** {@code BTF_KIND_STRUCT}: a struct with members at bit offsets. */
  STRUCT(4),
  /** {@code BTF_KIND_UNION}: a union. */
  UNION(5),
  /** {@code BTF_KIND_ENUM}: an enumeration with 32-bit values. */
  ENUM(6),
  /** {@code BTF_KIND_FWD}: a forward declaration of a struct or union. */
  FWD(7),
  /** {@code BTF_KIND_TYPEDEF}. */
  TYPEDEF(8),
  /** {@code BTF_KIND_VOLATILE}. */
  VOLATILE(9),
  /** {@code BTF_KIND_CONST}. */
  CONST(10),
  /** {@code BTF_KIND_RESTRICT}. */
  RESTRICT(11),
  /** {@code BTF_KIND_FUNC}: a function, with its prototype. */
  FUNC(12),
  /** {@code BTF_KIND_FUNC_PROTO}: a function prototype. */
  FUNC_PROTO(13),
  /** {@code BTF_KIND_VAR}: a global variable. */
  VAR(14),
  /** {@code BTF_KIND_DATASEC}: a data section and the variables in it. */
  DATASEC(15),
  /** {@code BTF_KIND_FLOAT}. */
  FLOAT(16),
  /** {@code BTF_KIND_DECL_TAG}: a tag on a declaration or one of its members/params. */
  DECL_TAG(17),
  /** {@code BTF_KIND_TYPE_TAG}: a tag on a type (for instance {@code __user}). */
  TYPE_TAG(18),
  /** {@code BTF_KIND_ENUM64}: an enumeration with 64-bit values. */
  ENUM64(19);

  private static final BtfKind[] BY_VALUE = values();
  private final int value;

  BtfKind(int value) {
    this.value = value;
  }

  /** The kernel's number. */
  public int value() {
    return value;
  }

  /** The kind with that number, or null. */
  public static BtfKind of(int value) {
    return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
  }
}
