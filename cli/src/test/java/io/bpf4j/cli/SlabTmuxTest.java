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
 * The interactive simulator in a real terminal: the built {@code ./bpf4j slab} runs in a
 * detached tmux session (on a tmux server of its own), keys are typed with {@code send-keys}
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
    // the first run of ./bpf4j may build the tool
    String cmd = "cd '" + root + "' && env -u NO_COLOR ./bpf4j slab; echo EXITED $?; sleep 60";
    assertEquals(0, tmux("new-session", "-d", "-s", "sim", "-x", "160", "-y", "50", cmd));
    waitFor("choice> ", 240);
    assertTrue(screen(true).contains("\033["), "colours on a terminal");
    type("1");
    waitFor("object size in bytes: ", 20);
    type("64");
    waitFor("name (Enter: cache-SIZE): ", 20);
    type("");
    waitFor("created cache 1 cache-64", 20);
    type("2");
    waitFor("cache (name or number): ", 20);
    type("1");
    waitFor("how many (Enter: 1): ", 20);
    type("");
    waitFor("#1 = 0x", 20);
    for (int i = 0; i < 2; i++) {
      type("3");
      waitFor(i == 0 ? "object (#handle" : "freed #1", 20);
      type("#1");
      type("");
    }
    waitFor("error: double free: 0x", 20);
    type("abc");
    waitFor("unknown action 'abc'", 20);
    type("1");
    type("xyz");
    waitFor("object size: 'xyz' is not a number", 20);
    type("4");
    type("");
    waitFor("slabs:   1 = 0 full + 0 partial + 1 empty", 20);
    type("6");
    waitFor("last error: double free", 20);
    type("0");
    waitFor("EXITED 0", 20);
    String s = screen(false);
    assertTrue(s.contains("bye"), s);
  }

  private void type(String text) throws Exception {
    if (!text.isEmpty()) {
      tmux("send-keys", "-t", "sim", "-l", text);
    }
    tmux("send-keys", "-t", "sim", "Enter");
  }

  /** Waits for {@code text} on the screen (tmux drops the spaces that end a line). */
  private void waitFor(String text, int seconds) throws Exception {
    text = text.stripTrailing();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String s = "";
    while (System.nanoTime() < end) {
      s = screen(false);
      if (s.contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    fail("'" + text + "' did not appear within " + seconds + " s; the screen:\n" + s);
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
