package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive simulator in a real terminal: {@code bpf4j slab} (this build's classes, the
 * launcher's Java options) runs in a detached tmux session (on a tmux server of its own), keys are typed with {@code send-keys}
 * and the screen is read with {@code capture-pane}.
 */
class SlabTmuxTest {
  private final String socket = "bpf4j-slab-test-" + ProcessHandle.current().pid();
  private Path root;

  @BeforeEach
  void needTmux() throws Exception {
    Assumptions.assumeTrue(onPath("tmux"), "tmux is not installed (apt-get install tmux)");
    String r = System.getProperty("bpf4j.root");
    Assumptions.assumeTrue(r != null, "system property bpf4j.root (the repository) is not set");
    root = Path.of(r);
    assertTrue(Files.isExecutable(root.resolve("bpf4j")), "no ./bpf4j in " + root);
  }

  @AfterEach
  void killServer() throws Exception {
    tmux("kill-server");
  }

  @Test
  void menuInARealTerminal() throws Exception {
    // The classes under test, not ./bpf4j: the launcher would start a second Maven build of
    // this tree while this one is still running its tests.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "cd '" + root + "' && env -u NO_COLOR '" + java + "' --enable-native-access=ALL-UNNAMED"
        + " -cp '" + System.getProperty("java.class.path") + "' io.bpf4j.cli.Main slab;"
        + " echo EXITED $?; sleep 60";
    assertEquals(0, tmux("new-session", "-d", "-s", "sim", "-x", "160", "-y", "50", cmd));
    waitFor("choice> ", 1, 60);
    assertTrue(screen(true).contains("\033["), "colours on a terminal");
    answer("1", "object size in bytes: ", 1);
    answer("64", "name (Enter: cache-SIZE): ", 1);
    answer("", "created cache 1 cache-64", 1);
    answer("2", "cache (name or number): ", 1);
    answer("1", "how many (Enter: 1): ", 1);
    answer("", "#1 = 0x", 1);
    for (int i = 1; i <= 2; i++) {
      answer("3", "object (#handle", i);
      answer("#1", "to cache (Enter", i);
      answer("", i == 1 ? "freed #1 = 0x" : "error: double free: 0x", 1);
    }
    waitFor("choice> ", 5, 20);
    type("abc");
    waitFor("unknown action 'abc'", 1, 20);
    answer("1", "object size in bytes: ", 2);
    answer("xyz", "object size: 'xyz' is not a number", 1);
    answer("4", "cache (Enter: all): ", 1);
    answer("", "slabs:   1 = 0 full + 0 partial + 1 empty", 1);
    answer("6", "last error: double free", 1);
    answer("0", "EXITED 0", 1);
    String s = screen(false);
    assertTrue(s.contains("bye"), s);
  }

  /** Types {@code text} and Enter, then waits for the {@code n}-th {@code expect} on the screen. */
  private void answer(String text, String expect, int n) throws Exception {
    type(text);
    waitFor(expect, n, 20);
  }

  private void type(String text) throws Exception {
    if (!text.isEmpty()) {
      tmux("send-keys", "-t", "sim", "-l", text);
    }
    tmux("send-keys", "-t", "sim", "Enter");
  }

  /**
   * Waits until {@code text} is on the screen {@code times} times (tmux drops the spaces that
   * end a line, so they are not looked for).
   */
  private void waitFor(String text, int times, int seconds) throws Exception {
    text = text.stripTrailing();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String s = "";
    while (System.nanoTime() < end) {
      s = screen(false);
      if (s.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
        return;
      }
      Thread.sleep(100);
    }
    fail("'" + text + "' did not appear " + times + " time(s) within " + seconds + " s; the screen:\n" + s);
  }

  private String screen(boolean escapes) throws Exception {
    List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-S", "-500", "-t", "sim"));
    if (escapes) {
      args.add("-e");
    }
    Process p = command(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private int tmux(String... args) throws Exception {
    Process p = command(List.of(args)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux " + String.join(" ", args) + " hangs");
    return p.exitValue();
  }

  private ProcessBuilder command(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(args);
    return new ProcessBuilder(cmd);
  }

  private static boolean onPath(String exe) throws IOException {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
