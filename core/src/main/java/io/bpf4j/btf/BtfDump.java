package io.bpf4j.btf;

import io.bpf4j.btf.BtfType.Array;
import io.bpf4j.btf.BtfType.Composite;
import io.bpf4j.btf.BtfType.Datasec;
import io.bpf4j.btf.BtfType.DeclTag;
import io.bpf4j.btf.BtfType.Enum;
import io.bpf4j.btf.BtfType.EnumValue;
import io.bpf4j.btf.BtfType.Func;
import io.bpf4j.btf.BtfType.FuncProto;
import io.bpf4j.btf.BtfType.Fwd;
import io.bpf4j.btf.BtfType.Int;
import io.bpf4j.btf.BtfType.Member;
import io.bpf4j.btf.BtfType.Param;
import io.bpf4j.btf.BtfType.Ptr;
import io.bpf4j.btf.BtfType.Qualifier;
import io.bpf4j.btf.BtfType.Typedef;
import io.bpf4j.btf.BtfType.Var;
import io.bpf4j.btf.BtfType.VarSecinfo;

/** Text forms of BTF: {@code bpftool btf dump}'s raw listing, one type per line. */
public final class BtfDump {
  private BtfDump() {}

  /** Every type, as {@code bpftool btf dump file F} prints it. */
  public static String raw(Btf btf) {
    StringBuilder sb = new StringBuilder();
    for (int id = 1; id < btf.count(); id++) {
      raw(btf, id, sb);
    }
    return sb.toString();
  }

  private static String q(String n) {
    return "'" + (n.isEmpty() ? "(anon)" : n) + "'";
  }

  private static String linkage(int l) {
    return switch (l) {
      case 0 -> "static";
      case 1 -> "global";
      case 2 -> "extern";
      default -> "(unknown)";
    };
  }

  /** One type's lines. */
  public static void raw(Btf btf, int id, StringBuilder sb) {
    BtfType t = btf.type(id);
    sb.append('[').append(id).append("] ").append(t.kind().name()).append(' ').append(q(t.name()));
    switch (t) {
      case Int i -> {
        String enc = (i.encoding() & Int.SIGNED) != 0 ? "SIGNED"
            : (i.encoding() & Int.CHAR) != 0 ? "CHAR" : (i.encoding() & Int.BOOL) != 0 ? "BOOL" : "(none)";
        sb.append(" size=").append(i.size()).append(" bits_offset=").append(i.bitOffset())
            .append(" nr_bits=").append(i.bits()).append(" encoding=").append(enc).append('\n');
      }
      case Ptr p -> sb.append(" type_id=").append(p.type()).append('\n');
      case Array a -> sb.append(" type_id=").append(a.type()).append(" index_type_id=").append(a.indexType())
          .append(" nr_elems=").append(Integer.toUnsignedString(a.nelems())).append('\n');
      case Composite c -> {
        sb.append(" size=").append(c.size()).append(" vlen=").append(c.members().size()).append('\n');
        for (Member m : c.members()) {
          sb.append('\t').append(q(m.name())).append(" type_id=").append(m.type()).append(" bits_offset=")
              .append(m.bitOffset());
          if (m.bitfieldSize() != 0) {
            sb.append(" bitfield_size=").append(m.bitfieldSize());
          }
          sb.append('\n');
        }
      }
      case Enum e -> {
        sb.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED").append(" size=").append(e.size())
            .append(" vlen=").append(e.values().size()).append('\n');
        for (EnumValue v : e.values()) {
          sb.append('\t').append(q(v.name())).append(" val=")
              .append(e.signed() ? Long.toString(v.value()) : Long.toUnsignedString(v.value()))
              .append(e.is64() ? (e.signed() ? "LL" : "ULL") : "").append('\n');
        }
      }
      case Fwd f -> sb.append(" fwd_kind=").append(f.union() ? "union" : "struct").append('\n');
      case Typedef td -> sb.append(" type_id=").append(td.type()).append('\n');
      case Qualifier qq -> sb.append(" type_id=").append(qq.type()).append('\n');
      case Func f -> sb.append(" type_id=").append(f.type()).append(" linkage=").append(linkage(f.linkage())).append('\n');
      case FuncProto fp -> {
        sb.append(" ret_type_id=").append(fp.returnType()).append(" vlen=").append(fp.params().size()).append('\n');
        for (Param p : fp.params()) {
          sb.append('\t').append(q(p.name())).append(" type_id=").append(p.type()).append('\n');
        }
      }
      case Var v -> sb.append(" type_id=").append(v.type()).append(", linkage=").append(linkage(v.linkage())).append('\n');
      case Datasec d -> {
        sb.append(" size=").append(Integer.toUnsignedString(d.size())).append(" vlen=").append(d.vars().size()).append('\n');
        for (VarSecinfo v : d.vars()) {
          BtfType vt = btf.type(v.type());
          sb.append("\ttype_id=").append(v.type()).append(" offset=").append(Integer.toUnsignedString(v.offset()))
              .append(" size=").append(Integer.toUnsignedString(v.size())).append(" (").append(vt.kind().name())
              .append(' ').append(q(vt.name())).append(")\n");
        }
      }
      case BtfType.Float f -> sb.append(" size=").append(f.size()).append('\n');
      case DeclTag dt -> sb.append(" type_id=").append(dt.type()).append(" component_idx=").append(dt.componentIdx()).append('\n');
      case BtfType.Void v -> sb.append('\n');
    }
  }
}
