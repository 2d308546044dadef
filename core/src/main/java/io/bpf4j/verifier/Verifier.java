package io.bpf4j.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The eBPF verifier: proves that a program is safe to run (every path ends, every memory
 * access lies inside its object, helpers get the arguments they expect, references are
 * released) the way the kernel's verifier does, and explains a rejection.
 *
 * {@snippet :
 * VerifierResult r = Verifier.verify(VerifierInput.of("p", insns, ProgType.SOCKET_FILTER));
 * if (!r.accepted()) System.out.print(r.format());
 * }
 */
public final class Verifier {
  private Verifier() {}

  /** Checks a program. Never throws for a bad program: a bad program is a rejection. */
  public static VerifierResult verify(VerifierInput input) {
    long t0 = System.nanoTime();
    Checker env = null;
    try {
      Cfg cfg = Cfg.build(input.insns(), input.privileged());
      env = new Checker(input, cfg);
      env.run();
      return new VerifierResult(input.name(), true, null, log(env), stats(env, t0),
          env.facts.facts());
    } catch (Reject r) {
      VerifierResult.Rejection rej = Explain.rejection(input, env, r);
      List<String> log = log(env);
      if (env != null && env.log != null) {
        log = new ArrayList<>(log);
        log.add(r.slot + ": " + r.getMessage());
      }
      return new VerifierResult(input.name(), false, rej, log, stats(env, t0),
          RangeFacts.none());
    }
  }

  private static List<String> log(Checker env) {
    return env == null || env.log == null ? List.of() : List.copyOf(env.log);
  }

  private static VerifierResult.Stats stats(Checker env, long t0) {
    long t = System.nanoTime() - t0;
    if (env == null) {
      return new VerifierResult.Stats(0, 0, 0, t, List.of());
    }
    List<Integer> depth = new ArrayList<>();
    for (int d : env.maxStack) {
      depth.add(d);
    }
    return new VerifierResult.Stats(env.processed, env.states, env.peakStates, t, depth);
  }
}
