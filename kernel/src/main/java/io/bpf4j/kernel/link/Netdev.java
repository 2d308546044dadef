package io.bpf4j.kernel.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Network interfaces by name: their index from {@code /sys/class/net/NAME/ifindex}. */
final class Netdev {
  private Netdev() {}

  static int ifindex(String name) {
    try {
      return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "ifindex")).strip());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalArgumentException("no network interface '" + name + "' in this namespace", e);
    }
  }
}
