package io.bpf4j.cli;

import java.util.List;

/** Every subcommand of {@code bpf4j}, in the order the help lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        // one line per command; keep sorted by name
        new AsmCommand(),
        new BtfShowCommand(),
        new ConformanceCommand(),
        new ConformancePluginCommand(),
        new DisasmCommand(),
        new FeatureProbeCommand(),
        new LinkShowCommand(),
        new MapElemCommand("delete"),
        new MapDumpCommand(),
        new MapElemCommand("lookup"),
        new MapShowCommand(),
        new MapElemCommand("update"),
        new ProgAttachCommand(),
        new ProgShowCommand(),
        new BtfDumpCommand(),
        new ConformanceCommand(),
        new ConformancePluginCommand(),
        new DisasmCommand(),
        new ObjectShowCommand(),
        new ProgDumpCommand(),
        new ProgRunCommand(),
        new RunCommand(),
        new SlabCommand(),
        new SlabTopCommand(),
        new JitDumpCommand(),
        new VersionCommand());
  }
}
