package io.bpf4j.cli;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.SlabError;
import io.bpf4j.slab.SlabStats;

/** What the simulator prints for 'status' and 'error'. */
final class SlabStatusView {
  private final SlabSimulator sim;

  SlabStatusView(SlabSimulator sim) {
    this.sim = sim;
  }

  /** The status of one cache, or of all with totals when {@code only} is null. */
  void status(KmemCache only) {
    Ansi a = sim.ansi;
    if (only != null) {
      cache(sim.caches.indexOf(only) + 1, only);
      return;
    }
    if (sim.caches.isEmpty()) {
      sim.out.println("no cache yet: create one (for example: create 64)");
      return;
    }
    long memory = 0;
    long inUse = 0;
    long wasted = 0;
    long slabs = 0;
    for (int i = 0; i < sim.caches.size(); i++) {
      SlabStats s = cache(i + 1, sim.caches.get(i));
      memory += s.memoryBytes();
      inUse += s.inUseBytes();
      wasted += s.wastedBytes();
      slabs += s.info().numSlabs();
    }
    sim.out.printf("%s %d cache(s), %d slab(s), %s of slab memory: %s in use, %s wasted;"
            + " %s reserved in 1 MiB chunks, %d page(s) of them free%n", a.bold("all:"),
        sim.caches.size(), slabs, bytes(memory), a.green(bytes(inUse)), a.yellow(bytes(wasted)),
        bytes(sim.slab.reservedBytes()), sim.slab.freePages());
  }

  private SlabStats cache(int number, KmemCache c) {
    Ansi a = sim.ansi;
    SlabStats s = c.stats();
    var info = s.info();
    sim.out.printf("%s %s: objects of %d bytes, %d bytes each in the slab, %d per slab of %d"
            + " page(s)%n", a.bold(number + "."), a.cyan(c.name()), s.objectSize(),
        info.objSize(), info.objPerSlab(), info.pagesPerSlab());
    sim.out.printf("   objects: %s allocated, %s free%s (%d in all)%n",
        a.green(s.inUse() + ""), s.free(), s.cached() > 0 ? ", " + s.cached()
            + " cached in magazines" : "", s.objects());
    sim.out.printf("   slabs:   %d = %d full + %d partial + %d empty%n", info.numSlabs(),
        s.fullSlabs(), s.partialSlabs(), s.emptySlabs());
    String pct = s.memoryBytes() == 0 ? "" : String.format(" (%.1f%%)",
        s.wastedBytes() * 100.0 / s.memoryBytes());
    sim.out.printf("   memory:  %s = %s used by objects + %s free + %s wasted%s%s%n",
        bytes(s.memoryBytes()), a.green(bytes(s.inUseBytes())),
        bytes(s.freeBytes() + s.cachedBytes()), a.yellow(bytes(s.wastedBytes())), pct,
        s.cached() > 0 ? " (free includes the magazines)" : "");
    return s;
  }

  /** The last error with what went wrong and why it matters. */
  void lastError() {
    SlabError e = sim.slab.lastError();
    if (e == null) {
      sim.out.println("no error so far: try freeing an object twice");
      return;
    }
    sim.out.println(sim.ansi.red("last error: " + e.kind().title()));
    sim.out.println("  what happened:  " + e.message());
    sim.out.println("  why it matters: " + e.kind().whyItMatters() + ".");
    sim.out.println("  errors so far:  " + sim.slab.errorCount());
  }

  static String bytes(long b) {
    return b + " B";
  }
}
