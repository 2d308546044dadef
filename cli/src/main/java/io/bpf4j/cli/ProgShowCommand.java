package io.bpf4j.cli;

import static io.bpf4j.cli.Json.quote;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.ObjectKind;
import io.bpf4j.kernel.ProgInfo;
import io.bpf4j.kernel.sys.SysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code bpf4j prog show [--backend kernel] [id N | pinned PATH]}: the kernel's programs, as bpftool lists them. */
final class ProgShowCommand implements Command {
  @Override
  public String name() {
    return "prog show";
  }

  @Override
  public String summary() {
    return "list the programs loaded in the kernel (bpftool prog show)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] prog show [--backend kernel] [id N | pinned PATH]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--backend"), Set.of());
    KernelCli.kernelOnly(a, name(), "programs");
    List<String> w = a.positional();
    Bpf bpf = Bpf.system();
    List<ProgInfo> infos = KernelCli.kernel(() -> {
      List<ProgInfo> l = new ArrayList<>();
      if (w.isEmpty()) {
        for (int id : KernelCli.ids(bpf, ObjectKind.PROG)) {
          try (KernelProgram p = KernelProgram.fromId(bpf, id)) {
            l.add(p.info());
          } catch (SysException gone) {
            // unloaded while we listed
          }
        }
      } else {
        a.atMost(2);
        try (KernelProgram p = switch (a.positional(0, "id N or pinned PATH")) {
          case "id" -> KernelProgram.fromId(bpf, KernelCli.parseInt(a.positional(1, "an id"), "id"));
          case "pinned" -> KernelProgram.fromPin(bpf, a.positional(1, "a path"));
          default -> throw CliException.usage("say id N or pinned PATH");
        }) {
          l.add(p.info());
        }
      }
      return l;
    });
    if (out.json()) {
      out.println(infos.stream().map(ProgShowCommand::json).collect(Collectors.joining(",", "[", "]")));
      return 0;
    }
    for (ProgInfo p : infos) {
      out.printf("%d: %s  name %s  tag %s%s%n", p.id(), p.typeName(), p.name(), p.tag(),
          p.gplCompatible() ? "  gpl" : "");
      out.printf("\tloaded_at %s  uid %d%n", KernelCli.loadedAt(p.loadTimeNs()), p.uid());
      out.printf("\txlated %dB  jited %dB%s%n", p.xlatedLen(), p.jitedLen(), p.mapIds().isEmpty() ? ""
          : "  map_ids " + p.mapIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
      if (p.btfId() != 0) {
        out.printf("\tbtf_id %d%n", p.btfId());
      }
      if (p.runCount() != 0) {
        out.printf("\trun_time_ns %d  run_cnt %d%n", p.runTimeNs(), p.runCount());
      }
    }
    return 0;
  }

  static String json(ProgInfo p) {
    return "{\"id\":" + p.id() + ",\"type\":" + quote(p.typeName()) + ",\"name\":" + quote(p.name())
        + ",\"tag\":" + quote(p.tag()) + ",\"gpl_compatible\":" + p.gplCompatible()
        + ",\"loaded_at\":" + quote(KernelCli.loadedAt(p.loadTimeNs())) + ",\"uid\":" + p.uid()
        + ",\"bytes_xlated\":" + p.xlatedLen() + ",\"jited\":true,\"bytes_jited\":" + p.jitedLen()
        + ",\"map_ids\":" + p.mapIds() .toString().replace(" ", "")
        + (p.btfId() != 0 ? ",\"btf_id\":" + p.btfId() : "")
        + ",\"run_time_ns\":" + p.runTimeNs() + ",\"run_cnt\":" + p.runCount()
        + ",\"verified_insns\":" + p.verifiedInsns() + "}";
  }
}
