package io.bpf4j.cli;

import io.bpf4j.kernel.TracePipe;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bpf4j prog tracelog [--backend kernel] [--duration S]}: prints the kernel's trace
 * pipe ({@code bpf_trace_printk} output of every program) as {@code bpftool prog tracelog}
 * does, until the duration ends or Ctrl-C. Reading consumes the lines. With {@code -j} each
 * line is printed as one JSON string. The JVM backend's trace pipe belongs to the process that
 * runs its programs: {@code prog run} prints its lines, {@code io.bpf4j.helpers.TracePipe} is
 * the Java API; {@code --backend jvm} here is a usage error that says so.
 */
final class ProgTracelogCommand implements Command {
  @Override
  public String name() {
    return "prog tracelog";
  }

  @Override
  public String summary() {
    return "print the kernel's trace pipe, bpf_trace_printk output (bpftool prog tracelog)";
  }

  @Override
  public String usage() {
    return "bpf4j [-j] prog tracelog [--backend kernel] [--duration SECONDS]\n"
        + "  --duration S    stop after S seconds (default: until Ctrl-C)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--backend", "--duration"), Set.of());
    a.atMost(0);
    String b = a.value("--backend");
    if ("jvm".equals(b)) {
      throw CliException.usage("--backend jvm: the JVM backend's trace pipe lives in the process"
          + " that runs the programs ('prog run' prints its lines; the Java API is"
          + " io.bpf4j.helpers.TracePipe), so a fresh 'prog tracelog' has none to read"
          + " (use --backend kernel)");
    }
    KernelCli.kernelOnly(a, name(), "trace pipe");
    long duration = a.longValue("--duration", 0);
    if (duration < 0) {
      throw CliException.usage("--duration " + duration + " (must be 0 or more seconds)");
    }
    KernelProgRun.requireKernel();
    return KernelCli.kernel(() -> {
      AtomicBoolean stop = new AtomicBoolean();
      Thread hook = new Thread(() -> stop.set(true));
      Runtime.getRuntime().addShutdownHook(hook);
      try (TracePipe pipe = TracePipe.open()) {
        long end = duration > 0 ? System.nanoTime() + duration * 1_000_000_000L : Long.MAX_VALUE;
        while (!stop.get() && System.nanoTime() < end) {
          if (pipe.poll(l -> out.println(out.json() ? Json.quote(l) : l)) == 0) {
            out.out().flush();
            Thread.sleep(50);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running
        }
      }
      return 0;
    });
  }
}
