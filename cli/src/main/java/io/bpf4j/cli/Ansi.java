package io.bpf4j.cli;

/** ANSI colours, or nothing when colour is off (not a terminal, NO_COLOR, --no-color). */
record Ansi(boolean on) {
  /** Colour only for a terminal on both ends, with NO_COLOR unset and no --no-color. */
  static Ansi forTerminal(Out out) {
    java.io.Console c = System.console();
    return new Ansi(out.color() && c != null && c.isTerminal() && System.getenv("NO_COLOR") == null);
  }

  String red(String s) {
    return wrap("31", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String cyan(String s) {
    return wrap("36", s);
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  /** Clears the screen and moves home, on a terminal. */
  String clear() {
    return on ? "\033[H\033[2J" : "";
  }

  private String wrap(String code, String s) {
    return on ? "\033[" + code + "m" + s + "\033[0m" : s;
  }
}
