package io.bpf4j.btf;

/**
 * The outcome of one CO-RE relocation: the value the compiler put in the instruction
 * ({@code original}, computed from the local BTF), the value for the target, and the field
 * sizes that tell whether a load's width must change.
 *
 * @param original the local value
 * @param value the target value
 * @param originalSize local field size in bytes (field kinds), else 0
 * @param size target field size in bytes (field kinds), else 0
 * @param poison true when the relocation cannot be resolved and the instruction must be
 *     made invalid (libbpf's behaviour for code a guard keeps from running)
 * @param reason why it was poisoned, else empty
 * @param validate whether the instruction must hold {@code original} (libbpf does not check
 *     bitfield relocations, whose compiler values it does not reproduce)
 */
public record CoreResult(long original, long value, int originalSize, int size, boolean poison, String reason,
    boolean validate) {}
