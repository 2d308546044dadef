/**
 * bpf4j core: the instruction set, the object loader, the verifier, the interpreter and JIT,
 * maps, helpers and the slab allocator. Depends on nothing but the JDK.
 */
module io.bpf4j.core {
  exports io.bpf4j.btf;
  exports io.bpf4j.elf;
  exports io.bpf4j.helpers;
  exports io.bpf4j.hooks;
  exports io.bpf4j.isa;
  exports io.bpf4j.jvm;
  exports io.bpf4j.maps;
  exports io.bpf4j.slab;
  exports io.bpf4j.uapi;
  exports io.bpf4j.verifier;
  exports io.bpf4j.vm;
  exports io.bpf4j.vm.jit;
}
