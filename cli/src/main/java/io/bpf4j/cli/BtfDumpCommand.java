package io.bpf4j.cli;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfC;
import io.bpf4j.btf.BtfDump;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j btf dump FILE [format c|raw]}: the BTF of an object (or a raw BTF file such as
 * {@code /sys/kernel/btf/vmlinux}) as {@code bpftool btf dump file} prints it, or as C.
 */
final class BtfDumpCommand implements Command {
  @Override
  public String name() {
    return "btf dump";
  }

  @Override
  public String summary() {
    return "print the BTF of an object or BTF file (raw like bpftool, or C)";
  }

  @Override
  public String usage() {
    return "bpf4j btf dump [file] FILE [format c|raw]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of(), Set.of());
    List<String> words = new ArrayList<>(args.positional());
    if (!words.isEmpty() && words.getFirst().equals("file")) {
      words.removeFirst();
    }
    if (words.isEmpty()) {
      throw CliException.usage("'btf dump' needs a FILE");
    }
    String file = words.getFirst();
    String format = "raw";
    if (words.size() >= 2) {
      if (!words.get(1).equals("format") || words.size() != 3) {
        throw CliException.usage("unexpected '" + String.join(" ", words.subList(1, words.size())) + "' (want: format c|raw)");
      }
      format = words.get(2);
    }
    Btf btf = ObjectFiles.btf(file);
    switch (format) {
      case "raw" -> out.out().print(BtfDump.raw(btf));
      case "c" -> out.out().print(BtfC.dump(btf));
      default -> throw CliException.usage("format " + format + " (must be c or raw)");
    }
    return 0;
  }
}
