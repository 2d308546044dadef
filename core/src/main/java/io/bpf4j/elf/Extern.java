package io.bpf4j.elf;

/**
 * An {@code extern} the object declares: a {@code .kconfig} value (libbpf fills it from the
 * kernel configuration) or a {@code .ksyms} kernel variable or function.
 *
 * @param name the symbol name
 * @param kind which of the three
 * @param typeId its BTF type (VAR or FUNC) in the object's BTF
 * @param weak declared {@code __weak}: may be missing in the kernel
 * @param offset for {@link Kind#KCONFIG}, its offset in the {@code .kconfig} map; else 0
 * @param size for {@link Kind#KCONFIG}, its size in bytes; else 0
 */
public record Extern(String name, Kind kind, int typeId, boolean weak, int offset, int size) {
  /** Kinds of extern. */
  public enum Kind {
    /** A {@code CONFIG_*} value or {@code LINUX_KERNEL_VERSION} in {@code .kconfig}. */
    KCONFIG,
    /** A kernel variable in {@code .ksyms}. */
    KSYM_VAR,
    /** A kernel function (kfunc) in {@code .ksyms}. */
    KSYM_FUNC
  }
}
