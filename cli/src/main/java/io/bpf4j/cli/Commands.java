package io.bpf4j.cli;

import java.util.List;

/** Every subcommand of {@code bpf4j}, in the order the help lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        // one line per command; keep sorted by name
        new AsmCommand(),
        new BtfDumpCommand(),
        new BtfShowCommand(),
        new ConformanceCommand(),
        new ConformancePluginCommand(),
        new DisasmCommand(),
        new FeatureProbeCommand(),
        new JitDumpCommand(),
        new LinkShowCommand(),
        new MapDumpCommand(),
        new MapElemCommand("delete"),
        new MapElemCommand("lookup"),
        new MapElemCommand("update"),
        new MapShowCommand(),
        new ObjectShowCommand(),
        new ProgAttachCommand(),
        new ProgDumpCommand(),
        new ProgLoadCommand(),
        new ProgRunCommand(),
        new ProgShowCommand(),
        new ProgTracelogCommand(),
        new RunCommand(),
        new SlabCommand(),
        new SlabTopCommand(),
        new TracepointRecordCommand(),
        new VerifyCommand(),
        new VersionCommand());
  }
}
