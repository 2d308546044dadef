package io.bpf4j.jvm;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.uapi.ProgType;
import java.util.HashMap;
import java.util.Map;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.RangeFacts;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;

/** The verification step of a JVM-backend load: every program, as the kernel's loader does. */
final class Verification {
  private Verification() {}

  /** The type a program runs as under {@code options}, or null when nothing tells it. */
  static ProgType typeOf(ProgramSpec p, JvmLoadOptions options) {
    ProgType t = options.type() != null ? options.type() : p.type();
    return t == ProgType.UNSPEC ? null : t;
  }

  /**
   * Verifies each program of {@code spec}; the first rejection fails with its explanation.
   * Returns the verifier's facts by program name, for the JIT.
   */
  static Map<String, RangeFacts> verifyAll(ObjectSpec spec, JvmLoadOptions options)
      throws JvmLoadException {
    Map<String, RangeFacts> facts = new HashMap<>();
    for (ProgramSpec p : spec.programs()) {
      ProgType t = typeOf(p, options);
      if (t == null) {
        throw new JvmLoadException("program '" + p.name() + "': section '" + p.section().section()
            + "' does not tell the program type, so it cannot be verified; name the type");
      }
      VerifierResult r;
      try {
        r = Verifier.verify(ObjectInputs.of(spec, p, t, options.privileged()));
      } catch (IllegalArgumentException e) { // a map that does not fit (MapInfo's checks)
        throw new JvmLoadException(e.getMessage());
      }
      if (!r.accepted()) {
        String e = explain(r);
        int nl = e.indexOf('\n');
        throw nl < 0 ? new JvmLoadException(e)
            : new JvmLoadException(e.substring(0, nl), e.substring(nl + 1));
      }
      facts.put(p.name(), r.facts());
    }
    return facts;
  }

  /**
   * The verifier's report with a first line that names the program, the instruction and the
   * source line: {@code program 'p' rejected by the verifier at insn 7 (file.c:12): message}.
   */
  static String explain(VerifierResult r) {
    VerifierResult.Rejection x = r.rejection();
    StringBuilder sb = new StringBuilder("program '").append(r.name())
        .append("' rejected by the verifier at insn ").append(x.slot());
    if (x.source() != null) {
      sb.append(" (").append(x.source().file()).append(':').append(x.source().line()).append(')');
    }
    sb.append(": ").append(x.message());
    String full = r.format();
    int nl = full.indexOf('\n');
    if (nl >= 0) {
      sb.append('\n').append(full.substring(nl + 1).stripTrailing());
    }
    return sb.toString();
  }
}
