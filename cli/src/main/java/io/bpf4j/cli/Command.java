package io.bpf4j.cli;

/** One subcommand of {@code bpf4j}: {@code bpf4j NAME [ARGS]}. */
interface Command {
  /** The words that select this command, e.g. {@code "disasm"} or {@code "prog run"}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Usage text, shown for {@code --help} and on a usage error. */
  String usage();

  /**
   * Runs the command on its arguments (the words after its name); it parses them with
   * {@link Args#parse}, declaring its options.
   *
   * @return the exit code: 0 success, 1 failure of the work (a rejected program, a broken
   *     file), 2 bad usage
   */
  int run(java.util.List<String> args, Out out) throws CliException;
}
