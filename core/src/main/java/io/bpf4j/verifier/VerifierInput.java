package io.bpf4j.verifier;

import io.bpf4j.btf.AttachTarget;
import io.bpf4j.btf.AttachTargets;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the verifier checks: a program's instructions, its type, the maps its {@code lddw}
 * instructions name (by the {@code lddw}'s immediate: a map fd or index), the source lines by
 * slot (BTF line info, optional), and the privileges of the loader.
 *
 * {@snippet :
 * VerifierResult r = Verifier.verify(
 *     VerifierInput.of("prog", insns, ProgType.XDP).withMaps(Map.of(0, counters)));
 * }
 *
 * @param name the program's name, for messages
 * @param insns the instructions
 * @param type the program type ({@code BPF_PROG_TYPE_*})
 * @param maps maps by the {@code lddw} immediate that refers to them
 * @param lines source lines by slot; an instruction without an entry takes the closest one
 *     before it
 * @param privileged true to check as root (CAP_BPF + CAP_PERFMON), false as an unprivileged
 *     user
 * @param log true to keep the per-instruction state log ({@code -v})
 * @param attach the expected attach type ({@code expected_attach_type}) where the context
 *     depends on it ({@code struct bpf_sock_addr}, a tracing program's), or null
 * @param target a BTF-typed tracing program's attach target ({@code tp_btf/}, {@code fentry/},
 *     ...: {@link AttachTargets#resolve}), whose arguments make its context; or null
 * @param sleepable loaded with {@code BPF_F_SLEEPABLE} (libbpf's {@code .s} sections: {@code
 *     iter.s/}, {@code fentry.s/}, ...): it runs outside an RCU read-side section, so pointers
 *     it walks to are not RCU-protected (syscall programs are sleepable whatever this says)
 */
public record VerifierInput(String name, List<Insn> insns, ProgType type, Map<Integer, MapInfo> maps,
    Map<Integer, SourceLine> lines, boolean privileged, boolean log, AttachType attach,
    AttachTarget target, boolean sleepable) {
  /** Copies the collections. */
  public VerifierInput {
    Objects.requireNonNull(type, "type");
    name = name == null ? "" : name;
    insns = List.copyOf(insns);
    maps = Map.copyOf(maps);
    lines = Map.copyOf(lines);
  }

  /** An input without an expected attach type. */
  public VerifierInput(String name, List<Insn> insns, ProgType type, Map<Integer, MapInfo> maps,
      Map<Integer, SourceLine> lines, boolean privileged, boolean log) {
    this(name, insns, type, maps, lines, privileged, log, null, null, false);
  }

  /** An input without an attach target. */
  public VerifierInput(String name, List<Insn> insns, ProgType type, Map<Integer, MapInfo> maps,
      Map<Integer, SourceLine> lines, boolean privileged, boolean log, AttachType attach) {
    this(name, insns, type, maps, lines, privileged, log, attach, null, false);
  }

  /** A privileged check without maps, line info or log. */
  public static VerifierInput of(String name, List<Insn> insns, ProgType type) {
    return new VerifierInput(name, insns, type, Map.of(), Map.of(), true, false);
  }

  /** The same input with these maps. */
  public VerifierInput withMaps(Map<Integer, MapInfo> m) {
    return new VerifierInput(name, insns, type, m, lines, privileged, log,
        attach, target, sleepable);
  }

  /** The same input with these source lines. */
  public VerifierInput withLines(Map<Integer, SourceLine> l) {
    return new VerifierInput(name, insns, type, maps, l, privileged, log,
        attach, target, sleepable);
  }

  /** The same input checked as root ({@code true}) or as an unprivileged user. */
  public VerifierInput withPrivileged(boolean p) {
    return new VerifierInput(name, insns, type, maps, lines, p, log, attach, target, sleepable);
  }

  /** The same input with this expected attach type (may be null). */
  public VerifierInput withAttach(AttachType a) {
    return new VerifierInput(name, insns, type, maps, lines, privileged, log, a, target, sleepable);
  }

  /**
   * The same input with this attach target (may be null), and its expected attach type.
   */
  public VerifierInput withTarget(AttachTarget t) {
    return new VerifierInput(name, insns, type, maps, lines, privileged, log,
        t == null ? attach : t.attach(), t, sleepable);
  }

  /** The same input, sleepable ({@code BPF_F_SLEEPABLE}) or not. */
  public VerifierInput withSleepable(boolean sl) {
    return new VerifierInput(name, insns, type, maps, lines, privileged, log, attach, target, sl);
  }

  /** The same input, keeping the per-instruction log or not. */
  public VerifierInput withLog(boolean l) {
    return new VerifierInput(name, insns, type, maps, lines, privileged, l,
        attach, target, sleepable);
  }
}
