/** Reading eBPF ELF objects into immutable specs (ObjectSpec, ProgramSpec, MapSpec), as libbpf does, without any system call. */
package io.bpf4j.elf;
