package io.bpf4j.btf;

import io.bpf4j.btf.BtfType.Array;
import io.bpf4j.btf.BtfType.Composite;
import io.bpf4j.btf.BtfType.Enum;
import io.bpf4j.btf.BtfType.EnumValue;
import io.bpf4j.btf.BtfType.FuncProto;
import io.bpf4j.btf.BtfType.Fwd;
import io.bpf4j.btf.BtfType.Member;
import io.bpf4j.btf.BtfType.Ptr;
import io.bpf4j.btf.BtfType.Qualifier;
import io.bpf4j.btf.BtfType.Typedef;
import java.util.HashSet;
import java.util.Set;

/**
 * BTF as C declarations ({@code bpftool btf dump format c}): forward declarations of every
 * named struct and union, then enums, typedefs and structs in an order a C compiler accepts
 * (a struct after the types its members hold by value).
 */
public final class BtfC {
  private final Btf btf;
  private final StringBuilder out = new StringBuilder();
  private final Set<Integer> done = new HashSet<>();
  private final Set<Integer> active = new HashSet<>();

  private BtfC(Btf btf) {
    this.btf = btf;
  }

  /** The C declarations of every named type. */
  public static String dump(Btf btf) {
    BtfC c = new BtfC(btf);
    c.out.append("#ifndef __BPF4J_BTF_H__\n#define __BPF4J_BTF_H__\n\n");
    Set<String> fwd = new HashSet<>();
    for (int id = 1; id < btf.count(); id++) {
      BtfType t = btf.type(id);
      String kw = keyword(t);
      if (kw != null && !t.name().isEmpty() && fwd.add(kw + " " + t.name())) {
        c.out.append(kw).append(' ').append(t.name()).append(";\n");
      }
    }
    c.out.append('\n');
    for (int id = 1; id < btf.count(); id++) {
      c.top(id);
    }
    c.out.append("#endif /* __BPF4J_BTF_H__ */\n");
    return c.out.toString();
  }

  private static String keyword(BtfType t) {
    return switch (t) {
      case BtfType.Struct s -> "struct";
      case BtfType.Union u -> "union";
      case Fwd f -> f.union() ? "union" : "struct";
      default -> null;
    };
  }

  private void top(int id) {
    BtfType t = btf.type(id);
    if (t.name().isEmpty() || done.contains(id)) {
      return;
    }
    switch (t) {
      case Composite c -> {
        if (!active.add(id)) {
          return;
        }
        for (Member m : c.members()) {
          need(m.type(), true, 0);
        }
        done.add(id);
        out.append(body(id, 0)).append(";\n\n");
      }
      case Enum e -> {
        done.add(id);
        out.append(body(id, 0)).append(";\n\n");
      }
      case Typedef td -> {
        if (!active.add(id)) {
          return;
        }
        if (isBuiltinTypedef(td.name())) {
          done.add(id);
          return;
        }
        need(td.type(), !refersByName(td.type()), 0);
        done.add(id);
        out.append("typedef ").append(decl(td.type(), td.name(), 0)).append(";\n\n");
      }
      default -> {}
    }
  }

  private static boolean isBuiltinTypedef(String n) {
    return n.equals("__builtin_va_list");
  }

  /** True when the type (after qualifiers) is a named struct/union/enum/fwd: a declaration suffices. */
  private boolean refersByName(int id) {
    BtfType t = btf.type(btf.skipQualifiers(id));
    return (t instanceof Composite || t instanceof Fwd) && !t.name().isEmpty();
  }

  /** Makes sure the types that {@code id} needs are emitted before it is used. */
  private void need(int id, boolean complete, int depth) {
    if (depth > 64) {
      return;
    }
    BtfType t = btf.type(id);
    switch (t) {
      case Ptr p -> need(p.type(), false, depth + 1);
      case Qualifier q -> need(q.type(), complete, depth + 1);
      case Array a -> need(a.type(), true, depth + 1);
      case Typedef td -> top(id);
      case Enum e -> {
        if (!e.name().isEmpty()) {
          top(id);
        }
      }
      case Composite c -> {
        if (c.name().isEmpty()) {
          for (Member m : c.members()) {
            need(m.type(), true, depth + 1);
          }
        } else if (complete) {
          top(id);
        }
      }
      case FuncProto fp -> {
        need(fp.returnType(), false, depth + 1);
        for (var p : fp.params()) {
          need(p.type(), false, depth + 1);
        }
      }
      default -> {}
    }
  }

  private String indent(int n) {
    return "\t".repeat(n);
  }

  /** The full definition of a struct, union or enum. */
  private String body(int id, int ind) {
    BtfType t = btf.type(id);
    StringBuilder sb = new StringBuilder();
    if (t instanceof Enum e) {
      sb.append("enum ").append(e.name().isEmpty() ? "" : e.name() + " ").append("{\n");
      for (EnumValue v : e.values()) {
        sb.append(indent(ind + 1)).append(v.name()).append(" = ")
            .append(e.signed() ? Long.toString(v.value()) : Long.toUnsignedString(v.value()) + (e.is64() ? "ULL" : ""))
            .append(",\n");
      }
      return sb.append(indent(ind)).append('}').toString();
    }
    Composite c = (Composite) t;
    boolean packed = isPacked(c);
    sb.append(keyword(t)).append(' ').append(c.name().isEmpty() ? "" : c.name() + " ").append("{\n");
    for (Member m : c.members()) {
      sb.append(indent(ind + 1)).append(decl(m.type(), m.name(), ind + 1));
      if (m.bitfieldSize() != 0) {
        sb.append(": ").append(m.bitfieldSize());
      }
      sb.append(";\n");
    }
    sb.append(indent(ind)).append('}');
    if (packed) {
      sb.append(" __attribute__((packed))");
    }
    return sb.toString();
  }

  private boolean isPacked(Composite c) {
    if (c instanceof BtfType.Union) {
      return false;
    }
    for (Member m : c.members()) {
      if (m.bitfieldSize() == 0 && m.bitOffset() % (8L * btf.alignOf(m.type())) != 0) {
        return true;
      }
    }
    return false;
  }

  /** A C declarator: the type {@code id} wrapped around {@code name}. */
  String decl(int id, String name, int ind) {
    for (int depth = 0; depth < 64; depth++) {
      BtfType t = btf.type(id);
      switch (t) {
        case BtfType.Void v -> {
          return join("void", name);
        }
        case Ptr p -> {
          BtfType to = btf.type(p.type());
          name = (to instanceof Array || to instanceof FuncProto) ? "(*" + name + ")" : "*" + name;
          id = p.type();
        }
        case Array a -> {
          name = name + "[" + Integer.toUnsignedString(a.nelems()) + "]";
          id = a.type();
        }
        case Qualifier q -> {
          String kw = switch (q.kind()) {
            case CONST -> "const";
            case VOLATILE -> "volatile";
            case RESTRICT -> "restrict";
            default -> "";
          };
          BtfType to = btf.type(q.type());
          if (kw.isEmpty()) {
            id = q.type();
          } else if (to instanceof Ptr) {
            name = kw + " " + name;
            id = q.type();
          } else {
            return kw + " " + decl(q.type(), name, ind);
          }
        }
        case FuncProto fp -> {
          StringBuilder ps = new StringBuilder();
          for (int i = 0; i < fp.params().size(); i++) {
            var p = fp.params().get(i);
            if (i > 0) {
              ps.append(", ");
            }
            ps.append(p.type() == 0 ? "..." : decl(p.type(), "", ind));
          }
          if (fp.params().isEmpty()) {
            ps.append("void");
          }
          name = name + "(" + ps + ")";
          id = fp.returnType();
        }
        case Composite c -> {
          return join(c.name().isEmpty() ? body(id, ind) : keyword(c) + " " + c.name(), name);
        }
        case Enum e -> {
          return join(e.name().isEmpty() ? body(id, ind) : "enum " + e.name(), name);
        }
        case Fwd f -> {
          return join(keyword(f) + " " + f.name(), name);
        }
        default -> {
          return join(t.name(), name);
        }
      }
    }
    return join("void", name);
  }

  private static String join(String type, String declarator) {
    if (declarator.isEmpty()) {
      return type;
    }
    return type + " " + declarator;
  }
}
