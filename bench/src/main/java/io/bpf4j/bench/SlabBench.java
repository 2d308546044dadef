package io.bpf4j.bench;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.SlabAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One allocation and one free of a 64-byte object, per operation: the slab allocator
 * against glibc malloc/free called through FFM, a confined arena, and Netty's pooled direct
 * buffers. Run with {@code -t 1} and {@code -t 2} for single-threaded cost and scaling.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class SlabBench {
  static final int SIZE = 64;
  static final KmemCache CACHE = SlabAllocator.global().createCache("bench_64", SIZE, 8, null);
  static final MethodHandle MALLOC;
  static final MethodHandle FREE;

  static {
    Linker linker = Linker.nativeLinker();
    MALLOC = linker.downcallHandle(linker.defaultLookup().find("malloc").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    FREE = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
        FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
  }

  /** Slab allocator: {@code KmemCache.alloc} + {@code free} (the magazine fast path). */
  @Benchmark
  public long slab() {
    long p = CACHE.alloc();
    CACHE.free(p);
    return p;
  }

  /** glibc {@code malloc(64)} + {@code free} through FFM downcalls. */
  @Benchmark
  public long malloc() throws Throwable {
    long p = (long) MALLOC.invokeExact((long) SIZE);
    FREE.invokeExact(p);
    return p;
  }

  /** {@code Arena.ofConfined()}, allocate 64 bytes, close. */
  @Benchmark
  public long arenaConfined() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(SIZE);
      return s.address();
    }
  }

  /** Netty {@code PooledByteBufAllocator.DEFAULT.directBuffer(64)} + {@code release}. */
  @Benchmark
  public int nettyPooledDirect() {
    ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
    int c = b.capacity();
    b.release();
    return c;
  }
}
