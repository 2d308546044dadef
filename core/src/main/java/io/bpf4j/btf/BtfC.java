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
  private final java.util.Map<Integer, String> names = new java.util.HashMap<>();
  private final java.util.Map<String, Integer> enumerators = new java.util.HashMap<>();

  private BtfC(Btf btf) {
    this.btf = btf;
  }

  /** The C declarations of every named type. */
  public static String dump(Btf btf) {
    BtfC c = new BtfC(btf);
    c.out.append("#ifndef __BPF4J_BTF_H__\n#define __BPF4J_BTF_H__\n\n");
    // a name defined twice (two different struct foo in the kernel) gets a ___N suffix, as bpftool does
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    java.util.Map<String, Integer> fwdOf = new java.util.HashMap<>();
    for (int id = 1; id < btf.count(); id++) {
      BtfType t = btf.type(id);
      String ns = switch (t) {
        case Composite x -> "struct";
        case Fwd x -> "struct";
        case Enum x -> "struct"; // one tag namespace for struct, union and enum
        case Typedef x -> "typedef";
        default -> null;
      };
      if (ns == null || t.name().isEmpty()) {
        continue;
      }
      String key = ns + " " + t.name();
      if (t instanceof Fwd) {
        fwdOf.putIfAbsent(key, id);
        continue;
      }
      int n = seen.merge(key, 1, Integer::sum);
      c.names.put(id, n == 1 ? t.name() : t.name() + "___" + n);
    }
    Set<String> fwd = new HashSet<>();
    for (int id = 1; id < btf.count(); id++) {
      BtfType t = btf.type(id);
      String kw = keyword(t);
      if (kw != null && !t.name().isEmpty() && fwd.add(kw + " " + c.cname(id))) {
        c.out.append(kw).append(' ').append(c.cname(id)).append(";\n");
      }
    }
    c.out.append('\n');
    for (int id = 1; id < btf.count(); id++) {
      c.top(id);
    }
    c.out.append("#endif /* __BPF4J_BTF_H__ */\n");
    return c.out.toString();
  }

  private String cname(int id) {
    String n = names.get(id);
    return n != null ? n : btf.type(id).name();
  }

  private String enumerator(String n) {
    int k = enumerators.merge(n, 1, Integer::sum);
    return k == 1 ? n : n + "___" + k;
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
        out.append("typedef ").append(decl(td.type(), cname(id), 0)).append(";\n\n");
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
      case Typedef td -> {
        top(id);
        if (complete) {
          need(td.type(), true, depth + 1);
        }
      }
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
      sb.append("enum ").append(e.name().isEmpty() ? "" : cname(id) + " ").append("{\n");
      for (EnumValue v : e.values()) {
        sb.append(indent(ind + 1)).append(enumerator(v.name())).append(" = ")
            .append(e.signed() ? Long.toString(v.value()) : Long.toUnsignedString(v.value()) + (e.is64() ? "ULL" : ""))
            .append(",\n");
      }
      return sb.append(indent(ind)).append('}').toString();
    }
    Composite c = (Composite) t;
    boolean packed = isPacked(c);
    sb.append(keyword(t)).append(' ').append(c.name().isEmpty() ? "" : cname(id) + " ").append("{\n");
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
          return join(c.name().isEmpty() ? body(id, ind) : keyword(c) + " " + cname(id), name);
        }
        case Enum e -> {
          return join(e.name().isEmpty() ? body(id, ind) : "enum " + cname(id), name);
        }
        case Fwd f -> {
          return join(keyword(f) + " " + f.name(), name);
        }
        case Typedef td -> {
          return join(cname(id), name);
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
