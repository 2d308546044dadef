package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;

/**
 * {@code bpf4j prog dump OBJ --jited}: the JVM bytecode the JIT generates for each program of
 * an object (verified and relocated as {@code prog run} loads it), grouped under the eBPF
 * instruction it implements, like {@code bpftool prog dump jited}.
 */
final class JitedDump {
  private JitedDump() {}

  static String dump(String file, ObjectSpec o, String only, String type) throws CliException {
    JvmLoadOptions opts = JvmLoadOptions.defaults()
        .withType(type == null ? null : VerifyCommand.progType(type));
    StringBuilder sb = new StringBuilder();
    boolean found = false;
    try {
      JvmObject obj = JvmObject.load(o, opts);
      for (ProgramSpec p : o.programs()) {
        if (only != null && !only.equals(p.name())) {
          continue;
        }
        found = true;
        JvmProgram jp = obj.program(p.name());
        sb.append(sb.isEmpty() ? "" : "\n").append(p.name()).append(": compiled in ")
            .append(jp.compileNanos() / 1000).append(" us\n").append(jp.jitDump());
      }
    } catch (JvmLoadException e) {
      throw CliException.failure(file + ": " + e.summary(), e.detail());
    }
    if (!found) {
      throw CliException.failure(file + ": no program '" + only + "'");
    }
    return sb.toString();
  }
}
