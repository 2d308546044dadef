/**
 * The JVM backend for objects: turns an {@link io.bpf4j.elf.ObjectSpec} into live maps and
 * programs that run in bpf4j's checked interpreter, with the contexts the kernel builds for
 * {@code BPF_PROG_TEST_RUN}.
 */
package io.bpf4j.jvm;
