package io.bpf4j.slab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@code slabtop}-style view of slabinfo rows: a summary of all caches, then one line per
 * cache sorted by a chosen column, largest first (names A to Z).
 */
public final class SlabTop {
  private SlabTop() {}

  /** The columns one can sort by, with slabtop's sort keys. */
  public enum Column {
    /** Active objects (slabtop key {@code a}). */
    ACTIVE("active", 'a', Comparator.comparingLong(SlabInfo::activeObjs)),
    /** All objects ({@code o}). */
    OBJS("objs", 'o', Comparator.comparingLong(SlabInfo::numObjs)),
    /** Percentage of objects active ({@code u}). */
    USE("use", 'u', Comparator.comparingInt(SlabInfo::usePercent)),
    /** Object size ({@code s}). */
    OBJSIZE("objsize", 's', Comparator.comparingInt(SlabInfo::objSize)),
    /** Slabs ({@code l}). */
    SLABS("slabs", 'l', Comparator.comparingLong(SlabInfo::numSlabs)),
    /** Active slabs ({@code v}). */
    ACTIVE_SLABS("active-slabs", 'v', Comparator.comparingLong(SlabInfo::activeSlabs)),
    /** Objects per slab ({@code b}). */
    OBJPERSLAB("objperslab", 'b', Comparator.comparingInt(SlabInfo::objPerSlab)),
    /** Pages per slab ({@code p}). */
    PAGES("pages", 'p', Comparator.comparingInt(SlabInfo::pagesPerSlab)),
    /** Memory of the cache ({@code c}). */
    SIZE("size", 'c', Comparator.comparingLong(SlabInfo::cacheSize)),
    /** Name ({@code n}), A to Z. */
    NAME("name", 'n', Comparator.comparing(SlabInfo::name).reversed());

    private final String key;
    private final char letter;
    private final Comparator<SlabInfo> order;

    Column(String key, char letter, Comparator<SlabInfo> order) {
      this.key = key;
      this.letter = letter;
      this.order = order;
    }

    /** The column's name on the command line, e.g. {@code "objsize"}. */
    public String key() {
      return key;
    }

    /**
     * The column named {@code s} (its key or slabtop's letter, any case).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Column parse(String s) {
      for (Column c : values()) {
        if (c.key.equalsIgnoreCase(s) || (s.length() == 1 && s.charAt(0) == c.letter)) {
          return c;
        }
      }
      List<String> keys = new ArrayList<>();
      for (Column c : values()) {
        keys.add(c.key);
      }
      throw new IllegalArgumentException(
          "unknown column '" + s + "' (one of " + String.join(", ", keys) + ")");
    }
  }

  /** The rows sorted by {@code column}, largest first, ties by name. */
  public static List<SlabInfo> sort(List<SlabInfo> rows, Column column) {
    List<SlabInfo> out = new ArrayList<>(rows);
    out.sort(column.order.reversed().thenComparing(SlabInfo::name));
    return out;
  }

  /** The whole screen: summary lines, a header, and up to {@code maxRows} sorted rows. */
  public static String render(List<SlabInfo> rows, Column column, int maxRows) {
    long objs = 0;
    long active = 0;
    long slabs = 0;
    long activeSlabs = 0;
    long size = 0;
    long activeSize = 0;
    int activeCaches = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    long sumSize = 0;
    for (SlabInfo r : rows) {
      objs += r.numObjs();
      active += r.activeObjs();
      slabs += r.numSlabs();
      activeSlabs += r.activeSlabs();
      size += r.cacheSize();
      activeSize += r.activeObjs() * r.objSize();
      activeCaches += r.activeObjs() > 0 ? 1 : 0;
      min = Math.min(min, r.objSize());
      max = Math.max(max, r.objSize());
      sumSize += r.objSize();
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, " Active / Total Objects (%% used)    : %d / %d (%s)%n",
        active, objs, pct(active, objs)));
    sb.append(String.format(Locale.ROOT, " Active / Total Slabs (%% used)      : %d / %d (%s)%n",
        activeSlabs, slabs, pct(activeSlabs, slabs)));
    sb.append(String.format(Locale.ROOT, " Active / Total Caches (%% used)     : %d / %d (%s)%n",
        activeCaches, rows.size(), pct(activeCaches, rows.size())));
    sb.append(String.format(Locale.ROOT, " Active / Total Size (%% used)       : %s / %s (%s)%n",
        kib(activeSize), kib(size), pct(activeSize, size)));
    if (!rows.isEmpty()) {
      sb.append(String.format(Locale.ROOT,
          " Minimum / Average / Maximum Object : %s / %s / %s%n", kib(min),
          kib(sumSize / rows.size()), kib(max)));
    }
    sb.append(String.format("%n %8s %8s %4s %8s %6s %8s %10s %s  (sorted by %s)%n",
        "OBJS", "ACTIVE", "USE", "OBJ SIZE", "SLABS", "OBJ/SLAB", "CACHE SIZE", "NAME",
        column.key()));
    List<SlabInfo> sorted = sort(rows, column);
    for (int i = 0; i < Math.min(maxRows, sorted.size()); i++) {
      SlabInfo r = sorted.get(i);
      sb.append(String.format(Locale.ROOT, " %8d %8d %3d%% %8s %6d %8d %10s %s%n",
          r.numObjs(), r.activeObjs(), r.usePercent(), kib(r.objSize()), r.numSlabs(),
          r.objPerSlab(), kib(r.cacheSize()), r.name()));
    }
    return sb.toString();
  }

  private static String pct(long part, long whole) {
    return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", part * 100.0 / whole);
  }

  private static String kib(long bytes) {
    return String.format(Locale.ROOT, "%.2fK", bytes / 1024.0);
  }
}
