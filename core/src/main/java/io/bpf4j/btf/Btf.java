package io.bpf4j.btf;

import io.bpf4j.btf.BtfType.Array;
import io.bpf4j.btf.BtfType.Composite;
import io.bpf4j.btf.BtfType.Datasec;
import io.bpf4j.btf.BtfType.Enum;
import io.bpf4j.btf.BtfType.Float;
import io.bpf4j.btf.BtfType.Func;
import io.bpf4j.btf.BtfType.FuncProto;
import io.bpf4j.btf.BtfType.Fwd;
import io.bpf4j.btf.BtfType.Int;
import io.bpf4j.btf.BtfType.Ptr;
import io.bpf4j.btf.BtfType.Qualifier;
import io.bpf4j.btf.BtfType.Typedef;
import io.bpf4j.btf.BtfType.Var;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed BTF blob ({@code .BTF} section, {@code /sys/kernel/btf/vmlinux}): the type graph,
 * indexed by id (0 is {@code void}). Immutable and thread-safe.
 *
 * {@snippet :
 * Btf btf = Btf.parse(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/sys/kernel/btf/vmlinux")));
 * int task = btf.find(BtfKind.STRUCT, "task_struct");   // -1 when absent
 * long size = btf.sizeOf(task);
 * }
 */
public final class Btf {
  /** Deepest chain of typedefs, qualifiers and arrays followed (the kernel's limit is 32). */
  static final int MAX_RESOLVE_DEPTH = 32;

  private final List<BtfType> types;
  private final byte[] raw;
  private final ByteOrder order;
  private final byte[] strings;
  private volatile Map<String, int[]> byName;
  private volatile Map<String, int[]> byEssentialName;

  Btf(List<BtfType> types, byte[] raw, ByteOrder order, byte[] strings) {
    this.types = List.copyOf(types);
    this.raw = raw;
    this.order = order;
    this.strings = strings;
  }

  /** Parses BTF data in either byte order (told by the magic number). */
  public static Btf parse(byte[] data) throws BtfFormatException {
    return BtfParser.parse(data.clone());
  }

  /** Number of type ids, {@code void} included: valid ids are 0..count()-1. */
  public int count() {
    return types.size();
  }

  /** The type with that id. */
  public BtfType type(int id) {
    if (id < 0 || id >= types.size()) {
      throw new IllegalArgumentException("BTF type id " + id + " (have 0.." + (types.size() - 1) + ")");
    }
    return types.get(id);
  }

  /** All types, index = id. */
  public List<BtfType> types() {
    return types;
  }

  /** The byte order of the data. */
  public ByteOrder order() {
    return order;
  }

  /** A copy of the raw data, as parsed. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** The string at {@code offset} of the string section, or null when the offset is bad. */
  public String string(int offset) {
    return BtfParser.stringAt(strings, offset);
  }

  /** Ids of the types with that name, in id order (empty when none). */
  public int[] idsNamed(String name) {
    Map<String, int[]> m = byName;
    if (m == null) {
      m = index(false);
      byName = m;
    }
    int[] ids = m.get(name);
    return ids == null ? new int[0] : ids.clone();
  }

  /**
   * Ids of the types whose name, without a {@code ___flavor} suffix, is {@code essential}
   * (CO-RE candidates).
   */
  public int[] idsWithEssentialName(String essential) {
    Map<String, int[]> m = byEssentialName;
    if (m == null) {
      m = index(true);
      byEssentialName = m;
    }
    int[] ids = m.get(essential);
    return ids == null ? new int[0] : ids.clone();
  }

  /**
   * Type ids by name (or by essential name), in id order: one pass, most names have one id
   * so the arrays start at length 1 and grow by one.
   */
  private Map<String, int[]> index(boolean essential) {
    Map<String, int[]> m = new HashMap<>(types.size());
    for (int i = 1; i < types.size(); i++) {
      String n = types.get(i).name();
      if (n.isEmpty()) {
        continue;
      }
      String k = essential ? essentialName(n) : n;
      int[] ids = m.get(k);
      if (ids == null) {
        m.put(k, new int[] {i});
      } else {
        int[] more = java.util.Arrays.copyOf(ids, ids.length + 1);
        more[ids.length] = i;
        m.put(k, more);
      }
    }
    return m;
  }

  /** A name without its CO-RE flavor: {@code task_struct___old} gives {@code task_struct}. */
  public static String essentialName(String name) {
    int i = name.indexOf("___");
    return i > 0 ? name.substring(0, i) : name;
  }

  /** The first type of that kind and name, or -1. */
  public int find(BtfKind kind, String name) {
    for (int id : idsNamed(name)) {
      if (types.get(id).kind() == kind) {
        return id;
      }
    }
    return -1;
  }

  /** Skips typedefs and qualifiers (const, volatile, restrict, type tags). */
  public int resolve(int id) {
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      BtfType t = type(id);
      if (t instanceof Typedef td) {
        id = td.type();
      } else if (t instanceof Qualifier q) {
        id = q.type();
      } else {
        return id;
      }
    }
    return id;
  }

  /** Skips only qualifiers (keeps typedefs). */
  public int skipQualifiers(int id) {
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH && type(id) instanceof Qualifier q; depth++) {
      id = q.type();
    }
    return id;
  }

  /** Size in bytes of a value of this type (0 for void and functions; 8 for pointers). */
  public long sizeOf(int id) {
    long mult = 1;
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      BtfType t = type(id);
      switch (t) {
        case Int i -> {
          return mult * i.size();
        }
        case Ptr p -> {
          return mult * 8;
        }
        case Composite c -> {
          return mult * c.size();
        }
        case Enum e -> {
          return mult * e.size();
        }
        case Float f -> {
          return mult * f.size();
        }
        case Datasec d -> {
          return mult * d.size();
        }
        case Typedef td -> id = td.type();
        case Qualifier q -> id = q.type();
        case Var v -> id = v.type();
        case Array a -> {
          mult *= Integer.toUnsignedLong(a.nelems());
          id = a.type();
        }
        default -> {
          return 0;
        }
      }
    }
    return 0;
  }

  /** Alignment of a value of this type, as C would lay it out. */
  public int alignOf(int id) {
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      BtfType t = type(id);
      switch (t) {
        case Int i -> {
          return Math.min(8, Math.max(1, i.size()));
        }
        case Ptr p -> {
          return 8;
        }
        case Enum e -> {
          return Math.max(1, e.size());
        }
        case Float f -> {
          return Math.min(8, f.size());
        }
        case Composite c -> {
          int a = 1;
          for (var m : c.members()) {
            a = Math.max(a, alignOf(m.type()));
          }
          return a;
        }
        case Typedef td -> id = td.type();
        case Qualifier q -> id = q.type();
        case Var v -> id = v.type();
        case Array a -> id = a.type();
        default -> {
          return 1;
        }
      }
    }
    return 1;
  }

  /** A short C spelling of a type for messages: {@code struct foo}, {@code int}, {@code u32 *}. */
  public String describe(int id) {
    StringBuilder suffix = new StringBuilder();
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      BtfType t = type(id);
      switch (t) {
        case BtfType.Void v -> {
          return "void" + suffix;
        }
        case Ptr p -> {
          suffix.insert(0, " *");
          id = p.type();
        }
        case Array a -> {
          suffix.append('[').append(Integer.toUnsignedString(a.nelems())).append(']');
          id = a.type();
        }
        case Qualifier q -> {
          if (q.kind() == BtfKind.CONST || q.kind() == BtfKind.VOLATILE) {
            suffix.insert(0, " " + q.kind().name().toLowerCase());
          }
          id = q.type();
        }
        case BtfType.Struct s -> {
          return "struct " + anon(s.name()) + suffix;
        }
        case BtfType.Union u -> {
          return "union " + anon(u.name()) + suffix;
        }
        case Enum e -> {
          return "enum " + anon(e.name()) + suffix;
        }
        case Fwd f -> {
          return (f.union() ? "union " : "struct ") + f.name() + suffix;
        }
        case FuncProto fp -> {
          return "fn" + suffix;
        }
        case Func f -> {
          return f.name() + "()";
        }
        default -> {
          return anon(t.name()) + suffix;
        }
      }
    }
    return "?";
  }

  private static String anon(String n) {
    return n.isEmpty() ? "(anon)" : n;
  }
}
