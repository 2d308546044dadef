package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's own paths: help, version, unknown commands and options, JSON. */
class MainTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryCommand() {
    Result r = run("help");
    assertEquals(0, r.code());
    for (Command c : Commands.all()) {
      assertTrue(r.out().contains("  " + c.name() + " "), c.name() + " missing from:\n" + r.out());
    }
  }

  @Test
  void noArgumentsIsUsageWithExitTwo() {
    Result r = run();
    assertEquals(2, r.code());
    assertTrue(r.out().startsWith("usage: bpf4j"), r.out());
  }

  @Test
  void helpOfOneCommandShowsItsUsage() {
    Result r = run("help", "prog", "run");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("usage: bpf4j prog run OBJ"), r.out());
  }

  @Test
  void versionInTextAndJson() {
    Result r = run("version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("bpf4j " + Main.version() + " (Java "), r.out());
    Result j = run("-j", "version");
    assertTrue(j.out().startsWith("{\"version\":\"" + Main.version() + "\",\"java\":\""), j.out());
  }

  @Test
  void unknownCommandIsOneLineAndExitTwo() {
    Result r = run("frobnicate");
    assertEquals(2, r.code());
    assertEquals("bpf4j: unknown command 'frobnicate'; 'bpf4j help' lists the commands\n", r.err());
  }

  @Test
  void unknownOptionNamesItAndShowsUsage() {
    Result r = run("version", "--bogus");
    assertEquals(2, r.code());
    assertEquals("bpf4j version: unknown option --bogus for 'version'\nusage: bpf4j version [-j]\n",
        r.err());
  }

  @Test
  void extraArgumentIsAUsageError() {
    Result r = run("version", "extra");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("bpf4j version: unexpected argument 'extra' for 'version'"), r.err());
  }
}
