package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.CpuSlots;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class StandardHelpersTest {
  final TracePipe pipe = new TracePipe();
  final HelperTable t = StandardHelpers.table(ProgType.SCHED_CLS, pipe);
  final RunState s = state(mem(16));

  @Test
  void tableNamesHelpersByKernelName() {
    assertEquals("map_lookup_elem", t.name(HelperId.MAP_LOOKUP_ELEM));
    assertEquals("ringbuf_reserve", t.name(HelperId.RINGBUF_RESERVE));
    StandardHelpers.require(t, HelperId.LOOP);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StandardHelpers.require(t, HelperId.SKB_VLAN_PUSH));
    assertEquals("helper bpf_skb_vlan_push (id 18) is not available on the JVM backend",
        e.getMessage());
    assertEquals("unknown helper id 60000",
        assertThrows(IllegalArgumentException.class,
            () -> StandardHelpers.require(t, 60000)).getMessage());
  }

  @Test
  void mapHelpersThroughTheTable() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 8, 4))) {
      MemorySegment k = mem(4);
      MemorySegment v = mem(8);
      k.set(Memory.U32, 0, 5);
      v.set(Memory.U64, 0, 77);
      assertEquals(0, call(t, s, HelperId.MAP_LOOKUP_ELEM, m.address(), k.address()));
      assertEquals(0, call(t, s, HelperId.MAP_UPDATE_ELEM, m.address(), k.address(), v.address(), 0));
      long p = call(t, s, HelperId.MAP_LOOKUP_ELEM, m.address(), k.address());
      assertEquals(77, Memory.ALL.get(Memory.U64, p));
      assertEquals(-17, call(t, s, HelperId.MAP_UPDATE_ELEM, m.address(), k.address(), v.address(), 1));
      assertEquals(0, call(t, s, HelperId.MAP_DELETE_ELEM, m.address(), k.address()));
      assertEquals(-2, call(t, s, HelperId.MAP_DELETE_ELEM, m.address(), k.address()));
      assertEquals(0, Helpers.mapLookupElem(m.address(), k.address()));
    }
    try (BpfMap q = BpfMaps.create(BpfMapSpec.of("q", MapType.QUEUE, 0, 8, 4))) {
      MemorySegment v = mem(8);
      v.set(Memory.U64, 0, 9);
      assertEquals(0, call(t, s, HelperId.MAP_PUSH_ELEM, q.address(), v.address(), 0));
      v.set(Memory.U64, 0, 0);
      assertEquals(0, call(t, s, HelperId.MAP_PEEK_ELEM, q.address(), v.address()));
      assertEquals(9, v.get(Memory.U64, 0));
      assertEquals(0, call(t, s, HelperId.MAP_POP_ELEM, q.address(), v.address()));
      assertEquals(-2, call(t, s, HelperId.MAP_POP_ELEM, q.address(), v.address()));
    }
  }

  @Test
  void timeRandomCpuAndTask() throws Exception {
    long a = call(t, s, HelperId.KTIME_GET_NS);
    Thread.sleep(5);
    long b = call(t, s, HelperId.KTIME_GET_NS);
    assertTrue(b - a >= 5_000_000, "monotonic ns");
    assertEquals(0, call(t, s, HelperId.KTIME_GET_COARSE_NS) % 4_000_000);
    assertTrue(call(t, s, HelperId.KTIME_GET_BOOT_NS) >= b);
    long r1 = call(t, s, HelperId.GET_PRANDOM_U32);
    long r2 = call(t, s, HelperId.GET_PRANDOM_U32);
    assertTrue(r1 >= 0 && r1 <= 0xffffffffL && (r1 != r2 || r1 != call(t, s, 7)));
    assertEquals(CpuSlots.current(), call(t, s, HelperId.GET_SMP_PROCESSOR_ID));
    long pidTgid = call(t, s, HelperId.GET_CURRENT_PID_TGID);
    assertEquals(ProcessHandle.current().pid(), pidTgid >>> 32);
    assertTrue((pidTgid & 0xffffffffL) != 0);
    Thread.currentThread().setName("worker-with-a-long-name");
    MemorySegment comm = mem(16);
    comm.fill((byte) 'x');
    assertEquals(0, call(t, s, HelperId.GET_CURRENT_COMM, comm.address(), 16));
    assertEquals("worker-with-a-l", readCstr(comm));
    long task = call(t, s, HelperId.GET_CURRENT_TASK);
    io.bpf4j.btf.KernelTypes.StructLayout l = io.bpf4j.btf.KernelTypes.task();
    assertEquals(pidTgid >>> 32,
        Memory.ALL.get(Memory.U32, task + l.offset("tgid")) & 0xffffffffL);
    assertEquals(pidTgid & 0xffffffffL,
        Memory.ALL.get(Memory.U32, task + l.offset("pid")) & 0xffffffffL);
    assertEquals("worker-with-a-l",
        Memory.ALL.asSlice(task + l.offset("comm"), 16).getString(0));
    assertEquals(task, call(t, s, HelperId.GET_CURRENT_TASK_BTF), "the same task");
    long ug = call(t, s, HelperId.GET_CURRENT_UID_GID);
    assertEquals(ug >>> 32 == 0 ? 0 : ug >>> 32, ug >>> 32);
  }

  @Test
  void jiffiesNumaNodeAndCgroup() throws Exception {
    long t0 = System.nanoTime();
    long j0 = call(t, s, HelperId.JIFFIES64);
    Thread.sleep(50);
    long j1 = call(t, s, HelperId.JIFFIES64);
    long t1 = System.nanoTime();
    long tick = 1_000_000_000L / HostInfo.HZ;
    assertTrue(j1 - j0 >= 50_000_000L / tick - 1 && j1 - j0 <= (t1 - t0) / tick + 1,
        "jiffies advance at HZ=" + HostInfo.HZ + ": " + j0 + " -> " + j1);
    assertTrue(j0 > 0xffffffffL - 300 * HostInfo.HZ, "counted from INITIAL_JIFFIES: " + j0);
    assertEquals(0, call(t, s, HelperId.GET_NUMA_NODE_ID));
    java.nio.file.Path cg = java.nio.file.Path.of("/proc/self/cgroup");
    String v2 = java.nio.file.Files.isReadable(cg) ? java.nio.file.Files.readAllLines(cg)
        .stream().filter(l -> l.startsWith("0::")).findFirst().orElse(null) : null;
    long want = v2 == null ? 0 : (Long) java.nio.file.Files.getAttribute(
        java.nio.file.Path.of("/sys/fs/cgroup" + v2.substring(3)), "unix:ino");
    assertEquals(want, call(t, s, HelperId.GET_CURRENT_CGROUP_ID), "the cgroup v2 inode");
  }

  @Test
  void redirectIsRecorded() {
    Redirects.clear();
    assertEquals(7, call(t, s, HelperId.REDIRECT, 3, 1));
    assertEquals(new Redirects(3, 1), Redirects.last());
    assertEquals(2, call(t, s, HelperId.REDIRECT, 3, 8), "bad flags: TC_ACT_SHOT");
    HelperTable x = StandardHelpers.table(ProgType.XDP, pipe);
    assertEquals(4, call(x, s, HelperId.REDIRECT, 5, 0));
    assertEquals(5, Redirects.last().ifindex());
    assertEquals(-14, call(t, s, HelperId.GET_STACKID, 0, 0, 0));
  }
}
