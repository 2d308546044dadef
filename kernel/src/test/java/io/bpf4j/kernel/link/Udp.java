package io.bpf4j.kernel.link;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.bpf4j.kernel.Fd;
import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteOrder;

/** A UDP socket opened with FFM socket()/bind(), so tests have its fd for SO_ATTACH_BPF. */
final class Udp implements AutoCloseable {
  final Fd fd;
  final int port;
  private final Sys sys = Sys.system();

  Udp(String ip) throws Exception {
    fd = Fd.adopt(sys, (int) Sys.check(sys.socket(2 /* AF_INET */, 2 | 0x80000 /* DGRAM|CLOEXEC */, 0), "socket"));
    try (Arena a = Arena.ofConfined()) {
      MemorySegment sa = a.allocate(16, 4);
      sa.set(JAVA_SHORT, 0, (short) 2);
      byte[] addr = InetAddress.getByName(ip).getAddress();
      MemorySegment.copy(addr, 0, sa, JAVA_BYTE, 4, 4);
      Sys.check(sys.syscall(sys.numbers().bind(), fd.get(), sa.address(), 16), "bind");
      MemorySegment len = a.allocate(JAVA_INT);
      len.set(JAVA_INT, 0, 16);
      Sys.check(sys.syscall(sys.numbers().getsockname(), fd.get(), sa.address(), len.address()), "getsockname");
      port = Short.toUnsignedInt(sa.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
    } catch (RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** Receives one datagram within {@code millis}, or returns null. */
  byte[] receive(int millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocate(2048);
      do {
        long n = sys.syscall(sys.numbers().recvfrom(), fd.get(), buf.address(), 2048, 0x40 /* MSG_DONTWAIT */, 0, 0);
        if (n >= 0) {
          return buf.asSlice(0, n).toArray(JAVA_BYTE);
        }
        Thread.sleep(5);
      } while (System.nanoTime() < end);
      return null;
    }
  }

  @Override
  public void close() {
    fd.close();
  }
}
