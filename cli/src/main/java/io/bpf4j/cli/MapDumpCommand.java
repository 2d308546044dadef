package io.bpf4j.cli;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code bpf4j map dump id N | pinned PATH | name NAME}: every entry, as bpftool prints them. */
final class MapDumpCommand implements Command {
  @Override
  public String name() {
    return "map dump";
  }

  @Override
  public String summary() {
    return "print every entry of a kernel map (bpftool map dump)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] map dump id N | pinned PATH | name NAME";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of(), Set.of());
    a.atMost(2);
    List<Map.Entry<byte[], byte[]>> entries = KernelCli.kernel(() -> {
      try (KernelMap m = KernelCli.map(Bpf.system(), a.positional(), 0, name())) {
        List<Map.Entry<byte[], byte[]>> l = new ArrayList<>();
        for (byte[] k : m.keys()) {
          Optional<byte[]> v = m.lookup(k);
          v.ifPresent(value -> l.add(Map.entry(k, value)));
        }
        return l;
      }
    });
    if (out.json()) {
      StringBuilder sb = new StringBuilder("[");
      for (var e : entries) {
        sb.append(sb.length() > 1 ? "," : "").append("{\"key\":").append(KernelCli.jsonHex(e.getKey()))
            .append(",\"value\":").append(KernelCli.jsonHex(e.getValue())).append('}');
      }
      out.println(sb.append(']').toString());
      return 0;
    }
    for (var e : entries) {
      out.println("key: " + KernelCli.hex(e.getKey()) + "  value: " + KernelCli.hex(e.getValue()));
    }
    out.println("Found " + entries.size() + " element" + (entries.size() == 1 ? "" : "s"));
    return 0;
  }
}
