package io.bpf4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed arguments of one command: positional words and {@code --options}. Options that take
 * a value are declared; anything undeclared is a usage error that names the option.
 */
final class Args {
  private final String command;
  private final List<String> positional = new ArrayList<>();
  private final Map<String, List<String>> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Args(String command) {
    this.command = command;
  }

  /**
   * Parses {@code raw}. {@code valueOptions} take one value ({@code --x V} or {@code --x=V});
   * {@code flagOptions} take none. Short aliases are given as their own entries ({@code -v}).
   */
  static Args parse(String command, List<String> raw, Set<String> valueOptions, Set<String> flagOptions)
      throws CliException {
    Args a = new Args(command);
    boolean onlyPositional = false;
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i);
      if (onlyPositional || !s.startsWith("-") || s.equals("-") || isNumber(s)) {
        a.positional.add(s);
        continue;
      }
      if (s.equals("--")) {
        onlyPositional = true;
        continue;
      }
      String name = s;
      String inline = null;
      int eq = s.indexOf('=');
      if (s.startsWith("--") && eq > 0) {
        name = s.substring(0, eq);
        inline = s.substring(eq + 1);
      }
      if (valueOptions.contains(name)) {
        String v;
        if (inline != null) {
          v = inline;
        } else if (i + 1 < raw.size()) {
          v = raw.get(++i);
        } else {
          throw CliException.usage("option " + name + " of '" + command + "' needs a value");
        }
        List<String> before = a.values.get(name);
        if (before != null && !before.getLast().equals(v)) {
          // which one was meant? (the last one used to win without a word)
          throw CliException.usage("option " + name + " of '" + command + "' given twice: '"
              + before.getLast() + "' and '" + v + "'");
        }
        a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      } else if (flagOptions.contains(name) && inline == null) {
        a.flags.add(name);
      } else {
        throw CliException.usage("unknown option " + name + " for '" + command + "'");
      }
    }
    return a;
  }

  private static boolean isNumber(String s) {
    return s.length() > 1 && s.charAt(0) == '-' && Character.isDigit(s.charAt(1));
  }

  String command() {
    return command;
  }

  List<String> positional() {
    return positional;
  }

  /** The i-th positional argument, or a usage error naming what is missing. */
  String positional(int i, String what) throws CliException {
    if (i >= positional.size()) {
      throw CliException.usage("'" + command + "' needs " + what);
    }
    return positional.get(i);
  }

  boolean has(String flag) {
    return flags.contains(flag) || values.containsKey(flag);
  }

  String value(String option) {
    List<String> v = values.get(option);
    return v == null ? null : v.getLast();
  }

  String value(String option, String dflt) {
    String v = value(option);
    return v == null ? dflt : v;
  }

  List<String> values(String option) {
    return values.getOrDefault(option, List.of());
  }

  /** An integer option, or a usage error that names the option and the bad value. */
  long longValue(String option, long dflt) throws CliException {
    String v = value(option);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.decode(v);
    } catch (NumberFormatException e) {
      throw CliException.usage("option " + option + ": '" + v + "' is not a number");
    }
  }

  /** Rejects extra positional arguments beyond {@code max}. */
  void atMost(int max) throws CliException {
    if (positional.size() > max) {
      throw CliException.usage(
          "unexpected argument '" + positional.get(max) + "' for '" + command + "'");
    }
  }
}
