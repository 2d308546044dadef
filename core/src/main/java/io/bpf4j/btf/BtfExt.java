package io.bpf4j.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .BTF.ext} section: function info, line info and CO-RE relocations, per
 * code section. Slots are relative to the start of their section.
 *
 * @param funcInfos by section name
 * @param lineInfos by section name
 * @param coreRelos by section name
 */
public record BtfExt(
    Map<String, List<FuncInfo>> funcInfos,
    Map<String, List<LineInfo>> lineInfos,
    Map<String, List<CoreRelo>> coreRelos) {

  /** Copies the maps. */
  public BtfExt {
    funcInfos = Map.copyOf(funcInfos);
    lineInfos = Map.copyOf(lineInfos);
    coreRelos = Map.copyOf(coreRelos);
  }

  /** An empty BTF.ext. */
  public static BtfExt empty() {
    return new BtfExt(Map.of(), Map.of(), Map.of());
  }

  /** Parses {@code .BTF.ext} data whose strings live in {@code btf}. */
  public static BtfExt parse(byte[] d, Btf btf) throws BtfFormatException {
    ByteOrder order = BtfParser.orderOf(d);
    ByteBuffer b = ByteBuffer.wrap(d).order(order);
    if (d.length < 24) {
      throw new BtfFormatException("BTF.ext header truncated: " + d.length + " bytes");
    }
    long hdrLen = Integer.toUnsignedLong(b.getInt(4));
    if (hdrLen < 24 || hdrLen > d.length) {
      throw new BtfFormatException("BTF.ext header length " + hdrLen + " out of range");
    }
    Map<String, List<FuncInfo>> fi = new LinkedHashMap<>();
    Map<String, List<LineInfo>> li = new LinkedHashMap<>();
    Map<String, List<CoreRelo>> cr = new LinkedHashMap<>();
    section(b, hdrLen, b.getInt(8), b.getInt(12), 8, btf, "func_info", (sec, p) ->
        fi.computeIfAbsent(sec, k -> new ArrayList<>()).add(new FuncInfo(slot(b, p, "func_info"), b.getInt(p + 4))));
    section(b, hdrLen, b.getInt(16), b.getInt(20), 16, btf, "line_info", (sec, p) -> {
      String file = str(btf, b.getInt(p + 4), "line_info file name");
      String text = str(btf, b.getInt(p + 8), "line_info line");
      int lc = b.getInt(p + 12);
      li.computeIfAbsent(sec, k -> new ArrayList<>())
          .add(new LineInfo(slot(b, p, "line_info"), file, text, lc >>> 10, lc & 0x3ff));
    });
    if (hdrLen >= 32) {
      section(b, hdrLen, b.getInt(24), b.getInt(28), 16, btf, "core_relo", (sec, p) -> {
        int kindNo = b.getInt(p + 12);
        CoreKind kind = CoreKind.of(kindNo);
        if (kind == null) {
          throw new BtfFormatException("core_relo in '" + sec + "': unknown kind " + kindNo);
        }
        int type = b.getInt(p + 4);
        if (type < 0 || type >= btf.count()) {
          throw new BtfFormatException("core_relo in '" + sec + "': type id " + type + " out of range");
        }
        cr.computeIfAbsent(sec, k -> new ArrayList<>())
            .add(new CoreRelo(slot(b, p, "core_relo"), type, str(btf, b.getInt(p + 8), "core_relo access string"), kind));
      });
    }
    return new BtfExt(fi, li, cr);
  }

  private interface Rec {
    void accept(String section, int pos) throws BtfFormatException;
  }

  private static void section(ByteBuffer b, long hdrLen, int off, int len, int minRec, Btf btf, String what, Rec rec)
      throws BtfFormatException {
    long start = hdrLen + Integer.toUnsignedLong(off);
    long end = start + Integer.toUnsignedLong(len);
    if (len == 0) {
      return;
    }
    if (end > b.capacity()) {
      throw new BtfFormatException(what + " at " + start + "+" + Integer.toUnsignedLong(len)
          + " beyond the end of BTF.ext (" + b.capacity() + " bytes)");
    }
    if (len < 4) {
      throw new BtfFormatException(what + ": too short for its record size");
    }
    long recSize = Integer.toUnsignedLong(b.getInt((int) start));
    if (recSize < minRec || recSize > 1024) {
      throw new BtfFormatException(what + ": record size " + recSize + " (want at least " + minRec + ")");
    }
    long p = start + 4;
    while (p < end) {
      if (p + 8 > end) {
        throw new BtfFormatException(what + ": section header truncated at offset " + p);
      }
      String sec = str(btf, b.getInt((int) p), what + " section name");
      long n = Integer.toUnsignedLong(b.getInt((int) p + 4));
      p += 8;
      if (n * recSize > end - p) {
        throw new BtfFormatException(what + " of '" + sec + "': " + n + " records of " + recSize
            + " bytes do not fit in the " + (end - p) + " bytes left");
      }
      for (long i = 0; i < n; i++, p += recSize) {
        rec.accept(sec, (int) p);
      }
    }
  }

  private static int slot(ByteBuffer b, int p, String what) throws BtfFormatException {
    int off = b.getInt(p);
    if (off < 0 || off % 8 != 0) {
      throw new BtfFormatException(what + ": instruction offset " + Integer.toUnsignedString(off)
          + " is not a multiple of 8");
    }
    return off / 8;
  }

  private static String str(Btf btf, int off, String what) throws BtfFormatException {
    String s = btf.string(off);
    if (s == null) {
      throw new BtfFormatException(what + ": string offset " + Integer.toUnsignedString(off) + " out of range");
    }
    return s;
  }
}
