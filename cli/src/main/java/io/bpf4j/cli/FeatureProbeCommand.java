package io.bpf4j.cli;

import static io.bpf4j.cli.Json.quote;

import io.bpf4j.kernel.Features;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bpf4j feature probe [--helpers]}: which program types, map types (and helpers per
 * program type) the running kernel has, probed as bpftool does.
 */
final class FeatureProbeCommand implements Command {
  @Override
  public String name() {
    return "feature probe";
  }

  @Override
  public String summary() {
    return "probe the kernel's program types, map types and helpers (bpftool feature probe)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] feature probe [--helpers]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of(), Set.of("--helpers"));
    a.atMost(0);
    boolean helpers = a.has("--helpers");
    return KernelCli.kernel(() -> {
      Features f = Features.system();
      List<String> json = new ArrayList<>();
      if (!out.json()) {
        out.println("Scanning eBPF program types...");
      }
      List<ProgType> available = new ArrayList<>();
      StringBuilder progs = new StringBuilder();
      for (ProgType t : ProgType.values()) {
        if (t == ProgType.UNSPEC) {
          continue;
        }
        Features.Probe p = f.progType(t);
        String n = t.name().toLowerCase(Locale.ROOT);
        if (p.available()) {
          available.add(t);
        }
        progs.append(progs.isEmpty() ? "" : ",").append(quote("have_" + n + "_prog_type")).append(':').append(p.available());
        if (!out.json()) {
          out.println("eBPF program_type " + n + " is " + (p.available() ? "" : "NOT ") + "available");
        }
      }
      json.add("\"program_types\":{" + progs + "}");
      if (!out.json()) {
        out.println("");
        out.println("Scanning eBPF map types...");
      }
      StringBuilder maps = new StringBuilder();
      for (MapType t : MapType.values()) {
        if (t == MapType.UNSPEC) {
          continue;
        }
        Features.Probe p = f.mapType(t);
        String n = t.name().toLowerCase(Locale.ROOT);
        maps.append(maps.isEmpty() ? "" : ",").append(quote("have_" + n + "_map_type")).append(':').append(p.available());
        if (!out.json()) {
          out.println("eBPF map_type " + n + " is " + (p.available() ? "" : "NOT ") + "available");
        }
      }
      json.add("\"map_types\":{" + maps + "}");
      if (helpers) {
        StringBuilder hs = new StringBuilder();
        for (ProgType t : available) {
          String n = t.name().toLowerCase(Locale.ROOT);
          List<String> names = new ArrayList<>();
          for (int id = 1; id < HelperId.count(); id++) {
            if (HelperId.name(id) != null && f.helper(t, id).available()) {
              names.add("bpf_" + HelperId.name(id));
            }
          }
          hs.append(hs.isEmpty() ? "" : ",").append(quote(n + "_available_helpers")).append(":[")
              .append(String.join(",", names.stream().map(Json::quote).toList())).append(']');
          if (!out.json()) {
            out.println("");
            out.println("eBPF helpers supported for program type " + n + ":");
            names.forEach(h -> out.println("\t- " + h));
          }
        }
        json.add("\"helpers\":{" + hs + "}");
      }
      if (out.json()) {
        out.println("{" + String.join(",", json) + "}");
      }
      return 0;
    });
  }
}
