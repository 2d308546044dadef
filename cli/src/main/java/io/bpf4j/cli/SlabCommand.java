package io.bpf4j.cli;

import io.bpf4j.slab.SlabAllocator;
import io.bpf4j.slab.SlabConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code bpf4j slab}: the interactive slab simulator over the real allocator. */
final class SlabCommand implements Command {
  @Override
  public String name() {
    return "slab";
  }

  @Override
  public String summary() {
    return "slab allocator simulator: create caches, allocate, free, watch, make mistakes";
  }

  @Override
  public String usage() {
    return "bpf4j slab [--script FILE] [--fast] [--limit MIB] [--seed N]\n"
        + "  --script FILE  run the commands of FILE ('-' for standard input), no menu\n"
        + "  --fast         magazines and no debug checks (errors found late or not at all)\n"
        + "  --limit MIB    native memory the simulator may take (default 64)\n"
        + "  --seed N       seed of the random operations (default 1)\n"
        + "See docs/slab.md; 'bpf4j slab top' shows a live workload.";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--script", "--limit", "--seed"), Set.of("--fast"));
    args.atMost(0);
    long limit = args.longValue("--limit", 64);
    if (limit < 1 || limit > 65536) {
      throw CliException.usage("option --limit: " + limit + " MiB (must be 1..65536)");
    }
    long seed = args.longValue("--seed", 1);
    String script = args.value("--script");
    SlabConfig cfg = SlabConfig.defaults().withDebug(!args.has("--fast"))
        .withReaperInterval(Duration.ZERO).withMemoryLimit(limit << 20);
    boolean interactive = script == null && System.console() != null
        && System.console().isTerminal();
    BufferedReader in;
    String source;
    try {
      if (script == null || script.equals("-")) {
        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        source = "stdin";
      } else {
        in = Files.newBufferedReader(Path.of(script), StandardCharsets.UTF_8);
        source = script;
      }
    } catch (NoSuchFileException e) {
      throw CliException.failure("script " + script + ": no such file");
    } catch (IOException e) {
      throw CliException.failure("script " + script + ": " + e.getMessage());
    }
    try (SlabAllocator slab = SlabAllocator.create(cfg)) {
      SlabSimulator sim = new SlabSimulator(slab, out.out(), Ansi.forTerminal(out), interactive,
          source, seed);
      int bad = sim.run(in);
      return interactive || bad == 0 ? 0 : 1;
    } catch (IOException e) {
      throw CliException.failure("reading " + source + ": " + e.getMessage());
    }
  }
}
