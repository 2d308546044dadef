package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.kernel.KernelAvailable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** "Trace every open()": bpf4j prog attach prints, live, the files this test opens. */
class ProgAttachCommandTest {
  @Test
  void tracesTheFilesThisTestOpens() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Path obj = Path.of(System.getProperty("bpf4j.root", "..")).resolve("kernel/src/test/bpf/trace_open.o");
    Assumptions.assumeTrue(Files.exists(obj), "no fixture " + obj);
    Path probe = Files.createTempFile("bpf4j-opened-", ".txt");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    try {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(
          new String[] {"prog", "attach", obj.toString(), "--prog", "trace_openat", "--duration", "3"},
          out, new PrintStream(e, true, StandardCharsets.UTF_8)));
      long end = System.nanoTime() + 2_500_000_000L;
      while (System.nanoTime() < end && !o.toString(StandardCharsets.UTF_8).contains(probe.toString())) {
        Files.readAllBytes(probe); // openat(2) of our file
        Thread.sleep(50);
      }
      assertEquals(0, run.get(20, TimeUnit.SECONDS), e.toString(StandardCharsets.UTF_8));
      String text = o.toString(StandardCharsets.UTF_8);
      String line = text.lines().filter(l -> l.contains(probe.toString())).findFirst().orElse("");
      assertTrue(line.startsWith("events: " + ProcessHandle.current().pid() + " \""), text);
      assertTrue(line.endsWith("\"" + probe + "\""), line);
      assertTrue(text.contains("map opens:\n  key: 00 00 00 00  value: "), text);
      assertTrue(e.toString(StandardCharsets.UTF_8).contains(
          "trace_openat attached: tracepoint syscalls/sys_enter_openat for 3 s"), e.toString(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  @Test
  void streamsTracePrintkLines() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Path obj = Path.of(System.getProperty("bpf4j.root", "..")).resolve("kernel/src/test/bpf/trace_printk.o");
    Assumptions.assumeTrue(Files.exists(obj), "no fixture " + obj);
    Path probe = Files.createTempFile("bpf4j-printk-", ".txt");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    try {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(
          new String[] {"prog", "attach", obj.toString(), "--prog", "hello", "--duration", "2"},
          out, new PrintStream(e, true, StandardCharsets.UTF_8)));
      long end = System.nanoTime() + 1_800_000_000L;
      while (System.nanoTime() < end && !o.toString(StandardCharsets.UTF_8).contains("bpf4j-hello 42")) {
        Files.readAllBytes(probe); // openat(2): the program prints
        Thread.sleep(50);
      }
      assertEquals(0, run.get(20, TimeUnit.SECONDS), e.toString(StandardCharsets.UTF_8));
      String line = o.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("bpf4j-hello 42")).findFirst().orElse("");
      assertTrue(line.startsWith("trace_printk: "), o.toString(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  @Test
  void attachesATpBtfProgram() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Path obj = Path.of(System.getProperty("bpf4j.root", "..")).resolve("core/src/test/bpf/tp_btf/sys_enter_ok.o");
    Assumptions.assumeTrue(Files.exists(obj), "no fixture " + obj);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"prog", "attach", obj.toString(), "--prog", "sys_enter_ok",
        "--duration", "1"}, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    assertTrue(e.toString(StandardCharsets.UTF_8).contains(
        "sys_enter_ok attached: tp_btf sys_enter for 1 s"), e.toString(StandardCharsets.UTF_8));
    // .bss: calls, then last_id; a second of a running JVM makes system calls
    String text = o.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("map sys_ente.bss:\n  key: 00 00 00 00  value: "), text);
    assertTrue(!text.contains("value: 00 00 00 00 00 00 00 00 "), "no call counted: " + text);
  }

  @Test
  void anUnknownTracepointIsOneLine() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Path obj = Path.of(System.getProperty("bpf4j.root", "..")).resolve("core/src/test/bpf/tp_btf/sw_nosuch.o");
    Assumptions.assumeTrue(Files.exists(obj), "no fixture " + obj);
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"prog", "attach", obj.toString(), "--prog", "sw_nosuch",
        "--duration", "1"}, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertEquals("bpf4j prog attach: sw_nosuch: program 'sw_nosuch' (tp_btf/nosuch): no"
        + " tracepoint 'nosuch' in the kernel's BTF (no typedef btf_trace_nosuch)",
        e.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void unknownProgramIsOneLine() throws Exception {
    Path obj = Path.of(System.getProperty("bpf4j.root", "..")).resolve("kernel/src/test/bpf/trace_open.o");
    Assumptions.assumeTrue(Files.exists(obj), "no fixture " + obj);
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"prog", "attach", obj.toString(), "--prog", "nope"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(e, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertEquals("bpf4j prog attach: no program 'nope' in trace_open (have trace_openat)\n",
        e.toString(StandardCharsets.UTF_8));
  }
}
