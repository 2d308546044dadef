package io.bpf4j.btf;

import io.bpf4j.btf.BtfType.Array;
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
import io.bpf4j.btf.BtfType.Struct;
import io.bpf4j.btf.BtfType.Typedef;
import io.bpf4j.btf.BtfType.Union;
import io.bpf4j.btf.BtfType.Var;
import io.bpf4j.btf.BtfType.VarSecinfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code struct btf_header}, the type section and the string section, checking bounds. */
final class BtfParser {
  private BtfParser() {}

  static final int MAGIC = 0xeb9f;

  static ByteOrder orderOf(byte[] d) throws BtfFormatException {
    if (d.length < 2) {
      throw new BtfFormatException("BTF is " + d.length + " bytes, too short for a header");
    }
    int le = (d[0] & 0xff) | (d[1] & 0xff) << 8;
    if (le == MAGIC) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (((d[0] & 0xff) << 8 | (d[1] & 0xff)) == MAGIC) {
      return ByteOrder.BIG_ENDIAN;
    }
    throw new BtfFormatException(String.format("bad BTF magic 0x%04x (want 0xeb9f)", le));
  }

  static Btf parse(byte[] d) throws BtfFormatException {
    ByteOrder order = orderOf(d);
    ByteBuffer b = ByteBuffer.wrap(d).order(order);
    if (d.length < 24) {
      throw new BtfFormatException("BTF header truncated: " + d.length + " bytes");
    }
    int version = d[2] & 0xff;
    if (version != 1) {
      throw new BtfFormatException("BTF version " + version + " (only 1 is known)");
    }
    long hdrLen = u32(b, 4);
    long typeOff = u32(b, 8);
    long typeLen = u32(b, 12);
    long strOff = u32(b, 16);
    long strLen = u32(b, 20);
    if (hdrLen < 24 || hdrLen > d.length) {
      throw new BtfFormatException("BTF header length " + hdrLen + " out of range");
    }
    long ts = hdrLen + typeOff;
    long ss = hdrLen + strOff;
    if (ts + typeLen > d.length || ss + strLen > d.length) {
      throw new BtfFormatException("BTF type or string section beyond the end of the data ("
          + d.length + " bytes): types at " + ts + "+" + typeLen + ", strings at " + ss + "+" + strLen);
    }
    if (typeLen % 4 != 0 || typeOff % 4 != 0) {
      throw new BtfFormatException("BTF type section not 4-byte aligned (offset " + typeOff + ", length " + typeLen + ")");
    }
    byte[] strings = new byte[(int) strLen];
    System.arraycopy(d, (int) ss, strings, 0, (int) strLen);
    if (strLen > 0 && strings[0] != 0) {
      throw new BtfFormatException("BTF string section does not start with an empty string");
    }
    List<BtfType> types = new ArrayList<>();
    types.add(new BtfType.Void());
    int p = (int) ts;
    int end = (int) (ts + typeLen);
    while (p < end) {
      int id = types.size();
      need(p, 12, end, id);
      String name = name(strings, b.getInt(p), id);
      int info = b.getInt(p + 4);
      int sizeType = b.getInt(p + 8);
      int vlen = info & 0xffff;
      int kindNo = (info >>> 24) & 0x1f;
      boolean kflag = info < 0;
      p += 12;
      BtfKind kind = BtfKind.of(kindNo);
      if (kind == null || kind == BtfKind.VOID) {
        throw new BtfFormatException("type [" + id + "]: unknown BTF kind " + kindNo);
      }
      BtfType t;
      switch (kind) {
        case INT -> {
          need(p, 4, end, id);
          int enc = b.getInt(p);
          p += 4;
          t = new Int(name, sizeType, (enc >>> 24) & 0x0f, (enc >>> 16) & 0xff, enc & 0xff);
        }
        case PTR -> t = new Ptr(sizeType);
        case ARRAY -> {
          need(p, 12, end, id);
          t = new Array(b.getInt(p), b.getInt(p + 4), b.getInt(p + 8));
          p += 12;
        }
        case STRUCT, UNION -> {
          need(p, 12L * vlen, end, id);
          List<Member> ms = new ArrayList<>(vlen);
          for (int i = 0; i < vlen; i++, p += 12) {
            int off = b.getInt(p + 8);
            int bitOff = kflag ? off & 0xffffff : off;
            int bfs = kflag ? off >>> 24 : 0;
            ms.add(new Member(name(strings, b.getInt(p), id), b.getInt(p + 4), bitOff, bfs));
          }
          t = kind == BtfKind.STRUCT ? new Struct(name, sizeType, ms) : new Union(name, sizeType, ms);
        }
        case ENUM -> {
          need(p, 8L * vlen, end, id);
          List<EnumValue> vs = new ArrayList<>(vlen);
          for (int i = 0; i < vlen; i++, p += 8) {
            int v = b.getInt(p + 4);
            vs.add(new EnumValue(name(strings, b.getInt(p), id), kflag ? v : Integer.toUnsignedLong(v)));
          }
          t = new Enum(name, sizeType, kflag, false, vs);
        }
        case ENUM64 -> {
          need(p, 12L * vlen, end, id);
          List<EnumValue> vs = new ArrayList<>(vlen);
          for (int i = 0; i < vlen; i++, p += 12) {
            long v = Integer.toUnsignedLong(b.getInt(p + 4)) | (long) b.getInt(p + 8) << 32;
            vs.add(new EnumValue(name(strings, b.getInt(p), id), v));
          }
          t = new Enum(name, sizeType, kflag, true, vs);
        }
        case FWD -> t = new Fwd(name, kflag);
        case TYPEDEF -> t = new Typedef(name, sizeType);
        case VOLATILE, CONST, RESTRICT, TYPE_TAG -> t = new Qualifier(kind, name, sizeType);
        case FUNC -> t = new Func(name, sizeType, vlen);
        case FUNC_PROTO -> {
          need(p, 8L * vlen, end, id);
          List<Param> ps = new ArrayList<>(vlen);
          for (int i = 0; i < vlen; i++, p += 8) {
            ps.add(new Param(name(strings, b.getInt(p), id), b.getInt(p + 4)));
          }
          t = new FuncProto(sizeType, ps);
        }
        case VAR -> {
          need(p, 4, end, id);
          t = new Var(name, sizeType, b.getInt(p));
          p += 4;
        }
        case DATASEC -> {
          need(p, 12L * vlen, end, id);
          List<VarSecinfo> vs = new ArrayList<>(vlen);
          for (int i = 0; i < vlen; i++, p += 12) {
            vs.add(new VarSecinfo(b.getInt(p), b.getInt(p + 4), b.getInt(p + 8)));
          }
          t = new Datasec(name, sizeType, vs);
        }
        case FLOAT -> t = new BtfType.Float(name, sizeType);
        case DECL_TAG -> {
          need(p, 4, end, id);
          t = new DeclTag(name, sizeType, b.getInt(p));
          p += 4;
        }
        default -> throw new BtfFormatException("type [" + id + "]: unknown BTF kind " + kindNo);
      }
      types.add(t);
    }
    check(types);
    return new Btf(types, d, order, strings);
  }

  private static void check(List<BtfType> types) throws BtfFormatException {
    int n = types.size();
    for (int id = 1; id < n; id++) {
      BtfType t = types.get(id);
      switch (t) {
        case Ptr x -> ref(x.type(), n, id);
        case Array x -> {
          ref(x.type(), n, id);
          ref(x.indexType(), n, id);
        }
        case BtfType.Composite c -> {
          for (Member m : c.members()) {
            ref(m.type(), n, id);
          }
        }
        case Typedef x -> ref(x.type(), n, id);
        case Qualifier x -> ref(x.type(), n, id);
        case Func x -> ref(x.type(), n, id);
        case FuncProto x -> {
          ref(x.returnType(), n, id);
          for (Param pa : x.params()) {
            ref(pa.type(), n, id);
          }
        }
        case Var x -> ref(x.type(), n, id);
        case Datasec x -> {
          for (VarSecinfo v : x.vars()) {
            ref(v.type(), n, id);
          }
        }
        case DeclTag x -> ref(x.type(), n, id);
        default -> {}
      }
    }
    // chains of typedefs, qualifiers, pointers and arrays must end
    byte[] state = new byte[n]; // 0 unknown, 1 ends
    for (int id = 1; id < n; id++) {
      int cur = id;
      int depth = 0;
      while (state[cur] == 0) {
        int next = switch (types.get(cur)) {
          case Typedef x -> x.type();
          case Qualifier x -> x.type();
          case Ptr x -> x.type();
          case Array x -> x.type();
          case Var x -> x.type();
          default -> 0;
        };
        if (next == 0 || state[next] == 1) {
          break;
        }
        if (++depth > 4 * Btf.MAX_RESOLVE_DEPTH) {
          throw new BtfFormatException("type [" + id + "]: chain of typedefs/qualifiers/pointers/arrays too deep or a loop");
        }
        cur = next;
      }
      state[id] = 1;
    }
  }

  private static void ref(int to, int n, int from) throws BtfFormatException {
    if (to < 0 || to >= n) {
      throw new BtfFormatException("type [" + from + "] refers to type id " + Integer.toUnsignedString(to)
          + ", beyond the last type " + (n - 1));
    }
  }

  private static void need(int p, long bytes, int end, int id) throws BtfFormatException {
    if (p + bytes > end) {
      throw new BtfFormatException("type [" + id + "] truncated: needs " + bytes
          + " bytes at offset " + p + ", the type section ends at " + end);
    }
  }

  private static long u32(ByteBuffer b, int off) {
    return Integer.toUnsignedLong(b.getInt(off));
  }

  private static String name(byte[] strings, int off, int id) throws BtfFormatException {
    String s = stringAt(strings, off);
    if (s == null) {
      throw new BtfFormatException("type [" + id + "]: name offset " + Integer.toUnsignedString(off)
          + " outside the string section (" + strings.length + " bytes)");
    }
    return s;
  }

  static String stringAt(byte[] strings, int off) {
    if (off < 0 || off >= strings.length) {
      return off == 0 ? "" : null;
    }
    int e = off;
    while (e < strings.length && strings[e] != 0) {
      e++;
    }
    if (e == strings.length) {
      return null;
    }
    for (int i = off; i < e; i++) {
      if (strings[i] < 0) {
        return new String(strings, off, e - off, StandardCharsets.UTF_8);
      }
    }
    return new String(strings, off, e - off, StandardCharsets.ISO_8859_1);
  }
}
