package io.bpf4j.kernel.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds a function's file offset in an ELF64 binary or shared library, for uprobes: the
 * symbol's address (from {@code .symtab}, else {@code .dynsym}) translated through the
 * executable {@code PT_LOAD} segment that holds it.
 */
public final class ElfSymbols {
  private ElfSymbols() {}

  /** The file offset of function {@code symbol} in {@code binary}. */
  public static long offset(Path binary, String symbol) {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(binary, StandardOpenOption.READ)) {
      b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new IllegalArgumentException(binary + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
      throw new IllegalArgumentException(binary + ": not a little-endian ELF64 file");
    }
    long value = -1;
    for (int wanted : new int[] {2 /* SHT_SYMTAB */, 11 /* SHT_DYNSYM */}) {
      value = find(b, wanted, symbol);
      if (value > 0) {
        break;
      }
    }
    if (value <= 0) {
      throw new IllegalArgumentException(binary + ": no function '" + symbol + "'");
    }
    long phoff = b.getLong(32);
    int phentsize = Short.toUnsignedInt(b.getShort(54));
    int phnum = Short.toUnsignedInt(b.getShort(56));
    for (int i = 0; i < phnum; i++) {
      int p = (int) (phoff + (long) i * phentsize);
      int type = b.getInt(p);
      int flags = b.getInt(p + 4);
      long off = b.getLong(p + 8);
      long vaddr = b.getLong(p + 16);
      long memsz = b.getLong(p + 40);
      if (type == 1 /* PT_LOAD */ && (flags & 1) != 0 && value >= vaddr && value < vaddr + memsz) {
        return value - vaddr + off;
      }
    }
    throw new IllegalArgumentException(binary + ": '" + symbol + "' is in no executable segment");
  }

  private static long find(ByteBuffer b, int wantedType, String symbol) {
    long shoff = b.getLong(40);
    int shentsize = Short.toUnsignedInt(b.getShort(58));
    int shnum = Short.toUnsignedInt(b.getShort(60));
    byte[] name = symbol.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < shnum; i++) {
      int s = (int) (shoff + (long) i * shentsize);
      if (b.getInt(s + 4) != wantedType) {
        continue;
      }
      long off = b.getLong(s + 24);
      long size = b.getLong(s + 32);
      int link = b.getInt(s + 40);
      long entsize = b.getLong(s + 56);
      long strOff = b.getLong((int) (shoff + (long) link * shentsize) + 24);
      for (long e = off; e + entsize <= off + size; e += entsize) {
        int st = (int) e;
        int info = b.get(st + 4) & 0xff;
        long value = b.getLong(st + 8);
        if ((info & 0xf) != 2 /* STT_FUNC */ || value == 0) {
          continue;
        }
        if (nameEquals(b, (int) (strOff + Integer.toUnsignedLong(b.getInt(st))), name)) {
          return value;
        }
      }
    }
    return -1;
  }

  private static boolean nameEquals(ByteBuffer b, int at, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (at + i >= b.limit() || b.get(at + i) != name[i]) {
        return false;
      }
    }
    return at + name.length < b.limit() && b.get(at + name.length) == 0;
  }
}
