package io.bpf4j.bench;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.MapHelpers;
import io.bpf4j.maps.RingBufferConsumer;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ring buffer throughput: a batch of 64 records written as a program writes them
 * ({@code bpf_ringbuf_output}, or reserve + submit) and read by a {@link RingBufferConsumer};
 * the score is the time per record, producer and consumer together.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class RingBufBench {
  static final int BATCH = 64;

  @Param({"64", "512"})
  public int recordSize;

  BpfMap ring;
  long ringPtr;
  MemorySegment record;
  RingBufferConsumer consumer;
  long sum;

  @Setup(Level.Trial)
  public void setUp() {
    ring = BpfMaps.create(BpfMapSpec.of("bench_rb", MapType.RINGBUF, 0, 0, 1 << 20));
    ringPtr = ring.address();
    record = Arena.ofAuto().allocate(recordSize, 8);
    consumer = new RingBufferConsumer(ring, d -> {
      sum += d.byteSize();
      return 0;
    });
  }

  /** {@code bpf_ringbuf_output} (copy in), then consume. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long output() {
    for (int k = 0; k < BATCH; k++) {
      MapHelpers.ringbufOutput(ringPtr, record.address(), recordSize, 0);
    }
    return consumer.consume();
  }

  /** {@code bpf_ringbuf_reserve} + {@code bpf_ringbuf_submit} (written in place), then consume. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long reserveSubmit() {
    for (int k = 0; k < BATCH; k++) {
      long p = MapHelpers.ringbufReserve(ringPtr, recordSize, 0);
      MemorySegment.copy(record, 0, io.bpf4j.vm.Memory.ALL, p, 8);
      MapHelpers.ringbufCommit(p, 0, false);
    }
    return consumer.consume();
  }
}
