package io.bpf4j.cli;

import static io.bpf4j.cli.Json.quote;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.MapInfo;
import io.bpf4j.kernel.ObjectKind;
import io.bpf4j.kernel.sys.SysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code bpf4j map show [--backend kernel] [id N | pinned PATH | name NAME]}: the kernel's maps, as bpftool lists them. */
final class MapShowCommand implements Command {
  @Override
  public String name() {
    return "map show";
  }

  @Override
  public String summary() {
    return "list the maps in the kernel (bpftool map show)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] map show [--backend kernel] [id N | pinned PATH | name NAME]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--backend"), Set.of());
    KernelCli.kernelOnly(a, name(), "maps");
    a.atMost(2);
    Bpf bpf = Bpf.system();
    List<MapInfo> infos = KernelCli.kernel(() -> {
      List<MapInfo> l = new ArrayList<>();
      if (a.positional().isEmpty()) {
        for (int id : KernelCli.ids(bpf, ObjectKind.MAP)) {
          try (KernelMap m = KernelMap.fromId(bpf, id)) {
            l.add(m.info());
          } catch (SysException gone) {
            // freed while we listed
          }
        }
      } else {
        try (KernelMap m = KernelCli.map(bpf, a.positional(), 0, name())) {
          l.add(m.info());
        }
      }
      return l;
    });
    if (out.json()) {
      out.println(infos.stream().map(MapShowCommand::json).collect(Collectors.joining(",", "[", "]")));
      return 0;
    }
    for (MapInfo m : infos) {
      out.printf("%d: %s  name %s  flags 0x%x%n", m.id(), m.typeName(), m.name(), m.flags());
      out.printf("\tkey %dB  value %dB  max_entries %d%s%n", m.keySize(), m.valueSize(), m.maxEntries(),
          m.btfId() != 0 ? "  btf_id " + m.btfId() : "");
    }
    return 0;
  }

  static String json(MapInfo m) {
    return "{\"id\":" + m.id() + ",\"type\":" + quote(m.typeName()) + ",\"name\":" + quote(m.name())
        + ",\"flags\":" + m.flags() + ",\"bytes_key\":" + m.keySize() + ",\"bytes_value\":"
        + m.valueSize() + ",\"max_entries\":" + m.maxEntries()
        + (m.btfId() != 0 ? ",\"btf_id\":" + m.btfId() : "") + "}";
  }
}
