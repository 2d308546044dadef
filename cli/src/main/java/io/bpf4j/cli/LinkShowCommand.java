package io.bpf4j.cli;

import static io.bpf4j.cli.Json.quote;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.LinkInfo;
import io.bpf4j.kernel.ObjectKind;
import io.bpf4j.kernel.sys.SysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code bpf4j link show [id N]}: the kernel's BPF links, as bpftool lists them. */
final class LinkShowCommand implements Command {
  @Override
  public String name() {
    return "link show";
  }

  @Override
  public String summary() {
    return "list the BPF links in the kernel (bpftool link show)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] link show [id N]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of(), Set.of());
    a.atMost(2);
    Bpf bpf = Bpf.system();
    List<LinkInfo> infos = KernelCli.kernel(() -> {
      List<Integer> ids = a.positional().isEmpty() ? KernelCli.ids(bpf, ObjectKind.LINK)
          : List.of(KernelCli.parseInt(a.positional(1, "an id"), "link id"));
      if (!a.positional().isEmpty() && !a.positional().getFirst().equals("id")) {
        throw CliException.usage("say id N");
      }
      List<LinkInfo> l = new ArrayList<>();
      for (int id : ids) {
        try (Fd fd = bpf.fdById(ObjectKind.LINK, id)) {
          l.add(LinkInfo.of(bpf, fd.get()));
        } catch (SysException gone) {
          if (!a.positional().isEmpty()) {
            throw gone;
          }
        }
      }
      return l;
    });
    if (out.json()) {
      out.println(infos.stream().map(i -> "{\"id\":" + i.id() + ",\"type\":" + quote(i.typeName())
          + ",\"prog_id\":" + i.progId() + ",\"detail\":" + quote(i.detail()) + "}")
          .collect(Collectors.joining(",", "[", "]")));
      return 0;
    }
    for (LinkInfo i : infos) {
      out.printf("%d: %s  prog %d%n", i.id(), i.typeName(), i.progId());
      if (!i.detail().isEmpty()) {
        out.println("\t" + i.detail());
      }
    }
    return 0;
  }
}
