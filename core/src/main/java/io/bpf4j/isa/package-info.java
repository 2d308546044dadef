/** The eBPF instruction set of RFC 9669: opcodes, the instruction model, the codec, the assembler and the disassembler. */
package io.bpf4j.isa;
