package io.bpf4j.jvm;

import io.bpf4j.uapi.ProgType;
import java.util.Objects;

/**
 * How {@link JvmObject#load(io.bpf4j.elf.ObjectSpec, JvmLoadOptions)} instantiates an object:
 * the engine, whether bpf4j's verifier checks every program first (as the kernel does at
 * {@code BPF_PROG_LOAD}), with which privileges, and the program type where the section name
 * does not tell it (as {@code bpftool prog load ... type}).
 *
 * {@snippet :
 * JvmObject o = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(JvmEngine.INTERPRETER));
 * }
 *
 * @param engine the engine the programs run on
 * @param verify true to verify every program on load; false only with {@link JvmEngine#CHECKED}
 * @param privileged verify as root (CAP_BPF + CAP_PERFMON) or as an unprivileged user
 * @param type the program type of every program, or null to take it from each section name
 */
public record JvmLoadOptions(JvmEngine engine, boolean verify, boolean privileged, ProgType type) {
  /** Checks the engine is given (the engine/verify combination is checked on load). */
  public JvmLoadOptions {
    Objects.requireNonNull(engine, "engine");
  }

  /** The JIT, verification on, as root. */
  public static JvmLoadOptions defaults() {
    return new JvmLoadOptions(JvmEngine.JIT, true, true, null);
  }

  /** The same options with this engine. */
  public JvmLoadOptions withEngine(JvmEngine e) {
    return new JvmLoadOptions(e, verify, privileged, type);
  }

  /** The same options with verification on or off. */
  public JvmLoadOptions withVerify(boolean v) {
    return new JvmLoadOptions(engine, v, privileged, type);
  }

  /** The same options verifying as root ({@code true}) or as an unprivileged user. */
  public JvmLoadOptions withPrivileged(boolean p) {
    return new JvmLoadOptions(engine, verify, p, type);
  }

  /** The same options with this program type for every program (null: from the sections). */
  public JvmLoadOptions withType(ProgType t) {
    return new JvmLoadOptions(engine, verify, privileged, t);
  }
}
