package io.bpf4j.hooks;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracepoint record in the kernel's layout, built from a {@link TracepointFormat} and field
 * values by name: what a {@code tracepoint/CATEGORY/NAME} program sees as its context. Numbers
 * are written in the machine's byte order with the field's size; {@code char[N]} fields take a
 * string (NUL-padded, at most N-1 bytes); {@code __data_loc char[]} fields take a string that
 * is placed after the fixed fields with its NUL, the field holding {@code (length << 16) |
 * offset}; {@code __rel_loc} the same with the offset counted from the field's end. Fields not
 * given are 0 (an empty string for dynamic strings), except {@code common_type}, which
 * defaults to the format's ID.
 *
 * {@snippet :
 * byte[] rec = TracepointRecord.build(format, Map.of("bytes_alloc", 64, "name", "kmalloc-64"));
 * }
 */
public final class TracepointRecord {
  private TracepointRecord() {}

  /**
   * The record's bytes.
   *
   * @param values a {@link Number} or a numeric {@link String} (decimal, {@code 0x} hex,
   *     negative for signed fields) per number field, a string per string field
   * @throws IllegalArgumentException naming the field for an unknown name or a value that
   *     does not fit
   */
  public static byte[] build(TracepointFormat format, Map<String, ?> values) {
    for (String k : values.keySet()) {
      if (!format.hasField(k)) {
        throw new IllegalArgumentException("tracepoint " + format.name() + " has no field '" + k + "'");
      }
    }
    int fixed = format.fixedSize();
    Map<TracepointField, byte[]> dynamic = new LinkedHashMap<>();
    int total = fixed;
    for (TracepointField f : format.fields()) {
      if (f.isDataLoc() || f.isRelLoc()) {
        if (!f.isString()) {
          if (values.containsKey(f.name())) {
            throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + "): only dynamic strings can be given");
          }
          dynamic.put(f, new byte[0]);
          continue;
        }
        Object v = values.get(f.name());
        byte[] s = (v == null ? "" : v.toString()).getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        if (z.length > 0xffff) {
          throw new IllegalArgumentException("field '" + f.name() + "': string of " + s.length + " bytes is too long");
        }
        dynamic.put(f, z);
        total += z.length;
      }
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.nativeOrder());
    int at = fixed;
    for (TracepointField f : format.fields()) {
      Object v = values.get(f.name());
      if (f.isDataLoc() || f.isRelLoc()) {
        byte[] z = dynamic.get(f);
        int off = f.isRelLoc() ? at - (f.offset() + f.size()) : at;
        b.putInt(f.offset(), (z.length << 16) | off);
        b.put(at, z);
        at += z.length;
      } else if (f.isString()) {
        if (v != null) {
          byte[] s = v.toString().getBytes(StandardCharsets.UTF_8);
          if (s.length >= f.size()) {
            throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + "): '" + v
                + "' needs " + (s.length + 1) + " bytes with its NUL");
          }
          b.put(f.offset(), s);
        }
      } else if (v != null || f.name().equals("common_type")) {
        long n = number(f, v == null ? format.id() : v);
        switch (f.size()) {
          case 1 -> b.put(f.offset(), (byte) n);
          case 2 -> b.putShort(f.offset(), (short) n);
          case 4 -> b.putInt(f.offset(), (int) n);
          case 8 -> b.putLong(f.offset(), n);
          default -> throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + ", "
              + f.size() + " bytes) is not a number and not a string");
        }
      }
    }
    return b.array();
  }

  /** Writes {@link #build} at the start of {@code record} and returns the bytes written. */
  public static int writeTo(MemorySegment record, TracepointFormat format, Map<String, ?> values) {
    byte[] r = build(format, values);
    MemorySegment.copy(r, 0, record, ValueLayout.JAVA_BYTE, 0, r.length);
    return r.length;
  }

  /**
   * Parses {@code field=value} words (as the command line gives them) into values for {@link
   * #build}, in order.
   *
   * @throws IllegalArgumentException for a word without {@code =}
   */
  public static Map<String, String> parseAssignments(List<String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected FIELD=VALUE, got '" + w + "'");
      }
      out.put(w.substring(0, eq), w.substring(eq + 1));
    }
    return out;
  }

  private static long number(TracepointField f, Object v) {
    BigInteger n;
    if (v instanceof Number num && !(num instanceof Double || num instanceof Float)) {
      n = v instanceof BigInteger bi ? bi : BigInteger.valueOf(num.longValue());
    } else if (v instanceof String s) {
      String t = s.strip();
      boolean neg = t.startsWith("-");
      String digits = neg ? t.substring(1) : t;
      try {
        n = digits.startsWith("0x") || digits.startsWith("0X")
            ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + "): '" + s + "' is not a number");
      }
      n = neg ? n.negate() : n;
    } else {
      throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + "): " + v + " is not a number");
    }
    int bits = f.size() * 8;
    BigInteger min = n.signum() < 0 ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type() + ", " + f.size()
          + " bytes): " + v + " does not fit");
    }
    return n.longValue();
  }

  /** The names of the fields a caller can set, in record order (for help texts). */
  public static List<String> settable(TracepointFormat format) {
    List<String> out = new ArrayList<>();
    for (TracepointField f : format.fields()) {
      if (!(f.isDataLoc() || f.isRelLoc()) || f.isString()) {
        out.add(f.name());
      }
    }
    return out;
  }
}
