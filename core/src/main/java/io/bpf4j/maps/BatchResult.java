package io.bpf4j.maps;

import java.lang.foreign.MemorySegment;

/**
 * What a batch lookup returned.
 *
 * @param count the number of key/value pairs written
 * @param cursor the {@code out_batch} cursor to pass as {@code in} to continue (a key)
 * @param done true when the walk reached the end (the kernel's ENOENT)
 */
public record BatchResult(int count, MemorySegment cursor, boolean done) {}
