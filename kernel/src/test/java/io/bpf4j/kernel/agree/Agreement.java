package io.bpf4j.kernel.agree;

import io.bpf4j.helpers.StandardHelpers;
import io.bpf4j.isa.Disassembler;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.vm.HelperTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a generated program on every engine, checks that they agree, and keeps the counts
 * for the summary: programs compared per engine, and the kernel's refusals by reason.
 */
final class Agreement {
  /** The helpers of the JVM engines: the standard ones, as an XDP program sees them. */
  static final HelperTable HELPERS = StandardHelpers.table();

  final AtomicInteger generated = new AtomicInteger();
  final Map<Engines.Engine, AtomicInteger> compared = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

  /**
   * Runs {@code p} everywhere; returns null when all engines agree, else what differs (with
   * the program's listing).
   */
  String check(ProgramGenerator.Program p) {
    generated.incrementAndGet();
    Engines.Outcome fast = Engines.interpreter(p.insns(), HELPERS, p.input(), false);
    Engines.Outcome checked = Engines.interpreter(p.insns(), HELPERS, p.input(), true);
    Engines.Outcome jit = Engines.jit(p.insns(), HELPERS, p.input());
    StringBuilder diff = new StringBuilder();
    if (!fast.ok()) {
      diff.append("interpreter: ").append(fast).append('\n');
    } else {
      count(Engines.Engine.INTERPRETER);
      compare("checked interpreter", fast, checked, diff, Engines.Engine.CHECKED);
      compare("JIT", fast, jit, diff, Engines.Engine.JIT);
      if (KernelAvailable.available()) {
        Engines.Outcome k = Engines.kernel(p.insns(), p.input());
        if (!k.ok()) {
          refusals.computeIfAbsent(normalise(k.error()), x -> new AtomicInteger())
              .incrementAndGet();
        } else if ((int) k.r0() != (int) fast.r0() || !Arrays.equals(k.memory(), fast.memory())) {
          diff.append("kernel: ").append(k).append("\n  interpreter: ").append(fast)
              .append('\n');
        } else {
          count(Engines.Engine.KERNEL);
        }
      }
    }
    if (diff.isEmpty()) {
      return null;
    }
    return "seed " + p.seed() + ": engines disagree\n" + diff
        + Disassembler.llvm().program(p.insns());
  }

  private void compare(String name, Engines.Outcome ref, Engines.Outcome got, StringBuilder diff,
      Engines.Engine e) {
    if (!got.ok() || got.r0() != ref.r0() || !Arrays.equals(got.memory(), ref.memory())) {
      diff.append(name).append(": ").append(got).append("\n  interpreter: ").append(ref)
          .append('\n');
    } else {
      count(e);
    }
  }

  private void count(Engines.Engine e) {
    compared.computeIfAbsent(e, x -> new AtomicInteger()).incrementAndGet();
  }

  /** A refusal without its numbers, so that like reasons count together. */
  static String normalise(String error) {
    return error.replaceAll("-?\\d+", "N").replaceAll("0xN[0-9a-f]*", "N");
  }

  int refused() {
    return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(generated.get()).append(" random programs; agreed on ");
    for (Engines.Engine e : Engines.Engine.values()) {
      AtomicInteger n = compared.get(e);
      sb.append(e.name().toLowerCase()).append(' ').append(n == null ? 0 : n.get()).append(", ");
    }
    if (!KernelAvailable.available()) {
      sb.append("kernel not compared (").append(KernelAvailable.reason()).append(')');
      return sb.toString();
    }
    sb.append("kernel refused ").append(refused());
    Map<String, Integer> top = refusals.entrySet().stream()
        .sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(5)
        .collect(Collectors.toMap(Map.Entry::getKey, x -> x.getValue().get(), (a, b) -> a,
            LinkedHashMap::new));
    top.forEach((why, n) -> sb.append("\n  ").append(n).append(" x ").append(why));
    return sb.toString();
  }
}
