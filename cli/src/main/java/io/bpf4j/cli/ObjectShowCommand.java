package io.bpf4j.cli;

import io.bpf4j.elf.Extern;
import io.bpf4j.elf.GlobalVar;
import io.bpf4j.elf.MapSpec;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j object show OBJ}: what an eBPF object holds, as bpf4j reads it (no system
 * call): programs with type, attach point and instruction count; maps; global variables;
 * externs.
 */
final class ObjectShowCommand implements Command {
  @Override
  public String name() {
    return "object show";
  }

  @Override
  public String summary() {
    return "list an ELF object's programs, maps, globals and externs";
  }

  @Override
  public String usage() {
    return "bpf4j object show OBJ [-j]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of(), Set.of());
    args.atMost(1);
    String file = args.positional(0, "an object file OBJ");
    ObjectSpec o = ObjectFiles.read(file);
    out.out().print(out.json() ? json(o) + "\n" : text(o));
    return 0;
  }

  static String attach(ProgramSpec p) {
    if (!p.section().known()) {
      return "-";
    }
    String a = p.attachType() == null ? "" : p.attachType().kernelName();
    String t = p.attachTarget();
    return a.isEmpty() && t.isEmpty() ? "-" : a + (a.isEmpty() || t.isEmpty() ? "" : " ") + t;
  }

  static String text(ObjectSpec o) {
    StringBuilder sb = new StringBuilder();
    sb.append("object ").append(o.name()).append(": license '").append(o.license()).append("'");
    if (o.kernelVersion() != 0) {
      sb.append(String.format(", kernel version 0x%x", o.kernelVersion()));
    }
    sb.append(o.btf() == null ? ", no BTF" : ", BTF " + (o.btf().count() - 1) + " types").append(", ")
        .append(o.order().toString().toLowerCase().replace('_', '-')).append('\n');
    sb.append("programs:\n");
    for (ProgramSpec p : o.programs()) {
      sb.append(String.format("  %-24s %-16s %-28s section %s, %d insns%s%s%s%n", p.name(), p.section().typeName(),
          attach(p), p.section().section(), p.slotCount(),
          p.functions().size() > 1 ? ", " + (p.functions().size() - 1) + " subprogs" : "",
          p.section().sleepable() ? ", sleepable" : "", p.section().optional() ? ", not loaded by default" : ""));
    }
    sb.append("maps:\n");
    for (MapSpec m : o.maps()) {
      sb.append(String.format("  %-24s %-16s key %dB  value %dB  max_entries %d  flags 0x%x%s%s%n", m.name(),
          m.type().name().toLowerCase(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(),
          m.innerMap() != null ? "  inner " + m.innerMap().type().name().toLowerCase() : "",
          m.pinning() != 0 ? "  pinned by name" : ""));
    }
    if (!o.variables().isEmpty()) {
      sb.append("globals:\n");
      for (GlobalVar v : o.variables()) {
        sb.append(String.format("  %-24s %-16s offset %d  size %d%s  = %s%n", v.name(), v.map(), v.offset(), v.size(),
            v.readOnly() ? "  read-only" : "", value(o, v)));
      }
    }
    if (!o.externs().isEmpty()) {
      sb.append("externs:\n");
      for (Extern e : o.externs()) {
        sb.append(String.format("  %-24s %s%s%n", e.name(), e.kind().name().toLowerCase(), e.weak() ? " weak" : ""));
      }
    }
    return sb.toString();
  }

  static String value(ObjectSpec o, GlobalVar v) {
    if (v.size() == 1 || v.size() == 2 || v.size() == 4 || v.size() == 8) {
      long x = o.variableValue(v.name());
      return x + " (0x" + Long.toHexString(x) + ")";
    }
    byte[] b = o.variableBytes(v.name());
    return HexFormat.of().formatHex(b, 0, Math.min(b.length, 32)) + (b.length > 32 ? "..." : "");
  }

  static String json(ObjectSpec o) {
    StringBuilder sb = new StringBuilder("{\"name\":").append(Json.quote(o.name()))
        .append(",\"license\":").append(Json.quote(o.license()))
        .append(",\"kernel_version\":").append(o.kernelVersion()).append(",\"programs\":[");
    for (int i = 0; i < o.programs().size(); i++) {
      ProgramSpec p = o.programs().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(p.name()))
          .append(",\"section\":").append(Json.quote(p.section().section()))
          .append(",\"type\":").append(Json.quote(p.section().typeName()))
          .append(",\"attach_type\":").append(p.attachType() == null ? "null" : Json.quote(p.attachType().kernelName()))
          .append(",\"attach_target\":").append(Json.quote(p.attachTarget()))
          .append(",\"sleepable\":").append(p.section().sleepable())
          .append(",\"optional\":").append(p.section().optional())
          .append(",\"insns\":").append(p.slotCount())
          .append(",\"functions\":[");
      for (int j = 0; j < p.functions().size(); j++) {
        sb.append(j == 0 ? "" : ",").append(Json.quote(p.functions().get(j).name()));
      }
      sb.append("]}");
    }
    sb.append("],\"maps\":[");
    for (int i = 0; i < o.maps().size(); i++) {
      MapSpec m = o.maps().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(m.name()))
          .append(",\"type\":").append(Json.quote(m.type().name().toLowerCase()))
          .append(",\"key_size\":").append(m.keySize()).append(",\"value_size\":").append(m.valueSize())
          .append(",\"max_entries\":").append(m.maxEntries()).append(",\"flags\":").append(m.flags())
          .append(",\"map_extra\":").append(m.mapExtra()).append(",\"pinning\":").append(m.pinning())
          .append(m.data() != null ? ",\"data\":\"" + HexFormat.of().formatHex(m.data()) + "\"" : "").append('}');
    }
    sb.append("],\"globals\":[");
    for (int i = 0; i < o.variables().size(); i++) {
      GlobalVar v = o.variables().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(v.name()))
          .append(",\"map\":").append(Json.quote(v.map())).append(",\"offset\":").append(v.offset())
          .append(",\"size\":").append(v.size()).append(",\"read_only\":").append(v.readOnly()).append('}');
    }
    sb.append("],\"externs\":[");
    for (int i = 0; i < o.externs().size(); i++) {
      Extern e = o.externs().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(e.name()))
          .append(",\"kind\":").append(Json.quote(e.kind().name().toLowerCase()))
          .append(",\"weak\":").append(e.weak()).append('}');
    }
    return sb.append("]}").toString();
  }
}
