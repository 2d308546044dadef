package io.bpf4j.kernel;

import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the loader's func and line info into the kernel's records against the raw BTF. */
final class BtfUpload {
  private final Map<String, Integer> strings = new HashMap<>();

  /** Indexes the string section of {@code raw} (a little-endian {@code struct btf_header}). */
  BtfUpload(byte[] raw) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int hdrLen = b.getInt(4);
    int strOff = b.getInt(16);
    int strLen = b.getInt(20);
    int start = hdrLen + strOff;
    int i = start;
    while (i < start + strLen && i < raw.length) {
      int j = i;
      while (j < raw.length && raw[j] != 0) {
        j++;
      }
      strings.putIfAbsent(new String(raw, i, j - i, StandardCharsets.UTF_8), i - start);
      i = j + 1;
    }
  }

  /**
   * The object's BTF made acceptable to the kernel, as libbpf does before uploading: clang
   * leaves every {@code DATASEC} with size 0 and its variables at offset 0 (the linker would
   * fill them); here each one's variables are laid out one after the other (8-byte aligned)
   * and its size set to the total (1 for a section without variables). bpf4j gives maps no BTF, so these layouts describe no
   * real memory; they only have to be valid.
   */
  static byte[] sanitize(byte[] raw, io.bpf4j.btf.Btf parsed) {
    byte[] out = raw.clone();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int hdrLen = b.getInt(4);
    int start = hdrLen + b.getInt(8);
    int end = start + b.getInt(12);
    int at = start;
    while (at + 12 <= end) {
      int info = b.getInt(at + 4);
      int kind = (info >>> 24) & 0x1f;
      int vlen = info & 0xffff;
      int extra = switch (kind) {
        case 1, 14, 17 -> 4; // INT, VAR, DECL_TAG
        case 3 -> 12; // ARRAY
        case 4, 5, 15, 19 -> 12 * vlen; // STRUCT, UNION, DATASEC, ENUM64
        case 6, 13 -> 8 * vlen; // ENUM, FUNC_PROTO
        default -> 0;
      };
      if (kind == 15 && b.getInt(at + 8) == 0 && vlen > 0) {
        long running = 0;
        for (int i = 0; i < vlen; i++) {
          int si = at + 12 + 12 * i;
          int varType = b.getInt(si);
          long size = Integer.toUnsignedLong(b.getInt(si + 8));
          if (size == 0) {
            try {
              size = Math.max(0, parsed.sizeOf(varType));
            } catch (RuntimeException e) {
              size = 8;
            }
            b.putInt(si + 8, (int) size);
          }
          running = (running + 7) & ~7L;
          b.putInt(si + 4, (int) running);
          running += size;
        }
        b.putInt(at + 8, (int) Math.max(running, 1));
      } else if (kind == 15 && b.getInt(at + 8) == 0) {
        // a section of unnamed constants only (clang's .rodata for struct initialisers):
        // no variables, and the kernel refuses a size of 0
        b.putInt(at + 8, 1);
      }
      at += 12 + extra;
    }
    return out;
  }

  /** {@code struct bpf_func_info} records: insn_off, type_id. */
  static byte[] funcInfo(List<FuncInfo> infos) {
    ByteBuffer b = ByteBuffer.allocate(8 * infos.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (FuncInfo f : infos) {
      b.putInt(f.slot()).putInt(f.typeId());
    }
    return b.array();
  }

  /**
   * {@code struct bpf_line_info} records (insn_off, file_name_off, line_off, line_col =
   * line << 10 | column), or null when a string is not in the BTF.
   */
  byte[] lineInfo(List<LineInfo> infos) {
    ByteBuffer b = ByteBuffer.allocate(16 * infos.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (LineInfo l : infos) {
      Integer file = strings.get(l.file());
      Integer text = strings.get(l.text());
      if (file == null || text == null) {
        return null;
      }
      b.putInt(l.slot()).putInt(file).putInt(text).putInt(l.line() << 10 | (l.column() & 0x3ff));
    }
    return b.array();
  }
}
