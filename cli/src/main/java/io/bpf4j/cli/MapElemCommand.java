package io.bpf4j.cli;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bpf4j map lookup|update|delete MAP key BYTES [value BYTES]}: one element of a
 * kernel map, with bpftool's syntax (bytes in decimal, or hex after the word {@code hex}).
 */
final class MapElemCommand implements Command {
  private final String op;

  MapElemCommand(String op) {
    this.op = op;
  }

  @Override
  public String name() {
    return "map " + op;
  }

  @Override
  public String summary() {
    return switch (op) {
      case "lookup" -> "print one element of a kernel map (bpftool map lookup)";
      case "update" -> "write one element of a kernel map (bpftool map update)";
      default -> "delete one element of a kernel map (bpftool map delete)";
    };
  }

  @Override
  public String usage() {
    return "bpf4j [-j] map " + op + " id N | pinned PATH | name NAME key [hex] BYTES..."
        + (op.equals("update") ? " value [hex] BYTES... [any|noexist|exist]" : "");
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of(), Set.of());
    List<String> w = a.positional();
    if (w.size() < 4 || !w.get(2).equals("key")) {
      throw CliException.usage("'" + name() + "' needs a map and key BYTES");
    }
    int valueAt = w.indexOf("value");
    if (op.equals("update") && valueAt < 0) {
      throw CliException.usage("'map update' needs value BYTES");
    }
    if (!op.equals("update") && valueAt >= 0) {
      throw CliException.usage("'" + name() + "' takes no value");
    }
    int end = w.size();
    long flags = KernelMap.ANY;
    if (op.equals("update") && Set.of("any", "noexist", "exist").contains(w.getLast())) {
      flags = switch (w.getLast()) {
        case "noexist" -> KernelMap.NOEXIST;
        case "exist" -> KernelMap.EXIST;
        default -> KernelMap.ANY;
      };
      end--;
    }
    byte[] key = KernelCli.bytes(w, 3, valueAt < 0 ? end : valueAt, "key");
    byte[] value = valueAt < 0 ? null : KernelCli.bytes(w, valueAt + 1, end, "value");
    long f = flags;
    return KernelCli.kernel(() -> {
      try (KernelMap m = KernelCli.map(Bpf.system(), w, 0, name())) {
        if (key.length != m.info().keySize()) {
          throw CliException.usage("key of " + key.length + " bytes; map '" + m.info().name()
              + "' has " + m.info().keySize() + "-byte keys");
        }
        switch (op) {
          case "lookup" -> {
            Optional<byte[]> v = m.lookup(key);
            if (v.isEmpty()) {
              throw CliException.failure("key " + KernelCli.hex(key) + " not found");
            }
            if (out.json()) {
              out.println("{\"key\":" + KernelCli.jsonHex(key) + ",\"value\":" + KernelCli.jsonHex(v.get()) + "}");
            } else {
              out.println("key: " + KernelCli.hex(key) + "  value: " + KernelCli.hex(v.get()));
            }
          }
          case "update" -> {
            if (value.length != m.valueBufferSize()) {
              throw CliException.usage("value of " + value.length + " bytes; map '" + m.info().name()
                  + "' needs " + m.valueBufferSize());
            }
            m.update(key, value, f);
          }
          default -> {
            if (!m.delete(key)) {
              throw CliException.failure("key " + KernelCli.hex(key) + " not found");
            }
          }
        }
        return 0;
      }
    });
  }
}
