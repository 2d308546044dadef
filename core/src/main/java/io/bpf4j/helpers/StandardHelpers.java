package io.bpf4j.helpers;

import static io.bpf4j.uapi.HelperId.*;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.MapHelpers;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.Helper;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.RunState;

/**
 * The helpers of the JVM backend in a {@link HelperTable}, by the kernel's ids and names
 * ({@code bpf_} prefix dropped, as {@link HelperId#name(int)} gives them).
 *
 * {@snippet :
 * HelperTable helpers = StandardHelpers.table(ProgType.XDP, TracePipe.global());
 * StandardHelpers.require(helpers, HelperId.MAP_LOOKUP_ELEM); // a load-time check
 * }
 */
public final class StandardHelpers {
  private StandardHelpers() {}

  private static final int XDP_REDIRECT = 4;
  private static final int TC_ACT_REDIRECT = 7;
  private static final int XDP_ABORTED = 0;
  private static final int TC_ACT_SHOT = 2;

  /** The helpers for any program type, printing to {@link TracePipe#global()}. */
  public static HelperTable table() {
    return table(ProgType.UNSPEC, TracePipe.global());
  }

  /**
   * The helpers for programs of {@code type} (it decides what {@code bpf_redirect} returns),
   * with {@code bpf_trace_printk} writing to {@code pipe}.
   */
  public static HelperTable table(ProgType type, TracePipe pipe) {
    boolean xdp = type == ProgType.XDP;
    HelperTable t = HelperTable.empty();
    t = add(t, MAP_LOOKUP_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_lookup_elem", 1, a);
      if (m == null) {
        return Helpers.mapLookupElem(a, b);
      }
      ArgChecks.mem(s, "map_lookup_elem", 2, b, m.keySize(), false);
      long v = Helpers.mapLookupElem(a, b);
      if (v != 0) { // checked mode: the value becomes memory the run may use
        s.allowRegion(v, m.valueSize(), true);
      }
      return v;
    });
    t = add(t, MAP_UPDATE_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_update_elem", 1, a);
      if (m != null) {
        ArgChecks.mem(s, "map_update_elem", 2, b, m.keySize(), false);
        ArgChecks.mem(s, "map_update_elem", 3, c, m.valueSize(), false);
      }
      return Helpers.mapUpdateElem(a, b, c, d);
    });
    t = add(t, MAP_DELETE_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_delete_elem", 1, a);
      if (m != null) {
        ArgChecks.mem(s, "map_delete_elem", 2, b, m.keySize(), false);
      }
      return Helpers.mapDeleteElem(a, b);
    });
    t = add(t, MAP_PUSH_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_push_elem", 1, a);
      if (m != null) {
        ArgChecks.mem(s, "map_push_elem", 2, b, m.valueSize(), false);
      }
      return Helpers.mapPushElem(a, b, c);
    });
    t = add(t, MAP_POP_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_pop_elem", 1, a);
      if (m != null) {
        ArgChecks.mem(s, "map_pop_elem", 2, b, m.valueSize(), true);
      }
      return Helpers.mapPopElem(a, b);
    });
    t = add(t, MAP_PEEK_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "map_peek_elem", 1, a);
      if (m != null) {
        ArgChecks.mem(s, "map_peek_elem", 2, b, m.valueSize(), true);
      }
      return Helpers.mapPeekElem(a, b);
    });
    t = add(t, KTIME_GET_NS, (s, a, b, c, d, e) -> Helpers.ktimeGetNs());
    t = add(t, KTIME_GET_BOOT_NS, (s, a, b, c, d, e) -> Helpers.ktimeGetBootNs());
    t = add(t, KTIME_GET_COARSE_NS, (s, a, b, c, d, e) -> Helpers.ktimeGetCoarseNs());
    t = add(t, GET_PRANDOM_U32, (s, a, b, c, d, e) -> Helpers.getPrandomU32());
    t = add(t, GET_SMP_PROCESSOR_ID, (s, a, b, c, d, e) -> Helpers.getSmpProcessorId());
    t = add(t, GET_NUMA_NODE_ID, (s, a, b, c, d, e) -> 0);
    t = add(t, JIFFIES64, (s, a, b, c, d, e) -> HostInfo.jiffies64());
    t = add(t, GET_CURRENT_CGROUP_ID, (s, a, b, c, d, e) -> HostInfo.cgroupId());
    // the net_cls classid of the skb's or the current task's cgroup: none on the JVM backend
    t = add(t, GET_CGROUP_CLASSID, (s, a, b, c, d, e) -> 0);
    t = add(t, TRACE_PRINTK,
        (s, a, b, c, d, e) -> ControlHelpers.tracePrintk(pipe, s, a, b, c, d, e));
    t = add(t, SNPRINTF, (s, a, b, c, d, e) -> ControlHelpers.snprintf(s, a, b, c, d, e));
    t = add(t, GET_CURRENT_PID_TGID, (s, a, b, c, d, e) -> TaskInfo.pidTgid());
    t = add(t, GET_CURRENT_UID_GID, (s, a, b, c, d, e) -> TaskInfo.uidGid());
    t = add(t, GET_CURRENT_COMM, (s, a, b, c, d, e) -> {
      if (b > 0) {
        ArgChecks.mem(s, "get_current_comm", 1, a, b, true);
      }
      return TaskInfo.comm(a, b);
    });
    t = add(t, GET_CURRENT_TASK, (s, a, b, c, d, e) -> TaskInfo.task());
    // the same block, which the verifier lets the program read as a task_struct: in a
    // checked run it is the run's, read-only
    t = add(t, GET_CURRENT_TASK_BTF, (s, a, b, c, d, e) -> {
      long task = TaskInfo.task();
      s.allowRegion(task, io.bpf4j.btf.KernelTypes.task().size(), false);
      return task;
    });
    t = add(t, FIND_VMA, (s, a, b, c, d, e) -> Vmas.findVma(s, a, b, c, d, e));
    for (int id : new int[] {PROBE_READ, PROBE_READ_KERNEL, PROBE_READ_USER}) {
      String name = HelperId.name(id);
      boolean kernel = id == PROBE_READ_KERNEL;
      t = add(t, id, (s, a, b, c, d, e) -> {
        ArgChecks.mem(s, name, 1, a, b, true);
        return ProbeMemory.read(s, a, b, c, kernel);
      });
    }
    for (int id : new int[] {PROBE_READ_STR, PROBE_READ_KERNEL_STR, PROBE_READ_USER_STR}) {
      String name = HelperId.name(id);
      boolean kernel = id == PROBE_READ_KERNEL_STR;
      t = add(t, id, (s, a, b, c, d, e) -> {
        if (b > 0) {
          ArgChecks.mem(s, name, 1, a, b, true);
        }
        return ProbeMemory.readStr(s, a, b, c, kernel);
      });
    }
    t = add(t, RINGBUF_OUTPUT, (s, a, b, c, d, e) -> {
      if (ArgChecks.map(s, "ringbuf_output", 1, a) != null && c > 0) {
        ArgChecks.mem(s, "ringbuf_output", 2, b, c, false);
      }
      return MapHelpers.ringbufOutput(a, b, c, d);
    });
    t = add(t, RINGBUF_RESERVE, (s, a, b, c, d, e) -> {
      ArgChecks.map(s, "ringbuf_reserve", 1, a);
      long r = MapHelpers.ringbufReserve(a, b, c);
      if (r != 0) {
        s.allowRegion(r, b, true);
      }
      return r;
    });
    t = add(t, RINGBUF_SUBMIT, (s, a, b, c, d, e) -> commit(s, "ringbuf_submit", a, b, false));
    t = add(t, RINGBUF_DISCARD, (s, a, b, c, d, e) -> commit(s, "ringbuf_discard", a, b, true));
    t = add(t, RINGBUF_QUERY, (s, a, b, c, d, e) -> {
      ArgChecks.map(s, "ringbuf_query", 1, a);
      return MapHelpers.ringbufQuery(a, b);
    });
    t = add(t, PERF_EVENT_OUTPUT, (s, a, b, c, d, e) -> {
      if (ArgChecks.map(s, "perf_event_output", 2, b) != null && e > 0) {
        ArgChecks.mem(s, "perf_event_output", 4, d, e, false);
      }
      return MapHelpers.perfEventOutput(b, c, d, e);
    });
    t = add(t, TAIL_CALL, (s, a, b, c, d, e) -> {
      ArgChecks.map(s, "tail_call", 2, b);
      return ControlHelpers.tailCall(s, b, c);
    });
    t = add(t, SPIN_LOCK, (s, a, b, c, d, e) -> {
      ArgChecks.mem(s, "spin_lock", 1, a, 4, true);
      ArgChecks.aligned(s, "spin_lock", 1, a, 4);
      return ControlHelpers.spinLock(a);
    });
    t = add(t, SPIN_UNLOCK, (s, a, b, c, d, e) -> {
      ArgChecks.mem(s, "spin_unlock", 1, a, 4, true);
      ArgChecks.aligned(s, "spin_unlock", 1, a, 4);
      return ControlHelpers.spinUnlock(a);
    });
    t = add(t, LOOP, (s, a, b, c, d, e) -> ControlHelpers.loop(s, a, b, c, d));
    t = add(t, FOR_EACH_MAP_ELEM, (s, a, b, c, d, e) -> {
      BpfMap m = ArgChecks.map(s, "for_each_map_elem", 1, a);
      return ControlHelpers.forEachMapElem(s, m, a, b, c, d);
    });
    t = add(t, TIMER_INIT, (s, a, b, c, d, e) -> TimerHelpers.init(s, a, b, c));
    t = add(t, TIMER_SET_CALLBACK, (s, a, b, c, d, e) -> TimerHelpers.setCallback(s, a, b));
    t = add(t, TIMER_START, (s, a, b, c, d, e) -> TimerHelpers.start(s, a, b, c));
    t = add(t, TIMER_CANCEL, (s, a, b, c, d, e) -> TimerHelpers.cancel(s, a));
    t = add(t, USER_RINGBUF_DRAIN, (s, a, b, c, d, e) -> {
      Dynptrs.userRingbuf(s, ArgChecks.map(s, "user_ringbuf_drain", 1, a));
      return Dynptrs.drain(s, a, b, c, d);
    });
    t = add(t, DYNPTR_READ, (s, a, b, c, d, e) -> Dynptrs.read(s, a, b, c, d, e));
    t = add(t, DYNPTR_DATA, (s, a, b, c, d, e) -> Dynptrs.dataOf(s, a, b, c));
    t = add(t, DYNPTR_WRITE, (s, a, b, c, d, e) -> Dynptrs.write(s, a, b, c, d, e));
    t = add(t, DYNPTR_FROM_MEM, (s, a, b, c, d, e) -> Dynptrs.fromMem(s, a, b, c, d));
    t = add(t, RINGBUF_RESERVE_DYNPTR, (s, a, b, c, d, e) -> {
      ArgChecks.map(s, "ringbuf_reserve_dynptr", 1, a);
      return Dynptrs.reserve(s, a, b, c, d);
    });
    t = add(t, RINGBUF_SUBMIT_DYNPTR,
        (s, a, b, c, d, e) -> Dynptrs.commit(s, "ringbuf_submit_dynptr", a, b, false));
    t = add(t, RINGBUF_DISCARD_DYNPTR,
        (s, a, b, c, d, e) -> Dynptrs.commit(s, "ringbuf_discard_dynptr", a, b, true));
    t = add(t, STRNCMP, (s, a, b, c, d, e) -> ControlHelpers.strncmp(s, a, b, c));
    t = add(t, XDP_ADJUST_HEAD, (s, a, b, c, d, e) -> PacketHelpers.xdpAdjustHead(s, a, b));
    t = add(t, XDP_ADJUST_TAIL, (s, a, b, c, d, e) -> PacketHelpers.xdpAdjustTail(s, a, b));
    t = add(t, XDP_ADJUST_META, (s, a, b, c, d, e) -> PacketHelpers.xdpAdjustMeta(s, a, b));
    t = add(t, XDP_GET_BUFF_LEN, (s, a, b, c, d, e) -> PacketHelpers.xdpGetBuffLen(s, a));
    t = add(t, XDP_LOAD_BYTES,
        (s, a, b, c, d, e) -> PacketHelpers.xdpBytes(s, a, b, c, d, false));
    t = add(t, XDP_STORE_BYTES,
        (s, a, b, c, d, e) -> PacketHelpers.xdpBytes(s, a, b, c, d, true));
    t = add(t, SKB_PULL_DATA, (s, a, b, c, d, e) -> PacketHelpers.skbPullData(s, a, b));
    t = add(t, SKB_LOAD_BYTES,
        (s, a, b, c, d, e) -> PacketHelpers.skbLoadBytes(s, a, b, c, d));
    t = add(t, SKB_STORE_BYTES,
        (s, a, b, c, d, e) -> PacketHelpers.skbStoreBytes(s, a, b, c, d, e));
    if (type == ProgType.SCHED_CLS || type == ProgType.SCHED_ACT
        || type == ProgType.SOCKET_FILTER || type == ProgType.CGROUP_SKB) {
      // the socket of a test run's skb (none outside test runs): the argument is not read
      t = add(t, GET_SOCKET_COOKIE, (s, a, b, c, d, e) -> TestRunSocket.cookie(a));
      t = add(t, GET_SOCKET_UID, (s, a, b, c, d, e) -> TestRunSocket.uid(a));
    }
    t = add(t, CSUM_DIFF, (s, a, b, c, d, e) -> PacketHelpers.csumDiff(s, a, b, c, d, e));
    t = add(t, L3_CSUM_REPLACE,
        (s, a, b, c, d, e) -> PacketHelpers.l3CsumReplace(s, a, b, c, d, e));
    t = add(t, L4_CSUM_REPLACE,
        (s, a, b, c, d, e) -> PacketHelpers.l4CsumReplace(s, a, b, c, d, e));
    t = add(t, REDIRECT, (s, a, b, c, d, e) -> {
      if ((b & ~1L) != 0) {
        return xdp ? XDP_ABORTED : TC_ACT_SHOT;
      }
      Redirects.record((int) a, b);
      return xdp ? XDP_REDIRECT : TC_ACT_REDIRECT;
    });
    t = add(t, REDIRECT_MAP, (s, a, b, c, d, e) -> {
      ArgChecks.map(s, "redirect_map", 1, a);
      long r = io.bpf4j.maps.MapHelpers.redirectMap(a, b, c);
      long action = r & 0xffffffffL;
      if (action == XDP_REDIRECT) {
        Redirects.record((int) (r >>> 32), c);
      }
      return action;
    });
    t = add(t, GET_STACKID, (s, a, b, c, d, e) -> -14); // no stack to walk: -EFAULT
    return t;
  }

  private static long commit(RunState s, String name, long sample, long flags, boolean discard) {
    // checked runs: the record must be one this run reserved (allowed at reserve)
    ArgChecks.mem(s, name, 1, sample, 1, true);
    if (s.checked() && !MapHelpers.isReservedSample(sample)) {
      throw new ExecutionException(-1, String.format(
          "bpf_%s: argument r1 (0x%x) is not a reserved ring buffer record", name, sample));
    }
    MapHelpers.ringbufCommit(sample, flags, discard);
    return 0;
  }

  private static HelperTable add(HelperTable t, int id, Helper h) {
    return t.with(id, HelperId.name(id), h);
  }

  /**
   * Checks at load time that a program's {@code call id} has a helper in {@code table}.
   *
   * @throws IllegalArgumentException naming the helper, e.g. "helper bpf_skb_vlan_push (id
   *     18) is not available on the JVM backend"
   */
  public static void require(HelperTable table, int id) {
    if (!table.has(id)) {
      throw new IllegalArgumentException(HelperTable.missing(id));
    }
  }
}
