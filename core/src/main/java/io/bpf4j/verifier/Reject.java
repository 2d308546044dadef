package io.bpf4j.verifier;

/** Thrown inside the verifier when a path is unsafe; becomes a {@link VerifierResult}. */
final class Reject extends Exception {
  final int slot;
  final Problem problem;
  /** The register that made it unsafe, or -1. */
  final int reg;

  Reject(int slot, Problem problem, int reg, String message) {
    super(message, null, false, false);
    this.slot = slot;
    this.problem = problem;
    this.reg = reg;
  }
}
