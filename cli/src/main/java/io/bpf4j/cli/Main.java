package io.bpf4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code bpf4j} command. Global options come before the command: {@code -j} (JSON
 * output), {@code --no-color}. Every failure is one line on standard error and exit code 1
 * (the work failed) or 2 (bad usage); a Java stack trace is shown only with
 * {@code BPF4J_DEBUG=1}.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs the command line; returns the exit code. Used by tests. */
  public static int run(String[] argv, PrintStream stdout, PrintStream stderr) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    boolean json = false;
    // Console.isTerminal: since JDK 22 System.console() exists even when output is redirected
    boolean color = System.console() != null && System.console().isTerminal()
        && System.getenv("NO_COLOR") == null;
    // global options, before or after the command words
    for (var it = args.iterator(); it.hasNext(); ) {
      String a = it.next();
      if (a.equals("-j") || a.equals("--json")) {
        json = true;
        it.remove();
      } else if (a.equals("--no-color")) {
        color = false;
        it.remove();
      } else if (a.equals("--")) {
        break;
      }
    }
    Out out = new Out(stdout, stderr, json, color);
    if (args.isEmpty() || args.getFirst().equals("help") || args.getFirst().equals("--help")
        || args.getFirst().equals("-h")) {
      if (args.size() > 1) {
        Command c = find(args.subList(1, args.size()));
        if (c != null) {
          stdout.println("usage: " + c.usage());
          return 0;
        }
      }
      stdout.print(help());
      return args.isEmpty() ? 2 : 0;
    }
    Command c = find(args);
    if (c == null) {
      stderr.println("bpf4j: unknown command '" + String.join(" ", args.subList(0, Math.min(2, args.size())))
          + "'; 'bpf4j help' lists the commands");
      return 2;
    }
    List<String> rest = args.subList(c.name().split(" ").length, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      stdout.println("usage: " + c.usage());
      return 0;
    }
    try {
      return c.run(List.copyOf(rest), out);
    } catch (CliException e) {
      stderr.println("bpf4j " + c.name() + ": " + oneLine(e.getMessage()));
      if (e.detail() != null) {
        e.detail().lines().forEach(l -> stderr.println(oneLine(l)));
      }
      if (e.exitCode() == 2) {
        stderr.println("usage: " + c.usage());
      }
      return e.exitCode();
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      stderr.println("bpf4j " + c.name() + ": internal error: " + oneLine(String.valueOf(e))
          + " (this is a bug in bpf4j; BPF4J_DEBUG=1 shows the stack trace)");
      if ("1".equals(System.getenv("BPF4J_DEBUG"))) {
        e.printStackTrace(stderr);
      }
      return 1;
    }
  }

  /**
   * The message with control characters (a newline in a section or symbol name read from a
   * broken object) written as {@code \n}, {@code \xNN}: an error stays one line.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char ch = message.charAt(i);
      if (ch == '\n') {
        sb.append("\\n");
      } else if (ch < 0x20 || ch == 0x7f) {
        sb.append(String.format("\\x%02x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static Command find(List<String> words) {
    Command best = null;
    int bestLen = 0;
    for (Command c : Commands.all()) {
      String[] name = c.name().split(" ");
      if (name.length <= words.size() && name.length > bestLen) {
        boolean match = true;
        for (int i = 0; i < name.length; i++) {
          if (!name[i].equals(words.get(i))) {
            match = false;
            break;
          }
        }
        if (match) {
          best = c;
          bestLen = name.length;
        }
      }
    }
    return best;
  }

  static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: bpf4j [-j] COMMAND [ARGS]\n\n");
    sb.append("bpf4j is the eBPF system in Java: load, verify, run and inspect eBPF programs.\n\n");
    sb.append("commands:\n");
    for (Command c : Commands.all()) {
      sb.append(String.format("  %-22s %s%n", c.name(), c.summary()));
    }
    sb.append("\n'bpf4j help COMMAND' shows a command's options; -j prints JSON.\n");
    return sb.toString();
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
