package io.bpf4j.cli;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.SlabAllocator;
import io.bpf4j.slab.SlabError;
import io.bpf4j.slab.SlabException;
import io.bpf4j.vm.Memory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The session of {@code bpf4j slab}: reads actions (a menu number whose parameters are then
 * asked for, or a command line such as {@code alloc cache-64 3}) and drives a real {@link
 * SlabAllocator}. Bad input gets one line and the menu again; the allocator's errors are
 * printed with their explanation.
 */
final class SlabSimulator {
  /** Thrown for bad input: one line for the user, then the menu again. */
  static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }

  /** Thrown when the input ends in the middle of a question. */
  private static final class EndOfInput extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** An object the user allocated, known by its handle. */
  record Obj(int handle, KmemCache cache, long addr, boolean freed) {}

  static final String[][] MENU = {
      {"1", "create", "create a cache for an object size", "create SIZE [NAME] [ALIGN]"},
      {"2", "alloc", "allocate objects from a cache", "alloc CACHE [COUNT]"},
      {"3", "free", "free an object by handle or address", "free #H|#H+OFF|0xADDR [CACHE]"},
      {"4", "status", "status of a cache or of all", "status [CACHE]"},
      {"5", "run", "run N random operations", "run N"},
      {"6", "error", "show the last error, explained", "error"},
      {"7", "write", "write a byte into an object (make a bug)", "write #HANDLE OFFSET [BYTE]"},
      {"8", "slabinfo", "print /proc/slabinfo", "slabinfo"},
      {"0", "exit", "leave the simulator", "exit"}};

  final SlabAllocator slab;
  final PrintStream out;
  final Ansi ansi;
  private final boolean interactive;
  private final String source;
  private final Random random;
  final List<KmemCache> caches = new ArrayList<>();
  final Map<Integer, Obj> objects = new LinkedHashMap<>();
  /** Objects of the random workload ('run'), which has no handles. */
  private final List<Obj> randomLive = new ArrayList<>();
  private int nextHandle = 1;
  private long errorsSeen;
  private BufferedReader in;
  private int lineNo;
  private final SlabStatusView view;

  SlabSimulator(SlabAllocator slab, PrintStream out, Ansi ansi, boolean interactive,
      String source, long seed) {
    this.slab = slab;
    this.out = out;
    this.ansi = ansi;
    this.interactive = interactive;
    this.source = source;
    this.random = new Random(seed);
    this.view = new SlabStatusView(this);
  }

  /** Runs until exit or the end of the input; returns how many inputs were bad. */
  int run(BufferedReader input) throws IOException {
    this.in = input;
    int bad = 0;
    if (interactive) {
      out.println(ansi.bold("bpf4j slab simulator") + " — a real slab allocator, "
          + (slab.config().debug() ? "debug mode (every mistake is caught)" : "fast mode"));
    }
    while (true) {
      if (interactive) {
        menu();
        out.print(ansi.bold("choice> "));
        out.flush();
      }
      String line = in.readLine();
      lineNo++;
      if (line == null) {
        if (interactive) {
          out.println();
          out.println("bye");
        }
        return bad;
      }
      line = line.replaceFirst("\\s+#(\\s.*)?$", "").strip(); // "free #1  # comment"
      if (line.isEmpty() || (!interactive && line.startsWith("#"))) { // a script's comment
        continue;
      }
      if (!interactive) {
        out.println(ansi.dim("> " + line));
      }
      try {
        if (!act(line)) {
          if (interactive) {
            out.println("bye");
          }
          return bad;
        }
      } catch (BadInput e) {
        bad++;
        out.println(ansi.red((interactive ? "" : source + ":" + lineNo + ": ") + e.getMessage()));
      } catch (EndOfInput e) {
        if (interactive) {
          out.println();
          out.println("bye");
        }
        return bad;
      }
      reportNewErrors();
    }
  }

  private void menu() {
    out.println();
    for (String[] m : MENU) {
      out.printf("  %s  %-9s %-42s %s%n", ansi.bold(m[0]), m[1], m[2], ansi.dim(m[3]));
    }
  }

  /** Performs one action; false for exit. */
  private boolean act(String line) throws BadInput, EndOfInput {
    List<String> w = new ArrayList<>(Arrays.asList(line.split("\\s+")));
    String verb = w.removeFirst().toLowerCase();
    for (String[] m : MENU) {
      if (verb.equals(m[0])) {
        verb = m[1];
        if (!w.isEmpty()) {
          break;
        }
        w = ask(verb);
        break;
      }
    }
    switch (verb) {
      case "create" -> create(w);
      case "alloc" -> alloc(w);
      case "free" -> free(w);
      case "status" -> view.status(w.isEmpty() ? null : cache(w.getFirst()));
      case "run" -> runRandom(w);
      case "error" -> view.lastError();
      case "write" -> write(w);
      case "slabinfo" -> out.print(slab.slabinfo());
      case "exit", "quit", "q" -> {
        return false;
      }
      case "help", "?" -> menu();
      default -> throw new BadInput("unknown action '" + verb
          + "': type a number from the menu (0-8) or a command such as 'alloc cache-64'");
    }
    return true;
  }

  /** Asks the parameters of a menu action, one question each. */
  private List<String> ask(String verb) throws EndOfInput, BadInput {
    List<String> w = new ArrayList<>();
    switch (verb) {
      case "create" -> {
        w.add(numberQuestion("object size in bytes"));
        String n = question("name (Enter: cache-SIZE)");
        if (!n.isEmpty()) {
          w.add(n);
        }
      }
      case "alloc" -> {
        w.add(question("cache (name or number)"));
        String n = question("how many (Enter: 1)");
        number(n.isEmpty() ? "1" : n, "count");
        if (!n.isEmpty()) {
          w.add(n);
        }
      }
      case "free" -> {
        w.add(question("object (#handle, #handle+offset or 0xaddress)"));
        String c = question("to cache (Enter: the object's own)");
        if (!c.isEmpty()) {
          w.add(c);
        }
      }
      case "status" -> {
        String c = question("cache (Enter: all)");
        if (!c.isEmpty()) {
          w.add(c);
        }
      }
      case "run" -> w.add(numberQuestion("how many random operations"));
      case "write" -> {
        w.add(question("object (#handle)"));
        w.add(numberQuestion("offset in the object (may be negative or past its end)"));
        String b = question("byte value (Enter: 0)");
        if (!b.isEmpty()) {
          w.add(b);
        }
      }
      default -> { }
    }
    w.removeIf(String::isEmpty);
    return w;
  }

  /** A question whose answer must be a number, checked at once. */
  private String numberQuestion(String q) throws EndOfInput, BadInput {
    String a = question(q);
    number(a, q.replaceFirst(" \\(.*", "").replaceFirst(" in bytes", ""));
    return a;
  }

  private String question(String q) throws EndOfInput {
    if (interactive) {
      out.print("  " + q + ": ");
      out.flush();
    }
    try {
      String s = in.readLine();
      lineNo++;
      if (s == null) {
        throw new EndOfInput();
      }
      return s.strip();
    } catch (IOException e) {
      throw new EndOfInput();
    }
  }

  private void create(List<String> w) throws BadInput {
    need(w, 1, "create needs an object size: create SIZE [NAME] [ALIGN]");
    long size = number(w.get(0), "object size");
    if (size <= 0) {
      throw new BadInput("object size " + size + ": an object needs at least 1 byte");
    }
    if (size > 131072) {
      throw new BadInput("object size " + size + ": at most 131072 bytes (128 KiB)");
    }
    String name = w.size() > 1 ? w.get(1) : "cache-" + size;
    long align = w.size() > 2 ? number(w.get(2), "alignment") : 8;
    if (name.matches("\\d+") || name.startsWith("#") || name.startsWith("0x")) {
      throw new BadInput("cache name '" + name + "': use a name that is not a number");
    }
    if (slab.cache(name) != null) {
      throw new BadInput("cache '" + name + "' exists already: give another name");
    }
    try {
      KmemCache c = slab.createCache(name, (int) size, (int) align, null);
      caches.add(c);
      var info = c.info();
      out.printf("created cache %d %s: objects of %d bytes take %d bytes each, %d per slab"
              + " of %d page(s)%n", caches.size(), ansi.cyan(name), size, info.objSize(),
          info.objPerSlab(), info.pagesPerSlab());
    } catch (IllegalArgumentException e) {
      throw new BadInput(e.getMessage());
    }
  }

  private void alloc(List<String> w) throws BadInput {
    need(w, 1, "alloc needs a cache: alloc CACHE [COUNT]");
    KmemCache c = cache(w.get(0));
    long n = w.size() > 1 ? number(w.get(1), "count") : 1;
    if (n < 1 || n > 1_000_000) {
      throw new BadInput("count " + n + ": between 1 and 1000000");
    }
    for (long i = 0; i < n; i++) {
      long p = c.alloc();
      if (p == 0) {
        out.println(ansi.yellow("out of memory: the simulator's limit of "
            + (slab.config().memoryLimit() >> 20) + " MiB is reached (allocated " + i + ")"));
        return;
      }
      Obj o = new Obj(nextHandle++, c, p, false);
      objects.put(o.handle(), o);
      if (n <= 10) {
        out.printf("%s = 0x%x from %s%n", ansi.green("#" + o.handle()), p, c.name());
      }
    }
    if (n > 10) {
      out.printf("allocated #%d..#%d from %s%n", nextHandle - n, nextHandle - 1, c.name());
    }
  }

  private void free(List<String> w) throws BadInput {
    need(w, 1, "free needs an object: free #HANDLE or free 0xADDRESS [CACHE]");
    String what = w.get(0);
    Obj o = null;
    long addr;
    if (what.matches("#\\d+[+-]\\d+")) { // #3+8: a pointer computed from an object's
      int sign = Math.max(what.indexOf('+'), what.indexOf('-'));
      Obj base = handle(what.substring(0, sign));
      addr = base.addr() + number(what.substring(sign), "offset");
    } else if (what.startsWith("#") || what.matches("\\d+")) {
      o = handle(what);
      addr = o.addr();
    } else {
      addr = address(what);
      for (Obj k : objects.values()) {
        if (k.addr() == addr && !k.freed()) {
          o = k;
        }
      }
    }
    KmemCache to;
    if (w.size() > 1) {
      to = cache(w.get(1));
    } else if (o != null) {
      to = o.cache();
    } else {
      to = ownerOrFirst(addr);
    }
    try {
      to.free(addr);
    } catch (SlabException e) {
      return; // printed by reportNewErrors
    }
    if (o != null && o.cache() == to) {
      objects.put(o.handle(), new Obj(o.handle(), o.cache(), addr, true));
    }
    out.printf("freed %s0x%x to %s%n", o == null ? "" : "#" + o.handle() + " = ", addr,
        to.name());
  }

  private KmemCache ownerOrFirst(long addr) throws BadInput {
    KmemCache owner = slab.cacheOf(addr);
    if (owner != null) {
      return owner;
    }
    if (caches.isEmpty()) {
      throw new BadInput("no cache to free 0x" + Long.toHexString(addr) + " to: create one first");
    }
    return caches.getFirst();
  }

  private void write(List<String> w) throws BadInput {
    need(w, 2, "write needs an object and an offset: write #HANDLE OFFSET [BYTE]");
    Obj o = handle(w.get(0));
    long off = number(w.get(1), "offset");
    long b = w.size() > 2 ? number(w.get(2), "byte value") : 0;
    if (b < -128 || b > 255) {
      throw new BadInput("byte value " + b + ": between 0 and 255");
    }
    long at = o.addr() + off;
    // the simulator may write anywhere in its own memory, never outside it
    if (off < -64 || off >= o.cache().objectSize() + 64 || !slab.owns(at)) {
      throw new BadInput("offset " + off + ": keep within 64 bytes of object #" + o.handle()
          + " (" + o.cache().objectSize() + " bytes)");
    }
    Memory.ALL.set(Memory.U8, at, (byte) b);
    String where = off < 0 ? "before the start of" : off >= o.cache().objectSize()
        ? "past the end of" : o.freed() ? "inside (freed!)" : "inside";
    out.printf("wrote 0x%02x at 0x%x, %s object #%d%n", b & 0xff, at, where, o.handle());
  }

  private void runRandom(List<String> w) throws BadInput {
    need(w, 1, "run needs a number of operations: run N");
    long n = number(w.get(0), "number of operations");
    if (n < 1 || n > 10_000_000) {
      throw new BadInput("number of operations " + n + ": between 1 and 10000000");
    }
    if (caches.isEmpty()) {
      throw new BadInput("no cache yet: create one first (for example: create 64)");
    }
    List<Obj> live = randomLive;
    long allocs = 0;
    long frees = 0;
    long oom = 0;
    for (long i = 0; i < n; i++) {
      if (live.isEmpty() || random.nextInt(10) < 6) {
        KmemCache c = caches.get(random.nextInt(caches.size()));
        long p = c.alloc();
        if (p == 0) {
          oom++;
          continue;
        }
        live.add(new Obj(0, c, p, false));
        allocs++;
      } else {
        int k = random.nextInt(live.size());
        Obj o = live.get(k);
        live.set(k, live.getLast());
        live.removeLast();
        o.cache().free(o.addr());
        frees++;
      }
    }
    out.printf("ran %d operations: %d allocations, %d frees%s; the random workload holds %d"
        + " objects (your handles are left alone)%n", n, allocs, frees,
        oom > 0 ? ", " + ansi.yellow(oom + " out of memory") : "", live.size());
  }

  private void reportNewErrors() {
    long count = slab.errorCount();
    if (count == errorsSeen) {
      return;
    }
    List<SlabError> errs = slab.errors();
    int fresh = (int) Math.min(count - errorsSeen, errs.size());
    errorsSeen = count;
    for (SlabError e : errs.subList(errs.size() - fresh, errs.size())) {
      out.println(ansi.red("error: " + e.message()));
      out.println("  why it matters: " + e.kind().whyItMatters() + ".");
    }
  }

  KmemCache cache(String s) throws BadInput {
    if (s.matches("\\d+")) {
      int i = Integer.parseInt(s);
      if (i >= 1 && i <= caches.size()) {
        return caches.get(i - 1);
      }
      throw new BadInput("no cache number " + s + " (there " + (caches.size() == 1 ? "is 1"
          : "are " + caches.size()) + "; 'status' lists them)");
    }
    for (KmemCache c : caches) {
      if (c.name().equals(s)) {
        return c;
      }
    }
    throw new BadInput("no cache '" + s + "' (create it with 'create', 'status' lists them)");
  }

  private Obj handle(String s) throws BadInput {
    String digits = s.startsWith("#") ? s.substring(1) : s;
    if (!digits.matches("\\d{1,9}")) {
      throw new BadInput("'" + s + "' is not a handle: handles look like #3");
    }
    Obj o = objects.get(Integer.parseInt(digits));
    if (o == null) {
      throw new BadInput("no object #" + digits + " (handles are printed by 'alloc')");
    }
    return o;
  }

  private static long address(String s) throws BadInput {
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new BadInput("'" + s + "' is neither a handle (#3) nor an address (0x7f00...)");
  }

  private static long number(String s, String what) throws BadInput {
    if (s.isEmpty()) {
      throw new BadInput(what + ": a number is needed");
    }
    try {
      return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadInput(what + ": '" + s + "' is not a number");
    }
  }

  private static void need(List<String> w, int n, String message) throws BadInput {
    if (w.size() < n) {
      throw new BadInput(message);
    }
  }
}
