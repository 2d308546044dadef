/** The bpf4j command: bpftool-style subcommands, the script runner, the slab simulator. */
module io.bpf4j.cli {
  requires io.bpf4j.core;
  requires io.bpf4j.kernel;
  requires io.bpf4j.script;

  exports io.bpf4j.cli;
}
