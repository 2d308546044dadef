package io.bpf4j.cli;

import io.bpf4j.vm.InterpreterOptions;

/** The {@code --engine} choices of the commands that run programs in this JVM. */
final class VmEngines {
  private VmEngines() {}

  /** {@code interpreter} (fast mode, for verified programs) or {@code checked}. */
  static InterpreterOptions options(String engine) throws CliException {
    return switch (engine) {
      case "interpreter" -> InterpreterOptions.fast();
      case "checked" -> InterpreterOptions.checkedMode();
      case "jit" -> throw CliException.usage(
          "engine 'jit' is not available in this build yet (use interpreter or checked)");
      default -> throw CliException.usage(
          "unknown engine '" + engine + "' (interpreter or checked)");
    };
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
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
    return sb.append('"').toString();
  }

  /** r0 as {@code 0x2a (42)}: hex and signed decimal. */
  static String r0(long r0) {
    return "0x" + Long.toHexString(r0) + " (" + r0 + ")";
  }
}
