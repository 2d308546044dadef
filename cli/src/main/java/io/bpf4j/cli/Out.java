package io.bpf4j.cli;

import java.io.PrintStream;

/** Where a command writes: standard output and error, and whether JSON was asked for. */
record Out(PrintStream out, PrintStream err, boolean json, boolean color) {
  void println(String s) {
    out.println(s);
  }

  void printf(String fmt, Object... args) {
    out.printf(fmt, args);
  }
}
