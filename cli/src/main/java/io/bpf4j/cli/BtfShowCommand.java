package io.bpf4j.cli;

import static io.bpf4j.cli.Json.quote;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.Btf;
import io.bpf4j.kernel.BtfInfo;
import io.bpf4j.kernel.ObjectKind;
import io.bpf4j.kernel.sys.SysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code bpf4j btf show [id N]}: the kernel's BTF objects, as bpftool lists them. */
final class BtfShowCommand implements Command {
  @Override
  public String name() {
    return "btf show";
  }

  @Override
  public String summary() {
    return "list the BTF objects in the kernel (bpftool btf show)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] btf show [id N]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of(), Set.of());
    a.atMost(2);
    Bpf bpf = Bpf.system();
    List<BtfInfo> infos = KernelCli.kernel(() -> {
      if (!a.positional().isEmpty() && !a.positional().getFirst().equals("id")) {
        throw CliException.usage("say id N");
      }
      List<Integer> ids = a.positional().isEmpty() ? KernelCli.ids(bpf, ObjectKind.BTF)
          : List.of(KernelCli.parseInt(a.positional(1, "an id"), "btf id"));
      List<BtfInfo> l = new ArrayList<>();
      for (int id : ids) {
        try (Btf b = Btf.fromId(bpf, id)) {
          l.add(b.info());
        } catch (SysException gone) {
          if (!a.positional().isEmpty()) {
            throw gone;
          }
        }
      }
      return l;
    });
    if (out.json()) {
      out.println(infos.stream().map(i -> "{\"id\":" + i.id() + ",\"size\":" + i.size()
          + (i.name().isEmpty() ? "" : ",\"name\":" + quote(i.name())) + ",\"kernel\":" + i.kernelBtf() + "}")
          .collect(Collectors.joining(",", "[", "]")));
      return 0;
    }
    for (BtfInfo i : infos) {
      out.printf("%d: name %s  size %dB%n", i.id(), i.name().isEmpty() ? "<anon>" : "[" + i.name() + "]", i.size());
    }
    return 0;
  }
}
