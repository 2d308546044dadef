package io.bpf4j.kernel;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** A program that counts its runs in a one-slot array map: the probe every link test uses. */
public final class Counter implements AutoCloseable {
  public final KernelMap map;
  public final KernelProgram prog;

  public Counter(ProgType type, int ret) {
    this(type, ret, null);
  }

  public Counter(ProgType type, int ret, io.bpf4j.uapi.AttachType expected) {
    map = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 8, 1).withName("count"));
    try {
      List<Insn> code = List.of(
          I.stw(10, -4, 0), I.movReg(2, 10), I.add(2, -4), KernelProgram.ldMapFd(1, map),
          I.call(1), I.jeq(0, 0, 2), I.mov(1, 1), I.atomicAdd64(0, 1, 0), I.mov(0, ret), I.exit());
      prog = KernelProgram.load(ProgramOptions.builder(type, code).name("counter")
          .expectedAttachType(expected).build());
    } catch (RuntimeException e) {
      map.close();
      throw e;
    }
  }

  /** How many times the program ran. */
  public long count() {
    return ByteBuffer.wrap(map.lookup(new byte[4]).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  @Override
  public void close() {
    prog.close();
    map.close();
  }
}
