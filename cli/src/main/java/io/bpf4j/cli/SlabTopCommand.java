package io.bpf4j.cli;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.SlabAllocator;
import io.bpf4j.slab.SlabConfig;
import io.bpf4j.slab.SlabInfo;
import io.bpf4j.slab.SlabTop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code bpf4j slab top}: live slabtop-style statistics of a running demo workload (threads
 * allocating and freeing in several caches, some objects freed on another thread).
 */
final class SlabTopCommand implements Command {
  private static final int[] SIZES = {32, 64, 96, 192, 256, 512, 1024, 4096};
  private static final String[] NAMES = {
      "bpf_htab_elem_32", "kmalloc-64", "bpf_lru_node", "sock_filter", "bpf_htab_elem_256",
      "ringbuf_rec_512", "kmalloc-1k", "bpf_array_4k"};

  @Override
  public String name() {
    return "slab top";
  }

  @Override
  public String summary() {
    return "live slabtop-style statistics of a demo slab workload";
  }

  @Override
  public String usage() {
    return "bpf4j slab top [--sort COLUMN] [--interval MS] [--iterations N] [--threads N]\n"
        + "  --sort COLUMN   active (default), objs, use, objsize, slabs, active-slabs,"
        + " objperslab, pages, size, name (or slabtop's letters a o u s l v b p c n)\n"
        + "  --interval MS   time between screens (default 1000)\n"
        + "  --iterations N  screens to show (default: until Ctrl-C on a terminal, else 3)\n"
        + "  --threads N     threads of the demo workload (default 2)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw,
        Set.of("--sort", "--interval", "--iterations", "--threads"), Set.of());
    args.atMost(0);
    SlabTop.Column column;
    try {
      column = SlabTop.Column.parse(args.value("--sort", "active"));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("option --sort: " + e.getMessage());
    }
    long interval = args.longValue("--interval", 1000);
    if (interval < 10 || interval > 3_600_000) {
      throw CliException.usage("option --interval: " + interval + " ms (must be 10..3600000)");
    }
    Ansi ansi = Ansi.forTerminal(out);
    long iterations = args.longValue("--iterations", ansi.on() ? Long.MAX_VALUE : 3);
    if (iterations < 1) {
      throw CliException.usage("option --iterations: " + iterations + " (must be >= 1)");
    }
    long threads = args.longValue("--threads", 2);
    if (threads < 1 || threads > 64) {
      throw CliException.usage("option --threads: " + threads + " (must be 1..64)");
    }
    SlabConfig cfg = SlabConfig.defaults().withReaperInterval(Duration.ofMillis(200))
        .withMemoryLimit(256L << 20);
    try (SlabAllocator slab = SlabAllocator.create(cfg)) {
      List<KmemCache> caches = new ArrayList<>();
      for (int i = 0; i < SIZES.length; i++) {
        caches.add(slab.createCache(NAMES[i], SIZES[i], 8, null));
      }
      Workload w = new Workload(caches, (int) threads);
      w.start();
      try {
        for (long i = 1; i <= iterations; i++) {
          sleep(interval);
          List<SlabInfo> rows = slab.slabInfo();
          if (out.json()) {
            out.println(json(i, rows, column));
          } else {
            out.out().print(ansi.clear());
            if (!ansi.on()) {
              out.println("--- " + i + " ---");
            }
            out.out().print(SlabTop.render(rows, column, 40));
            out.out().flush();
          }
        }
      } finally {
        w.stop();
      }
    }
    return 0;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String json(long i, List<SlabInfo> rows, SlabTop.Column column) {
    StringBuilder sb = new StringBuilder("{\"iteration\":" + i + ",\"caches\":[");
    List<SlabInfo> sorted = SlabTop.sort(rows, column);
    for (int k = 0; k < sorted.size(); k++) {
      SlabInfo r = sorted.get(k);
      sb.append(k == 0 ? "" : ",").append(String.format(
          "{\"name\":\"%s\",\"active_objs\":%d,\"num_objs\":%d,\"objsize\":%d,"
              + "\"objperslab\":%d,\"pagesperslab\":%d,\"active_slabs\":%d,\"num_slabs\":%d}",
          r.name(), r.activeObjs(), r.numObjs(), r.objSize(), r.objPerSlab(), r.pagesPerSlab(),
          r.activeSlabs(), r.numSlabs()));
    }
    return sb.append("]}").toString();
  }

  /**
   * Threads that keep a varying number of objects of each cache alive: the target of each
   * cache swings slowly, so slabs fill, drain and get reaped. Objects of even caches are freed
   * by the next thread, not the one that allocated them.
   */
  private static final class Workload {
    private final List<KmemCache> caches;
    private final List<Thread> threads = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<Long>> handOff = new ArrayList<>();
    private volatile boolean running = true;

    Workload(List<KmemCache> caches, int n) {
      this.caches = caches;
      for (int t = 0; t < n; t++) {
        handOff.add(new ConcurrentLinkedQueue<>());
      }
      for (int t = 0; t < n; t++) {
        int me = t;
        threads.add(Thread.ofPlatform().daemon().name("slab-top-" + t).unstarted(() -> loop(me)));
      }
    }

    void start() {
      threads.forEach(Thread::start);
    }

    void stop() {
      running = false;
      for (Thread t : threads) {
        try {
          t.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void loop(int me) {
      SplittableRandom rnd = new SplittableRandom(me);
      List<ArrayDeque<Long>> live = new ArrayList<>();
      caches.forEach(c -> live.add(new ArrayDeque<>()));
      ConcurrentLinkedQueue<Long> mine = handOff.get(me);
      ConcurrentLinkedQueue<Long> next = handOff.get((me + 1) % handOff.size());
      long start = System.nanoTime();
      while (running) {
        double t = (System.nanoTime() - start) / 1e9;
        for (int k = 0; k < caches.size(); k++) {
          KmemCache c = caches.get(k);
          int target = (int) ((1 + Math.sin(t / (2 + k) + k)) * 20_000 / (k + 1));
          ArrayDeque<Long> l = live.get(k);
          for (int i = 0; i < 64; i++) {
            if (l.size() < target && rnd.nextInt(4) != 0) {
              long p = c.alloc();
              if (p != 0) {
                l.add(p);
              }
            } else if (!l.isEmpty()) {
              long p = rnd.nextBoolean() ? l.pollFirst() : l.pollLast();
              if (k % 2 == 0 && handOff.size() > 1) {
                next.add(p | k);
              } else {
                c.free(p);
              }
            }
          }
        }
        for (Long p = mine.poll(); p != null; p = mine.poll()) {
          caches.get((int) (p & 7)).free(p & ~7L);
        }
        Thread.onSpinWait();
      }
      for (int k = 0; k < caches.size(); k++) {
        for (long p : live.get(k)) {
          caches.get(k).free(p);
        }
      }
    }
  }
}
