package io.bpf4j.elf;

/**
 * A global variable in a data section ({@code .data}, {@code .rodata}, {@code .bss},
 * {@code .data.*}, {@code .rodata.*}), as BTF describes it.
 *
 * @param name the variable's name
 * @param map the global-data map that holds it
 * @param offset its offset in the map's value
 * @param size its size in bytes
 * @param typeId its BTF type id (the VAR's type)
 * @param readOnly true in a {@code .rodata} section (the {@code const volatile} pattern)
 */
public record GlobalVar(String name, String map, int offset, int size, int typeId, boolean readOnly) {}
