package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Element memory carved from 64 KiB chunks of one shared, long-lived arena, with a lock-free
 * free list (a Treiber stack threaded through the freed elements, tagged against ABA).
 */
final class ArenaElementMemory implements ElementMemory {
  private static final Arena ARENA = Arena.ofShared();
  private static final int CHUNK = 64 * 1024;

  private final int size;
  /** Free list head: low 48 bits address, high 16 bits tag. */
  private final AtomicLong free = new AtomicLong();
  private long chunkNext;
  private long chunkEnd;

  ArenaElementMemory(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("element size " + size + " (must be > 0)");
    }
    this.size = Math.max(8, (size + 7) & ~7);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long alloc() {
    while (true) {
      long head = free.get();
      long addr = head & 0xffff_ffff_ffffL;
      if (addr == 0) {
        return carve();
      }
      long next = Memory.ALL.get(Memory.U64, addr);
      long tagged = (next & 0xffff_ffff_ffffL) | ((head + (1L << 48)) & 0xffff_0000_0000_0000L);
      if (free.compareAndSet(head, tagged)) {
        Memory.ALL.asSlice(addr, size).fill((byte) 0);
        return addr;
      }
    }
  }

  private synchronized long carve() {
    if (chunkNext + size > chunkEnd) {
      int len = Math.max(CHUNK, size);
      MemorySegment chunk = ARENA.allocate(len, 64);
      chunkNext = chunk.address();
      chunkEnd = chunkNext + len;
    }
    long addr = chunkNext;
    chunkNext += size;
    return addr;
  }

  @Override
  public void free(long addr) {
    while (true) {
      long head = free.get();
      Memory.ALL.set(Memory.U64, addr, head & 0xffff_ffff_ffffL);
      long tagged = addr | ((head + (1L << 48)) & 0xffff_0000_0000_0000L);
      if (free.compareAndSet(head, tagged)) {
        return;
      }
    }
  }
}
