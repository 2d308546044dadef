package io.bpf4j.btf;

import io.bpf4j.btf.BtfType.Array;
import io.bpf4j.btf.BtfType.Composite;
import io.bpf4j.btf.BtfType.Enum;
import io.bpf4j.btf.BtfType.EnumValue;
import io.bpf4j.btf.BtfType.FuncProto;
import io.bpf4j.btf.BtfType.Fwd;
import io.bpf4j.btf.BtfType.Int;
import io.bpf4j.btf.BtfType.Member;
import io.bpf4j.btf.BtfType.Ptr;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves CO-RE relocations ({@code struct bpf_core_relo}) against a target BTF the way
 * libbpf does: candidates are the target types with the same name once a {@code ___flavor}
 * suffix is dropped and a compatible kind; the local access path is matched member by
 * member (by name, through anonymous members) and index by index; every matching candidate
 * must give the same value.
 */
public final class Core {
  private Core() {}

  private static final int MAX_DEPTH = 32;

  /** A step of an access path: a named member or an array index. */
  private record Step(String member, int index, int localType) {}

  /** A resolved field: its bit offset from the root, bitfield size (0 if none) and type. */
  private record Field(long bitOffset, int bitfieldSize, int type) {}

  /**
   * Resolves {@code relo} (of the object whose BTF is {@code local}) against {@code target}.
   *
   * @throws CoreException when the relocation itself is malformed (bad access string, a
   *     local type of the wrong kind)
   */
  public static CoreResult resolve(Btf local, CoreRelo relo, Btf target) throws CoreException {
    CoreKind kind = relo.kind();
    int lroot = relo.typeId();
    if (kind == CoreKind.TYPE_ID_LOCAL) {
      return new CoreResult(lroot, lroot, 0, 0, false, "", true);
    }
    BtfType lt = local.type(local.resolve(lroot));
    String name = lt.name();
    if (name.isEmpty()) {
      throw new CoreException(describe(local, relo) + ": local type is anonymous, nothing to match by name");
    }
    int[] idx = parseAccess(relo);
    if (kind.isEnumval()) {
      if (!(lt instanceof Enum le) || idx.length != 1 || idx[0] >= le.values().size()) {
        throw new CoreException(describe(local, relo) + ": not an enumerator of an enum");
      }
      EnumValue lv = le.values().get(idx[0]);
      long orig = kind == CoreKind.ENUMVAL_EXISTS ? 1 : lv.value();
      Long found = null;
      for (int cand : target.idsWithEssentialName(Btf.essentialName(name))) {
        if (target.type(cand) instanceof Enum te) {
          for (EnumValue tv : te.values()) {
            if (Btf.essentialName(tv.name()).equals(Btf.essentialName(lv.name()))) {
              long v = kind == CoreKind.ENUMVAL_EXISTS ? 1 : tv.value();
              if (found != null && found != v) {
                throw new CoreException(describe(local, relo) + ": candidates disagree (" + found + " vs " + v + ")");
              }
              found = v;
            }
          }
        }
      }
      if (found == null) {
        return kind == CoreKind.ENUMVAL_EXISTS ? new CoreResult(orig, 0, 0, 0, false, "", true)
            : poison(orig, "enumerator '" + lv.name() + "' of enum " + name + " not found in the target");
      }
      return new CoreResult(orig, found, 0, 0, false, "", true);
    }
    if (!kind.isField()) {
      long orig = switch (kind) {
        case TYPE_SIZE -> local.sizeOf(lroot);
        case TYPE_ID_TARGET -> lroot;
        default -> 1;
      };
      int match = -1;
      for (int cand : target.idsWithEssentialName(Btf.essentialName(name))) {
        boolean ok = kind == CoreKind.TYPE_MATCHES
            ? typesMatch(local, local.resolve(lroot), target, cand, false, 0)
            : typesCompat(local, local.resolve(lroot), target, cand, 0);
        if (ok) {
          if (match >= 0 && kind == CoreKind.TYPE_SIZE && target.sizeOf(match) != target.sizeOf(cand)) {
            throw new CoreException(describe(local, relo) + ": candidates [" + match + "] and [" + cand + "] differ in size");
          }
          if (match < 0) {
            match = cand;
          }
        }
      }
      if (match < 0) {
        return kind == CoreKind.TYPE_EXISTS || kind == CoreKind.TYPE_MATCHES
            ? new CoreResult(orig, 0, 0, 0, false, "", true)
            : poison(orig, "no type '" + name + "' in the target");
      }
      long v = switch (kind) {
        case TYPE_SIZE -> target.sizeOf(match);
        case TYPE_ID_TARGET -> match;
        default -> 1;
      };
      return new CoreResult(orig, v, 0, 0, false, "", true);
    }
    // field relocations
    List<Step> steps = new ArrayList<>();
    Field lf = localField(local, lroot, idx, steps, relo);
    long[] lv = fieldValue(local, lf, kind, local.order(), relo);
    Long value = null;
    long[] chosen = null;
    for (int cand : target.idsWithEssentialName(Btf.essentialName(name))) {
      BtfType ct = target.type(cand);
      if (ct.kind() != lt.kind()) {
        continue;
      }
      Field tf = matchField(local, target, cand, idx[0], steps);
      if (tf == null) {
        continue;
      }
      long[] tv = fieldValue(target, tf, kind, target.order(), relo);
      if (value != null && value != tv[0]) {
        throw new CoreException(describe(local, relo) + ": candidates disagree (" + value + " vs " + tv[0] + ")");
      }
      value = tv[0];
      chosen = tv;
    }
    if (value == null) {
      return kind == CoreKind.FIELD_EXISTS ? new CoreResult(1, 0, 0, 0, false, "", true)
          : poison(lv[0], "field " + describe(local, relo) + " not found in the target");
    }
    return new CoreResult(lv[0], value, (int) lv[1], (int) chosen[1], false, "", lf.bitfieldSize() == 0);
  }

  private static CoreResult poison(long orig, String why) {
    return new CoreResult(orig, 0, 0, 0, true, why, true);
  }

  /** libbpf's way of naming a relocation: kind, type and access path. */
  public static String describe(Btf local, CoreRelo relo) {
    return "CO-RE relocation " + relo.kind().shortName() + " of [" + relo.typeId() + "] "
        + local.describe(relo.typeId()) + " access " + relo.access();
  }

  private static int[] parseAccess(CoreRelo relo) throws CoreException {
    String[] parts = relo.access().split(":", -1);
    if (parts.length == 0 || parts.length > 64) {
      throw new CoreException("CO-RE relocation at slot " + relo.slot() + ": bad access string '" + relo.access() + "'");
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        out[i] = -1;
      }
      if (out[i] < 0) {
        throw new CoreException("CO-RE relocation at slot " + relo.slot() + ": bad access string '" + relo.access() + "'");
      }
    }
    return out;
  }

  private static Field localField(Btf btf, int root, int[] idx, List<Step> steps, CoreRelo relo) throws CoreException {
    int cur = root;
    long bit = idx[0] * btf.sizeOf(root) * 8;
    int bfs = 0;
    for (int i = 1; i < idx.length; i++) {
      BtfType t = btf.type(btf.resolve(cur));
      if (t instanceof Composite c) {
        if (idx[i] >= c.members().size()) {
          throw new CoreException(describe(btf, relo) + ": member index " + idx[i] + " out of range");
        }
        Member m = c.members().get(idx[i]);
        bit += m.bitOffset();
        bfs = m.bitfieldSize();
        if (!m.name().isEmpty()) {
          steps.add(new Step(m.name(), -1, m.type()));
        }
        cur = m.type();
      } else if (t instanceof Array a) {
        bit += (long) idx[i] * btf.sizeOf(a.type()) * 8;
        bfs = 0;
        steps.add(new Step(null, idx[i], a.type()));
        cur = a.type();
      } else {
        throw new CoreException(describe(btf, relo) + ": access " + idx[i] + " into " + btf.describe(cur));
      }
    }
    return new Field(bit, bfs, cur);
  }

  private static Field matchField(Btf local, Btf target, int root, int rootIdx, List<Step> steps) {
    int cur = root;
    long bit = rootIdx * target.sizeOf(root) * 8;
    int bfs = 0;
    for (Step s : steps) {
      BtfType t = target.type(target.resolve(cur));
      if (s.member() != null) {
        if (!(t instanceof Composite c)) {
          return null;
        }
        Field f = findMember(target, c, s.member(), 0);
        if (f == null || !fieldsCompat(local, s.localType(), target, f.type(), 0)) {
          return null;
        }
        bit += f.bitOffset();
        bfs = f.bitfieldSize();
        cur = f.type();
      } else {
        if (!(t instanceof Array a)) {
          return null;
        }
        if (a.nelems() != 0 && Integer.toUnsignedLong(s.index()) >= Integer.toUnsignedLong(a.nelems())) {
          return null;
        }
        bit += (long) s.index() * target.sizeOf(a.type()) * 8;
        bfs = 0;
        cur = a.type();
      }
    }
    return new Field(bit, bfs, cur);
  }

  private static Field findMember(Btf btf, Composite c, String name, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    for (Member m : c.members()) {
      if (m.name().equals(name)) {
        return new Field(m.bitOffset(), m.bitfieldSize(), m.type());
      }
      if (m.name().isEmpty() && btf.type(btf.resolve(m.type())) instanceof Composite inner) {
        Field f = findMember(btf, inner, name, depth + 1);
        if (f != null) {
          return new Field(m.bitOffset() + f.bitOffset(), f.bitfieldSize(), f.type());
        }
      }
    }
    return null;
  }

  /** {value, byte size} of a field relocation, as libbpf's bpf_core_calc_field_relo. */
  private static long[] fieldValue(Btf btf, Field f, CoreKind kind, ByteOrder order, CoreRelo relo) throws CoreException {
    int t = btf.resolve(f.type());
    long byteSz;
    long byteOff;
    long bitSz;
    if (f.bitfieldSize() == 0) {
      byteSz = btf.sizeOf(t);
      byteOff = f.bitOffset() / 8;
      bitSz = byteSz * 8;
    } else {
      bitSz = f.bitfieldSize();
      byteSz = btf.sizeOf(t);
      if (byteSz <= 0) {
        throw new CoreException(describe(btf, relo) + ": bitfield of unsized type");
      }
      byteOff = f.bitOffset() / 8 / byteSz * byteSz;
      while (f.bitOffset() + bitSz - byteOff * 8 > byteSz * 8) {
        if (byteSz >= 8) {
          throw new CoreException(describe(btf, relo) + ": bitfield does not fit in 8 bytes");
        }
        byteSz *= 2;
        byteOff = f.bitOffset() / 8 / byteSz * byteSz;
      }
    }
    long v = switch (kind) {
      case FIELD_BYTE_OFFSET -> byteOff;
      case FIELD_BYTE_SIZE -> byteSz;
      case FIELD_EXISTS -> 1;
      case FIELD_SIGNED -> {
        BtfType bt = btf.type(t);
        yield (bt instanceof Enum e && e.signed()) || (bt instanceof Int i && i.signed()) ? 1 : 0;
      }
      case FIELD_LSHIFT_U64 -> order == ByteOrder.LITTLE_ENDIAN
          ? 64 - (f.bitOffset() + bitSz - byteOff * 8)
          : (8 - byteSz) * 8 + (f.bitOffset() - byteOff * 8);
      case FIELD_RSHIFT_U64 -> 64 - bitSz;
      default -> throw new CoreException(describe(btf, relo) + ": not a field relocation");
    };
    return new long[] {v, f.bitfieldSize() == 0 ? byteSz : 0};
  }

  private static boolean fieldsCompat(Btf lb, int l, Btf tb, int t, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    BtfType lt = lb.type(lb.resolve(l));
    BtfType tt = tb.type(tb.resolve(t));
    if (lt instanceof Composite && tt instanceof Composite) {
      return true;
    }
    if (lt instanceof Enum && tt instanceof Enum) {
      return namesMatch(lt.name(), tt.name());
    }
    if (lt.kind() != tt.kind()) {
      return false;
    }
    return switch (lt) {
      case Ptr p -> true;
      case BtfType.Float f -> true;
      case Fwd f -> namesMatch(lt.name(), tt.name());
      case Int i -> i.bitOffset() == 0 && ((Int) tt).bitOffset() == 0;
      case Array a -> fieldsCompat(lb, a.type(), tb, ((Array) tt).type(), depth + 1);
      default -> false;
    };
  }

  private static boolean namesMatch(String l, String t) {
    return l.isEmpty() || Btf.essentialName(l).equals(Btf.essentialName(t));
  }

  private static boolean typesCompat(Btf lb, int l, Btf tb, int t, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    BtfType lt = lb.type(lb.resolve(l));
    BtfType tt = tb.type(tb.resolve(t));
    if (lt instanceof Enum && tt instanceof Enum) {
      return true;
    }
    if (lt.kind() != tt.kind()) {
      return false;
    }
    return switch (lt) {
      case Composite c -> true;
      case Fwd f -> true;
      case BtfType.Float f -> true;
      case BtfType.Void v -> true;
      case Int i -> i.bitOffset() == 0 && ((Int) tt).bitOffset() == 0;
      case Ptr p -> typesCompat(lb, p.type(), tb, ((Ptr) tt).type(), depth + 1);
      case Array a -> typesCompat(lb, a.type(), tb, ((Array) tt).type(), depth + 1);
      case FuncProto fp -> {
        FuncProto tp = (FuncProto) tt;
        if (fp.params().size() != tp.params().size()) {
          yield false;
        }
        for (int i = 0; i < fp.params().size(); i++) {
          if (!typesCompat(lb, fp.params().get(i).type(), tb, tp.params().get(i).type(), depth + 1)) {
            yield false;
          }
        }
        yield typesCompat(lb, fp.returnType(), tb, tp.returnType(), depth + 1);
      }
      default -> false;
    };
  }

  /** libbpf's stricter "type matches": same shape, members and enumerators by name. */
  private static boolean typesMatch(Btf lb, int l, Btf tb, int t, boolean behindPtr, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    BtfType lt = lb.type(lb.resolve(l));
    BtfType tt = tb.type(tb.resolve(t));
    if (!lt.name().isEmpty() && !Btf.essentialName(lt.name()).equals(Btf.essentialName(tt.name()))) {
      return false;
    }
    if (behindPtr && (lt instanceof Composite || lt instanceof Fwd) && (tt instanceof Composite || tt instanceof Fwd)) {
      return true; // behind a pointer, a struct matches by name alone (it may be a forward declaration)
    }
    if (lt instanceof Enum le && tt instanceof Enum te) {
      if (le.size() != te.size()) {
        return false;
      }
      for (EnumValue v : le.values()) {
        if (te.values().stream().noneMatch(x -> Btf.essentialName(x.name()).equals(Btf.essentialName(v.name())))) {
          return false;
        }
      }
      return true;
    }
    if (lt.kind() != tt.kind()) {
      return false;
    }
    return switch (lt) {
      case Composite c -> {
        Composite tc = (Composite) tt;
        for (Member m : c.members()) {
          Member tm = tc.members().stream().filter(x -> x.name().equals(m.name())).findFirst().orElse(null);
          if (tm == null || tm.bitfieldSize() != m.bitfieldSize()
              || !typesMatch(lb, m.type(), tb, tm.type(), false, depth + 1)) {
            yield false;
          }
        }
        yield true;
      }
      case Int i -> i.size() == ((Int) tt).size() && i.signed() == ((Int) tt).signed();
      case Ptr p -> typesMatch(lb, p.type(), tb, ((Ptr) tt).type(), true, depth + 1);
      case Array a -> a.nelems() == ((Array) tt).nelems() && typesMatch(lb, a.type(), tb, ((Array) tt).type(), false, depth + 1);
      case FuncProto fp -> {
        FuncProto tp = (FuncProto) tt;
        if (fp.params().size() != tp.params().size()) {
          yield false;
        }
        for (int i = 0; i < fp.params().size(); i++) {
          if (!typesMatch(lb, fp.params().get(i).type(), tb, tp.params().get(i).type(), true, depth + 1)) {
            yield false;
          }
        }
        yield typesMatch(lb, fp.returnType(), tb, tp.returnType(), true, depth + 1);
      }
      default -> true;
    };
  }
}
