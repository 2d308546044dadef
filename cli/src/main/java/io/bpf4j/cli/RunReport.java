package io.bpf4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bpf4j prog run} prints about maps, the same for both backends: each map's
 * entries as hex key/value pairs, for {@code --dump-maps} and for the {@code -j} object.
 */
final class RunReport {
  private RunReport() {}

  /** A map's name and its entries ({key hex, value hex}). */
  record MapDump(String name, List<String[]> entries) {}

  /** The {@code "maps":{...}} member of the JSON result, without the key. */
  static String mapsJson(List<MapDump> maps) {
    StringBuilder sb = new StringBuilder("{");
    for (int m = 0; m < maps.size(); m++) {
      sb.append(m > 0 ? "," : "").append(Json.quote(maps.get(m).name())).append(":[");
      List<String[]> es = maps.get(m).entries();
      for (int i = 0; i < es.size(); i++) {
        sb.append(i > 0 ? "," : "").append("{\"key\":\"").append(es.get(i)[0])
            .append("\",\"value\":\"").append(es.get(i)[1]).append("\"}");
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  /** The {@code --dump-maps} text: {@code map NAME:} then {@code   key HEX  value HEX}. */
  static void printMaps(Out out, List<MapDump> maps) {
    for (MapDump m : maps) {
      out.println("map " + m.name() + ":");
      for (String[] kv : m.entries()) {
        out.println("  key " + kv[0] + "  value " + kv[1]);
      }
    }
  }

  /** The bytes of an input file (null for no file); an unreadable one is one line. */
  static byte[] read(String file) throws CliException {
    if (file == null) {
      return null;
    }
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw CliException.unreadable(file, e);
    }
  }
}
