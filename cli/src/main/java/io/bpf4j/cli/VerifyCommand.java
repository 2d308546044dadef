package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j verify FILE}: runs bpf4j's verifier on every program of an ELF object (or on
 * plain code: {@code .bin}, assembly, hex) and prints a verdict per program; exit code 0 only
 * when all are accepted.
 */
final class VerifyCommand implements Command {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "check programs with bpf4j's verifier and explain rejections";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] verify FILE [--prog NAME] [--type TYPE] [-v] [--unprivileged]\n"
        + "  FILE            an ELF object (clang -target bpf), or plain code (.bin, .asm, hex)\n"
        + "  --prog NAME     only this program of the object\n"
        + "  --type TYPE     program type (xdp, socket_filter, sched_cls, tracepoint, ...)\n"
        + "                  where the section name does not tell it; required for plain code\n"
        + "  -v              the state of the registers at each instruction\n"
        + "  --unprivileged  check as a user without CAP_BPF/CAP_PERFMON (default: as root)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--prog", "--type"),
        Set.of("-v", "--verbose", "--unprivileged"));
    String file = a.positional(0, "a FILE to verify");
    a.atMost(1);
    ProgType type = a.value("--type") == null ? null : progType(a.value("--type"));
    boolean priv = !a.has("--unprivileged");
    boolean verbose = a.has("-v") || a.has("--verbose");
    List<VerifierInput> inputs = new ArrayList<>();
    List<String> untyped = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    byte[] bytes = ProgramFiles.bytes(file);
    if (ProgramFiles.isElf(bytes) && !file.toLowerCase(Locale.ROOT).endsWith(".bin")) {
      ObjectSpec obj = ObjectFiles.read(file);
      String only = a.value("--prog");
      for (ProgramSpec p : obj.programs()) {
        if (only != null && !only.equals(p.name())) {
          continue;
        }
        ProgType t = type != null ? type : p.type();
        if (t == null || t == ProgType.UNSPEC) {
          t = legacyType(p.section().section());
          if (t != null) {
            notes.add(p.name() + ": program type " + t.kernelName() + " from the legacy section"
                + " name '" + p.section().section() + "' (libbpf < 1.0 prefix rule)");
          }
        }
        if (t == null || t == ProgType.UNSPEC) {
          untyped.add(p.name() + ": section '" + p.section().section()
              + "' does not tell the program type; name it with --type");
          continue;
        }
        try {
          inputs.add(ObjectInputs.of(obj, p, t, priv).withLog(verbose));
        } catch (IllegalArgumentException e) { // a map the verifier cannot model
          throw CliException.failure(file + ": " + e.getMessage());
        }
      }
      if (only != null && inputs.isEmpty() && untyped.isEmpty()) {
        throw CliException.failure(file + ": no program named '" + only + "'");
      }
    } else {
      if (type == null) {
        throw CliException.usage(file + ": plain code does not tell its program type; give"
            + " --type");
      }
      ProgramFiles.Program p = ProgramFiles.read(file, false);
      inputs.add(new VerifierInput(p.name(), p.insns(), type, Map.of(), Map.of(), priv, verbose));
    }
    List<VerifierResult> results = new ArrayList<>();
    for (VerifierInput in : inputs) {
      results.add(Verifier.verify(in));
    }
    boolean ok = untyped.isEmpty() && results.stream().allMatch(VerifierResult::accepted);
    if (out.json()) {
      StringBuilder sb = new StringBuilder("{\"file\":").append(Json.quote(file))
          .append(",\"accepted\":").append(ok).append(",\"programs\":[");
      for (int i = 0; i < results.size(); i++) {
        sb.append(i > 0 ? "," : "").append(results.get(i).toJson());
      }
      sb.append("],\"untyped\":[");
      for (int i = 0; i < untyped.size(); i++) {
        sb.append(i > 0 ? "," : "").append(Json.quote(untyped.get(i)));
      }
      out.println(sb.append("]}").toString());
    } else {
      for (VerifierResult r : results) {
        if (verbose) {
          r.log().forEach(out::println);
        }
        out.out().print(r.format());
      }
      for (String n : notes) {
        out.println("note: " + n);
      }
      for (String u : untyped) {
        out.println(u);
      }
    }
    return ok ? 0 : 1;
  }

  /**
   * The type old libbpf gave a section by its prefix ({@code socket1}, {@code xdp_prog},
   * {@code kprobe/...}), or null when the name does not tell it (such as {@code test}).
   */
  static ProgType legacyType(String section) {
    String[][] prefixes = {{"socket", "SOCKET_FILTER"}, {"xdp", "XDP"}, {"classifier", "SCHED_CLS"},
        {"action", "SCHED_ACT"}, {"kprobe/", "KPROBE"}, {"kretprobe/", "KPROBE"},
        {"tracepoint/", "TRACEPOINT"}, {"raw_tracepoint/", "RAW_TRACEPOINT"},
        {"perf_event", "PERF_EVENT"}, {"cgroup/skb", "CGROUP_SKB"}, {"sockops", "SOCK_OPS"},
        {"sk_skb", "SK_SKB"}, {"sk_msg", "SK_MSG"}};
    for (String[] p : prefixes) {
      if (section.startsWith(p[0])) {
        return ProgType.valueOf(p[1]);
      }
    }
    return null;
  }

  static ProgType progType(String s) throws CliException {
    String n = s.toUpperCase(Locale.ROOT).replace('-', '_');
    n = switch (n) {
      case "SOCKET", "SOCKET1" -> "SOCKET_FILTER";
      case "TC", "CLASSIFIER" -> "SCHED_CLS";
      case "ACTION" -> "SCHED_ACT";
      case "RAW_TP" -> "RAW_TRACEPOINT";
      case "TP" -> "TRACEPOINT";
      default -> n.startsWith("BPF_PROG_TYPE_") ? n.substring(14) : n;
    };
    try {
      return ProgType.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--type " + s + ": not a program type (xdp, socket_filter,"
          + " sched_cls, tracepoint, raw_tracepoint, perf_event, cgroup_skb, ...)");
    }
  }
}
