package io.bpf4j.helpers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * What {@code bpf_jiffies64}, {@code bpf_get_numa_node_id} and {@code
 * bpf_get_current_cgroup_id} read on the JVM backend, where the current task is a thread of
 * this process:
 *
 * <ul>
 *   <li>jiffies: {@code CLOCK_MONOTONIC} ({@link System#nanoTime()}) in ticks of {@code
 *       CONFIG_HZ} (from the kernel's config, {@code /proc/config.gz} or {@code
 *       /boot/config-RELEASE}; 250 where it is not readable), plus the kernel's offset
 *       between the two, read once from {@code /proc/timer_list} ({@code now at} and {@code
 *       jiffies:}; root only). Without it the offset is {@code INITIAL_JIFFIES} (300 seconds
 *       of ticks before the 32-bit wrap), which is the kernel's less the ticks it did not
 *       count while booting (a fraction of a second);
 *   <li>the NUMA node: 0;
 *   <li>the cgroup id: the inode number of this process's cgroup v2 directory ({@code 0::PATH}
 *       of {@code /proc/self/cgroup} under {@code /sys/fs/cgroup}), which is the kernel's
 *       cgroup id; 0 without cgroup v2 (as the kernel's helper without it).
 * </ul>
 */
final class HostInfo {
  private HostInfo() {}

  /** The kernel's tick rate, or 250. */
  static final long HZ = readHz();

  private static final class Cgroup {
    static final long ID = readCgroupId();
  }

  private static final class Jiffies {
    static final long OFFSET = readOffset();
  }

  /** {@code bpf_jiffies64()}. */
  static long jiffies64() {
    return Jiffies.OFFSET + Math.floorDiv(System.nanoTime(), 1_000_000_000L / HZ);
  }

  /** The kernel's jiffies less CLOCK_MONOTONIC in ticks, from /proc/timer_list; else the boot value. */
  private static long readOffset() {
    long initial = (-300L * HZ) & 0xffffffffL;
    try {
      long now = -1;
      long jiffies = -1;
      for (String line : Files.readAllLines(Path.of("/proc/timer_list"))) {
        if (now < 0 && line.startsWith("now at ") && line.endsWith(" nsecs")) {
          now = Long.parseLong(line.substring(7, line.length() - 6).trim());
        } else if (jiffies < 0 && line.startsWith("jiffies: ")) {
          jiffies = Long.parseLong(line.substring(9).trim());
          break;
        }
      }
      if (now >= 0 && jiffies >= 0) {
        return jiffies - Math.floorDiv(now, 1_000_000_000L / HZ);
      }
    } catch (IOException | RuntimeException e) {
      // not root, or not Linux
    }
    return initial;
  }

  /** {@code bpf_get_current_cgroup_id()}: this process's cgroup v2 id, or 0. */
  static long cgroupId() {
    return Cgroup.ID;
  }

  private static long readHz() {
    String release = System.getProperty("os.name", "").equals("Linux") ? release() : null;
    for (Path p : new Path[] {Path.of("/proc/config.gz"),
        release == null ? null : Path.of("/boot/config-" + release)}) {
      if (p == null || !Files.isReadable(p)) {
        continue;
      }
      try (InputStream raw = Files.newInputStream(p);
          InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
            .split("\n")) {
          if (line.startsWith("CONFIG_HZ=")) {
            long hz = Long.parseLong(line.substring(10).trim());
            if (hz > 0 && 1_000_000_000L % hz == 0) {
              return hz;
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // try the next place
      }
    }
    return 250;
  }

  private static String release() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long readCgroupId() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        if (line.startsWith("0::")) {
          Path dir = Path.of("/sys/fs/cgroup" + line.substring(3));
          Object ino = Files.getAttribute(dir, "unix:ino");
          return ino instanceof Long l ? l : 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no cgroup v2 here
    }
    return 0;
  }
}
