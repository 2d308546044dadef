package io.bpf4j.verifier;

import java.util.List;

/**
 * The verdict on one program: accepted, or rejected with the instruction, the reason and what
 * to change; the state log when asked for; and the numbers of the walk, like the kernel's
 * summary line.
 *
 * @param name the program's name
 * @param accepted true when every path is safe
 * @param rejection why not, or null when accepted
 * @param log the per-instruction log (empty unless asked for)
 * @param stats the numbers of the walk
 * @param facts what held before each instruction on every path, for a compiler ({@link
 *     RangeFacts#none()} when rejected)
 */
public record VerifierResult(String name, boolean accepted, Rejection rejection, List<String> log,
    Stats stats, RangeFacts facts) {

  /**
   * Why a program was rejected.
   *
   * @param slot the failing instruction's slot
   * @param insn its disassembly
   * @param problem the rule it broke
   * @param message the verifier's message, in the kernel's words where it has them
   * @param registers the state of the registers that made it unsafe
   * @param hint one sentence on what to change
   * @param source the C line, or null without line info
   */
  public record Rejection(int slot, String insn, Problem problem, String message,
      String registers, String hint, SourceLine source) {}

  /**
   * The numbers of the walk.
   *
   * @param insnsProcessed instructions walked, over all paths (the kernel's "processed")
   * @param statesExplored states stored at prune points ({@code total_states})
   * @param peakStates most states stored at once ({@code peak_states})
   * @param nanos time taken
   * @param stackDepth bytes of stack used by each function
   */
  public record Stats(long insnsProcessed, long statesExplored, long peakStates, long nanos,
      List<Integer> stackDepth) {
    /** The summary line, in the kernel's words. */
    public String summary() {
      return String.format("processed %d insns (limit %d) total_states %d peak_states %d,"
          + " verification time %d usec, stack depth %s", insnsProcessed,
          Checker.COMPLEXITY_LIMIT, statesExplored, peakStates, nanos / 1000,
          String.join("+", stackDepth.stream().map(String::valueOf).toList()));
    }
  }

  /** A human-readable report: verdict, failing instruction, source line, state, advice. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    if (accepted) {
      sb.append(name).append(": accepted\n");
    } else {
      Rejection r = rejection;
      sb.append(name).append(": rejected at insn ").append(r.slot()).append(": ")
          .append(r.message()).append('\n');
      sb.append("  ").append(r.slot()).append(": ").append(r.insn()).append('\n');
      if (r.source() != null) {
        sb.append("  source: ").append(r.source()).append('\n');
      }
      if (!r.registers().isEmpty()) {
        sb.append("  state:  ").append(r.registers()).append('\n');
      }
      sb.append("  fix:    ").append(r.hint()).append('\n');
    }
    sb.append("  ").append(stats.summary()).append('\n');
    return sb.toString();
  }

  /** The verdict as a JSON object. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "name", name).append(',');
    sb.append("\"accepted\":").append(accepted).append(',');
    if (rejection != null) {
      Rejection r = rejection;
      sb.append("\"rejection\":{\"slot\":").append(r.slot()).append(',');
      field(sb, "insn", r.insn()).append(',');
      field(sb, "problem", r.problem().name()).append(',');
      field(sb, "message", r.message()).append(',');
      field(sb, "registers", r.registers()).append(',');
      field(sb, "hint", r.hint());
      if (r.source() != null) {
        sb.append(",\"source\":{");
        field(sb, "file", r.source().file()).append(",\"line\":").append(r.source().line())
            .append(',');
        field(sb, "text", r.source().text()).append('}');
      }
      sb.append("},");
    }
    sb.append("\"stats\":{\"insns_processed\":").append(stats.insnsProcessed())
        .append(",\"states_explored\":").append(stats.statesExplored())
        .append(",\"peak_states\":").append(stats.peakStates())
        .append(",\"time_usec\":").append(stats.nanos() / 1000)
        .append(",\"stack_depth\":").append(stats.stackDepth()).append('}');
    if (!log.isEmpty()) {
      sb.append(",\"log\":[");
      for (int i = 0; i < log.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(sb, log.get(i));
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  private static StringBuilder field(StringBuilder sb, String k, String v) {
    quote(sb, k);
    sb.append(':');
    return quote(sb, v);
  }

  static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }
}
