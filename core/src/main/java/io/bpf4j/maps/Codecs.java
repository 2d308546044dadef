package io.bpf4j.maps;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;

/**
 * Codecs for map keys and values: unsigned and signed integers of 1, 2, 4 and 8 bytes,
 * fixed-size byte arrays, and records whose components are such primitives, laid out as a
 * C compiler lays out the matching struct (natural alignment, padding, little-endian).
 */
public final class Codecs {
  private Codecs() {}

  private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private record Simple<T>(int size, Enc<T> enc, Dec<T> dec) implements Codec<T> {
    @Override
    public void encode(T value, MemorySegment dst) {
      enc.put(dst, 0, value);
    }

    @Override
    public T decode(MemorySegment src) {
      return dec.get(src, 0);
    }
  }

  private interface Enc<T> {
    void put(MemorySegment s, long off, T v);
  }

  private interface Dec<T> {
    T get(MemorySegment s, long off);
  }

  /** {@code u8} as an Integer 0..255. */
  public static Codec<Integer> u8() {
    return new Simple<>(1, (s, o, v) -> s.set(ValueLayout.JAVA_BYTE, o, (byte) (int) v),
        (s, o) -> s.get(ValueLayout.JAVA_BYTE, o) & 0xff);
  }

  /** {@code u16} as an Integer 0..65535. */
  public static Codec<Integer> u16() {
    return new Simple<>(2, (s, o, v) -> s.set(S, o, (short) (int) v), (s, o) -> s.get(S, o) & 0xffff);
  }

  /** {@code u32} as an Integer holding the 32 bits (read back with Integer.toUnsignedLong). */
  public static Codec<Integer> u32() {
    return new Simple<>(4, (s, o, v) -> s.set(I, o, v), (s, o) -> s.get(I, o));
  }

  /** {@code u64} as a Long holding the 64 bits. */
  public static Codec<Long> u64() {
    return new Simple<>(8, (s, o, v) -> s.set(L, o, v), (s, o) -> s.get(L, o));
  }

  /** {@code u8[n]} as a byte array of exactly {@code n} bytes. */
  public static Codec<byte[]> bytes(int n) {
    return new Simple<>(n, (s, o, v) -> {
      if (v.length != n) {
        throw new IllegalArgumentException("byte array of " + v.length + " (must be " + n + ")");
      }
      MemorySegment.copy(v, 0, s, ValueLayout.JAVA_BYTE, o, n);
    }, (s, o) -> s.asSlice(o, n).toArray(ValueLayout.JAVA_BYTE));
  }

  /**
   * A record of {@code byte}, {@code short}, {@code int}, {@code long} (and {@code boolean},
   * {@code char}) components, as the C struct with members of those sizes in that order.
   */
  public static <R extends Record> Codec<R> record(Class<R> type) {
    RecordComponent[] cs = type.getRecordComponents();
    if (cs == null) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    long[] offs = new long[cs.length];
    int[] sizes = new int[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    long off = 0;
    int align = 1;
    for (int i = 0; i < cs.length; i++) {
      Class<?> t = cs[i].getType();
      int sz = t == byte.class || t == boolean.class ? 1
          : t == short.class || t == char.class ? 2
          : t == int.class ? 4 : t == long.class ? 8 : -1;
      if (sz < 0) {
        throw new IllegalArgumentException(
            type.getSimpleName() + "." + cs[i].getName() + ": type " + t.getSimpleName()
                + " (must be a primitive)");
      }
      off = (off + sz - 1) / sz * sz;
      offs[i] = off;
      sizes[i] = sz;
      types[i] = t;
      off += sz;
      align = Math.max(align, sz);
    }
    int size = (int) ((off + align - 1) / align * align);
    Constructor<R> ctor;
    try {
      ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(type + ": no canonical constructor accessible", e);
    }
    return new Codec<R>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public void encode(R value, MemorySegment dst) {
        dst.fill((byte) 0);
        try {
          for (int i = 0; i < cs.length; i++) {
            Object v = cs[i].getAccessor().invoke(value);
            long bits = switch (v) {
              case Boolean b -> b ? 1 : 0;
              case Character c -> c;
              case Number n -> n.longValue();
              default -> 0;
            };
            switch (sizes[i]) {
              case 1 -> dst.set(ValueLayout.JAVA_BYTE, offs[i], (byte) bits);
              case 2 -> dst.set(S, offs[i], (short) bits);
              case 4 -> dst.set(I, offs[i], (int) bits);
              default -> dst.set(L, offs[i], bits);
            }
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public R decode(MemorySegment src) {
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
          long o = offs[i];
          Class<?> t = types[i];
          args[i] = t == byte.class ? src.get(ValueLayout.JAVA_BYTE, o)
              : t == boolean.class ? src.get(ValueLayout.JAVA_BYTE, o) != 0
              : t == short.class ? src.get(S, o)
              : t == char.class ? (char) src.get(S, o)
              : t == int.class ? (Object) src.get(I, o) : (Object) src.get(L, o);
        }
        try {
          return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
