package io.bpf4j.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The compiled loader fixtures in core/src/test/bpf and a text summary of their specs. */
final class Fixtures {
  private Fixtures() {}

  /** Objects no loader can read: the reader must reject them with this message part. */
  static final java.util.Map<String, String> BROKEN = java.util.Map.of(
      "memcpy_call", "calls 'memcpy'");

  static Path dir() {
    String root = System.getProperty("bpf4j.root");
    Path base = root != null ? Path.of(root) : Path.of("..");
    Path d = base.resolve("core/src/test/bpf");
    if (!Files.isDirectory(d)) {
      d = Path.of("src/test/bpf");
    }
    return d;
  }

  static List<Path> objects() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    }
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - 2);
  }

  /** Every fact of a spec that the expectation files pin down. */
  static String summary(ObjectSpec o) {
    StringBuilder sb = new StringBuilder();
    sb.append("object ").append(o.name()).append(" license=").append(o.license()).append(" version=0x")
        .append(Integer.toHexString(o.kernelVersion())).append(" order=").append(o.order())
        .append(" btf_types=").append(o.btf() == null ? 0 : o.btf().count()).append('\n');
    for (ProgramSpec p : o.programs()) {
      sb.append("program ").append(p.name()).append(" section=").append(p.section().section())
          .append(" type=").append(p.section().known() ? p.type() : "unknown")
          .append(" attach=").append(p.attachType()).append(" target=").append(p.attachTarget())
          .append(p.section().sleepable() ? " sleepable" : "").append(p.section().optional() ? " optional" : "")
          .append(" slots=").append(p.slotCount()).append(" insns=").append(p.insns().size())
          .append(" functions=").append(p.functions().stream().map(f -> f.name() + "@" + f.slot()).collect(Collectors.joining(",")))
          .append(" func_info=").append(p.funcInfos().size()).append(" line_info=").append(p.lineInfos().size())
          .append(" core=").append(p.coreRelos().size()).append('\n');
      for (Relocation r : p.relocations()) {
        sb.append("  reloc ").append(r).append('\n');
      }
    }
    for (MapSpec m : o.maps()) {
      sb.append("map ").append(map(m)).append('\n');
    }
    for (GlobalVar v : o.variables()) {
      sb.append("var ").append(v.name()).append(" map=").append(v.map()).append(" offset=").append(v.offset())
          .append(" size=").append(v.size()).append(v.readOnly() ? " ro" : "").append('\n');
    }
    for (Extern e : o.externs()) {
      sb.append("extern ").append(e.name()).append(' ').append(e.kind()).append(" offset=").append(e.offset())
          .append(" size=").append(e.size()).append(e.weak() ? " weak" : "").append('\n');
    }
    return sb.toString();
  }

  private static String map(MapSpec m) {
    return m.name() + " section=" + m.section() + " type=" + m.type() + " key=" + m.keySize() + " value=" + m.valueSize()
        + " max_entries=" + m.maxEntries() + " flags=0x" + Integer.toHexString(m.flags())
        + (m.mapExtra() != 0 ? " map_extra=" + m.mapExtra() : "") + (m.pinning() != 0 ? " pinning=" + m.pinning() : "")
        + (m.keyTypeId() != 0 ? " key_type=" + m.keyTypeId() : "") + (m.valueTypeId() != 0 ? " value_type=" + m.valueTypeId() : "")
        + (m.innerMap() != null ? " inner=(" + map(m.innerMap()) + ")" : "")
        + (m.initValues().isEmpty() ? "" : " values=" + m.initValues().stream().map(v -> v.index() + ":" + v.name()).collect(Collectors.joining(",")))
        + (m.data() != null ? " data=" + HexFormat.of().formatHex(m.data()) : "");
  }
}
