package io.bpf4j.cli;

import java.util.List;
import java.util.Set;

/** {@code bpf4j version}: the version of bpf4j and of the Java runtime. */
final class VersionCommand implements Command {
  @Override
  public String name() {
    return "version";
  }

  @Override
  public String summary() {
    return "print the version of bpf4j and of the Java runtime";
  }

  @Override
  public String usage() {
    return "bpf4j version [-j]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of(), Set.of());
    args.atMost(0);
    String v = Main.version();
    String rt = Runtime.version().toString();
    if (out.json()) {
      out.println("{\"version\":\"" + v + "\",\"java\":\"" + rt + "\"}");
    } else {
      out.println("bpf4j " + v + " (Java " + rt + ")");
    }
    return 0;
  }
}
