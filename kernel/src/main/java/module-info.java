/** The Linux kernel backend: the bpf() system call through FFM, links, ring buffers. */
module io.bpf4j.kernel {
  requires transitive io.bpf4j.core;

  exports io.bpf4j.kernel;
  exports io.bpf4j.kernel.link;
  exports io.bpf4j.kernel.sys;
}
