package io.bpf4j.verifier;

import io.bpf4j.btf.AttachTarget;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.KernelTypes;
import io.bpf4j.uapi.AttachType;
import java.util.Map;

/**
 * The context of a BTF-typed tracing program ({@code tp_btf/}, {@code fentry/}, {@code
 * fexit/}, {@code fmod_ret/}, {@code iter/}): its target's arguments as an array of u64, read
 * as the kernel's {@code tracing_prog_is_valid_access} and {@code btf_ctx_access}
 * (kernel/bpf/btf.c) allow it. Reads only, below 12 u64s, aligned to their size and to 8; an
 * argument that is a number (an integer up to 8 bytes, an enum, a struct passed by value) reads
 * as a scalar of any size; a pointer is read whole, and a pointer to a struct gives a
 * BTF-typed pointer to it, trusted for tracepoints and iterators (the kernel's {@code
 * prog_args_trusted}), plain for fentry/fexit/fmod_ret; a pointer to void or to an integer
 * reads as a number, and any other pointer (to a function, a pointer, an enum) is refused, as
 * Linux 6.18 does (later kernels read them as numbers).
 * {@code fexit} also reads the return value after the arguments, {@code fmod_ret} an integer
 * one. A refusal is the kernel's {@code invalid bpf_context access off=.. size=..} followed by
 * the line the kernel logs before it, in parentheses.
 */
final class TracingCtx {
  /** {@code MAX_BPF_FUNC_ARGS}. */
  private static final int MAX_ARGS = 12;

  private final AttachTarget target;
  private final Btf btf;
  private final String func;

  TracingCtx(AttachTarget target) {
    this.target = target;
    this.btf = target.btf();
    this.func = target.name();
  }

  /** The value a read of {@code size} bytes at {@code off} of the context gives. */
  Reg access(Checker env, int pc, int regno, int off, int size, boolean write) throws Reject {
    if (off < 0 || off >= 8 * MAX_ARGS || write || off % size != 0) {
      throw refuse(pc, regno, off, size, null);
    }
    if (off % 8 != 0) {
      throw refuse(pc, regno, off, size, "func '" + func + "' offset " + off
          + " is not multiple of 8");
    }
    var args = target.args();
    int arg = argIndex(off);
    int nargs = args.size();
    if (arg > nargs) {
      throw refuse(pc, regno, off, size, "func '" + func + "' doesn't have " + (arg + 1)
          + "-th argument");
    }
    int tid;
    if (arg == nargs) {
      AttachType a = target.attach();
      if (a == AttachType.TRACE_FEXIT || a == AttachType.LSM_MAC
          || a == AttachType.LSM_CGROUP) {
        tid = target.returnType();
      } else if (a == AttachType.MODIFY_RETURN) {
        tid = skipModifiers(target.returnType());
        if (!(btf.type(tid) instanceof BtfType.Int i && i.size() <= 8)) {
          throw refuse(pc, regno, off, size, "ret type " + kindName(tid)
              + " not allowed for fmod_ret");
        }
      } else {
        throw refuse(pc, regno, off, size, "func '" + func + "' doesn't have " + (arg + 1)
            + "-th argument");
      }
    } else {
      tid = args.get(arg).type();
    }
    tid = skipModifiers(tid);
    BtfType t = btf.type(tid);
    if ((t instanceof BtfType.Int i && i.size() <= 8) || t instanceof BtfType.Enum
        || t instanceof BtfType.Composite) {
      return Reg.unknownScalar();
    }
    if (!(t instanceof BtfType.Ptr p)) {
      throw refuse(pc, regno, off, size, "func '" + func + "' arg" + arg + " '" + nameOf(t)
          + "' has type " + kindName(tid) + ". Only pointer access is allowed");
    }
    if (size != 8) {
      throw refuse(pc, regno, off, size, "func '" + func + "' size " + size + " must be 8");
    }
    int pointee = skipModifiers(p.type());
    BtfType pt = btf.type(pointee);
    if (pointee == 0 || pt instanceof BtfType.Int) {
      // a pointer to void or to a number: a number to the verifier (is_void_or_int_ptr)
      return Reg.unknownScalar();
    }
    if (!(pt instanceof BtfType.Composite)) {
      throw refuse(pc, regno, off, size, "func '" + func + "' arg" + arg + " type "
          + kindName(pointee) + " is not a struct");
    }
    int trust = trusted() ? Reg.BTF_TRUSTED : Reg.BTF_PLAIN;
    boolean maybeNull = arg < nargs && args.get(arg).name() != null
        && args.get(arg).name().endsWith("__nullable");
    boolean errPtr = false;
    if (target.attach() == AttachType.TRACE_RAW_TP) {
      Integer mask = RAW_TP_NULL_ARGS.get(func);
      if (mask != null && arg < 8) {
        maybeNull |= (mask & (1 << (arg * 4))) != 0;
        errPtr = (mask & (2 << (arg * 4))) != 0;
      }
    }
    if (target.attach() == AttachType.TRACE_ITER && arg > 0) {
      // an iterator registers its object arguments as PTR_TO_BTF_ID_OR_NULL, most with
      // PTR_TRUSTED (ctx_arg_info of its bpf_iter_reg)
      maybeNull = true;
      Integer plain = PLAIN_ITER_ARGS.get(func);
      if (plain != null && (plain & (1 << arg)) != 0) {
        trust = Reg.BTF_PLAIN;
      }
    }
    env.note("func '" + func + "' arg" + arg + " has btf_id " + pointee + " type "
        + kindName(pointee) + " '" + nameOf(pt) + "'");
    if (errPtr) {
      env.note("marking pointer arg" + arg + " as scalar as it may encode error");
      return Reg.unknownScalar();
    }
    KernelTypes.StructLayout s = KernelTypes.byId(pointee);
    if (s == null || btf != KernelTypes.vmlinux().orElse(null)) {
      throw new Reject(pc, Problem.KERNEL_STRUCT, regno, "func '" + func + "' arg" + arg
          + ": struct " + nameOf(pt) + " is not in the running kernel's BTF here");
    }
    Reg r = Reg.kernelStruct(s, trust);
    if (maybeNull) {
      r.type = RegType.PTR_TO_BTF_ID_OR_NULL;
      r.id = env.newId();
    }
    return r;
  }

  /**
   * The iterators whose object arguments are registered without {@code PTR_TRUSTED}
   * ({@code ptr_or_null_}), by their function and the bits of those arguments: measured
   * against Linux 6.18 by {@code TracingContextAgreementTest}; the others' are trusted.
   */
  private static final Map<String, Integer> PLAIN_ITER_ARGS = Map.of(
      "bpf_iter_bpf_link", 1 << 1,
      "bpf_iter_bpf_prog", 1 << 1,
      "bpf_iter_dmabuf", 1 << 1,
      "bpf_iter_ipv6_route", 1 << 1,
      "bpf_iter_ksym", 1 << 1,
      "bpf_iter_netlink", 1 << 1,
      "bpf_iter_task_file", 1 << 1 | 1 << 3,
      "bpf_iter_task_vma", 1 << 1 | 1 << 2,
      "bpf_iter_unix", 1 << 1);

  /** {@code prog_args_trusted}: a tracepoint's and an iterator's arguments. */
  private boolean trusted() {
    return target.attach() == AttachType.TRACE_RAW_TP || target.attach() == AttachType.TRACE_ITER;
  }

  /**
   * The kernel's {@code btf_ctx_arg_idx}: the argument that offset {@code off} falls in,
   * counting each argument as 8 bytes (a pointer) or its size rounded up to 8, over the whole
   * prototype (a tracepoint's {@code __data} included: the kernel counts it too, and then
   * indexes the arguments after it); the return value's index after the last, one more past it.
   */
  private int argIndex(int off) {
    var params = target.funcProto().params();
    long offset = 0;
    for (int i = 0; i < params.size(); i++) {
      offset += slotSize(params.get(i).type());
      if (off < offset) {
        return i;
      }
    }
    offset += slotSize(target.returnType());
    return off < offset ? params.size() : params.size() + 1;
  }

  private long slotSize(int id) {
    int t = skipModifiers(id);
    if (btf.type(t) instanceof BtfType.Ptr) {
      return 8;
    }
    long sz = t == 0 ? 0 : btf.sizeOf(t);
    return (sz + 7) / 8 * 8;
  }

  /** Skips typedefs, const, volatile, restrict and type tags ({@code btf_type_is_modifier}). */
  private int skipModifiers(int id) {
    return btf.resolve(id);
  }

  /** The kernel's {@code btf_type_str}. */
  private String kindName(int id) {
    BtfKind k = btf.type(id).kind();
    return k == BtfKind.VOID ? "UNKN" : k.name();
  }

  private static String nameOf(BtfType t) {
    String n = switch (t) {
      case BtfType.Struct s -> s.name();
      case BtfType.Union u -> u.name();
      case BtfType.Int i -> i.name();
      case BtfType.Enum e -> e.name();
      case BtfType.Float f -> f.name();
      case BtfType.Fwd f -> f.name();
      default -> null;
    };
    return n == null ? "" : n;
  }

  private static Reject refuse(int pc, int regno, int off, int size, String why) {
    return new Reject(pc, Problem.CTX_ACCESS, regno, "invalid bpf_context access off=" + off
        + " size=" + size + (why == null ? "" : " (" + why + ")"));
  }

  /**
   * The kernel's {@code raw_tp_null_args} (kernel/bpf/btf.c; Linux 6.18's entries and those a
   * little later kernels added, which only make bpf4j stricter: {@code
   * TracingContextAgreementTest} finds the same verdict as 6.18 for every pointer argument of
   * every tracepoint of its BTF): per tracepoint, 4 bits per argument, {@code 0x1} for an argument that may
   * be NULL, {@code 0x2} for one that may hold an error code (read as a number).
   */
  private static final Map<String, Integer> RAW_TP_NULL_ARGS = Map.ofEntries(
      // Linux 6.18 has these three, which later kernels dropped
      Map.entry("sched_process_wait", 0x1),
      Map.entry("signal_generate", 0x20),
      Map.entry("signal_deliver", 0x20),
      Map.entry("sched_pi_setprio", 0x10),
      Map.entry("sched_stick_numa", 0x100),
      Map.entry("sched_swap_numa", 0x100),
      Map.entry("afs_make_fs_call", 0x10),
      Map.entry("afs_make_fs_calli", 0x10),
      Map.entry("afs_make_fs_call1", 0x10),
      Map.entry("afs_make_fs_call2", 0x10),
      Map.entry("afs_protocol_error", 0x1),
      Map.entry("afs_flock_ev", 0x10),
      Map.entry("cachefiles_lookup", 0x201),
      Map.entry("cachefiles_unlink", 0x1),
      Map.entry("cachefiles_rename", 0x1),
      Map.entry("cachefiles_prep_read", 0x1),
      Map.entry("cachefiles_mark_active", 0x1),
      Map.entry("cachefiles_mark_failed", 0x1),
      Map.entry("cachefiles_mark_inactive", 0x1),
      Map.entry("cachefiles_vfs_error", 0x1),
      Map.entry("cachefiles_io_error", 0x1),
      Map.entry("cachefiles_ondemand_open", 0x1),
      Map.entry("cachefiles_ondemand_copen", 0x1),
      Map.entry("cachefiles_ondemand_close", 0x1),
      Map.entry("cachefiles_ondemand_read", 0x1),
      Map.entry("cachefiles_ondemand_cread", 0x1),
      Map.entry("cachefiles_ondemand_fd_write", 0x1),
      Map.entry("cachefiles_ondemand_fd_release", 0x1),
      Map.entry("ext4_mballoc_discard", 0x10),
      Map.entry("ext4_mballoc_free", 0x10),
      Map.entry("fib_table_lookup", 0x100),
      Map.entry("posix_lock_inode", 0x10),
      Map.entry("fcntl_setlk", 0x10),
      Map.entry("locks_remove_posix", 0x10),
      Map.entry("flock_lock_inode", 0x10),
      Map.entry("break_lease_noblock", 0x10),
      Map.entry("break_lease_block", 0x10),
      Map.entry("break_lease_unblock", 0x10),
      Map.entry("generic_delete_lease", 0x10),
      Map.entry("time_out_leases", 0x10),
      Map.entry("host1x_cdma_push_gather", 0x10000),
      Map.entry("mm_khugepaged_scan_pmd", 0x10),
      Map.entry("mm_collapse_huge_page_isolate", 0x1),
      Map.entry("mm_khugepaged_scan_file", 0x10),
      Map.entry("mm_khugepaged_collapse_file", 0x10),
      Map.entry("mm_page_alloc", 0x1),
      Map.entry("mm_page_pcpu_drain", 0x1),
      Map.entry("mm_page_alloc_zone_locked", 0x1),
      Map.entry("netfs_failure", 0x10),
      Map.entry("device_pm_callback_start", 0x10),
      Map.entry("qdisc_dequeue", 0x1000),
      Map.entry("rxrpc_recvdata", 0x1),
      Map.entry("rxrpc_resend", 0x10),
      Map.entry("rxrpc_tq", 0x10),
      Map.entry("rxrpc_client", 0x1),
      Map.entry("kfree_skb", 0x1000),
      Map.entry("xs_stream_read_data", 0x1),
      Map.entry("xprt_reserve_cong", 0x10),
      Map.entry("xprt_release_cong", 0x10),
      Map.entry("xprt_get_cong", 0x10),
      Map.entry("xprt_put_cong", 0x10),
      Map.entry("tcp_send_reset", 0x11),
      Map.entry("tcp_sendmsg_locked", 0x100),
      Map.entry("tegra_dma_tx_status", 0x100),
      Map.entry("tmigr_update_events", 0x1),
      Map.entry("writeback_dirty_folio", 0x10),
      Map.entry("folio_wait_writeback", 0x10),
      Map.entry("mr_integ_alloc", 0x2000),
      Map.entry("amdgpu_vm_bo_map", 0x1),
      Map.entry("amdgpu_vm_bo_unmap", 0x1),
      Map.entry("netfs_folioq", 0x1),
      Map.entry("xfs_defer_create_intent", 0x1),
      Map.entry("xfs_defer_cancel_list", 0x1),
      Map.entry("xfs_defer_pending_finish", 0x1),
      Map.entry("xfs_defer_pending_abort", 0x1),
      Map.entry("xfs_defer_relog_intent", 0x1),
      Map.entry("xfs_defer_isolate_paused", 0x1),
      Map.entry("xfs_defer_item_pause", 0x1),
      Map.entry("xfs_defer_item_unpause", 0x1),
      Map.entry("xfs_defer_add_item", 0x1),
      Map.entry("xfs_defer_cancel_item", 0x1),
      Map.entry("xfs_defer_finish_item", 0x1),
      Map.entry("xfs_ioc_free_eofblocks", 0x10),
      Map.entry("xfs_blockgc_free_space", 0x10),
      Map.entry("xfs_btree_updkeys", 0x100),
      Map.entry("xfs_btree_overlapped_query_range", 0x100),
      Map.entry("xfs_map_blocks_found", 0x10000),
      Map.entry("xfs_map_blocks_alloc", 0x10000),
      Map.entry("xfs_iomap_alloc", 0x1000),
      Map.entry("xfs_iomap_found", 0x1000),
      Map.entry("xfs_inodegc_flush", 0x1),
      Map.entry("xfs_inodegc_push", 0x1),
      Map.entry("xfs_inodegc_start", 0x1),
      Map.entry("xfs_inodegc_stop", 0x1),
      Map.entry("xfs_inodegc_queue", 0x1),
      Map.entry("xfs_inodegc_throttle", 0x1),
      Map.entry("xfs_fs_sync_fs", 0x1),
      Map.entry("xfs_blockgc_start", 0x1),
      Map.entry("xfs_blockgc_stop", 0x1),
      Map.entry("xfs_blockgc_worker", 0x1),
      Map.entry("xfs_blockgc_flush_all", 0x1),
      Map.entry("xchk_nlinks_live_update", 0x10),
      Map.entry("xchk_metapath_lookup", 0x100),
      Map.entry("nfsd_dirent", 0x1),
      Map.entry("nfsd_file_acquire", 0x1001),
      Map.entry("nfsd_file_insert_err", 0x1),
      Map.entry("nfsd_file_cons_err", 0x1),
      Map.entry("nfs4_setup_sequence", 0x1),
      Map.entry("pnfs_update_layout", 0x10000),
      Map.entry("nfs4_inode_callback_event", 0x200),
      Map.entry("nfs4_inode_stateid_callback_event", 0x200),
      Map.entry("pnfs_mds_fallback_pg_init_read", 0x10000),
      Map.entry("pnfs_mds_fallback_pg_init_write", 0x10000),
      Map.entry("pnfs_mds_fallback_pg_get_mirror_count", 0x10000),
      Map.entry("pnfs_mds_fallback_read_done", 0x10000),
      Map.entry("pnfs_mds_fallback_write_done", 0x10000),
      Map.entry("pnfs_mds_fallback_read_pagelist", 0x10000),
      Map.entry("pnfs_mds_fallback_write_pagelist", 0x10000),
      Map.entry("coda_dec_pic_run", 0x10),
      Map.entry("coda_dec_pic_done", 0x10),
      Map.entry("cfg80211_scan_done", 0x11),
      Map.entry("rdev_set_coalesce", 0x10),
      Map.entry("cfg80211_report_wowlan_wakeup", 0x100),
      Map.entry("cfg80211_inform_bss_frame", 0x100),
      Map.entry("cfg80211_michael_mic_failure", 0x10000),
      Map.entry("wiphy_work_queue", 0x10),
      Map.entry("wiphy_work_run", 0x10),
      Map.entry("wiphy_work_cancel", 0x10),
      Map.entry("wiphy_work_flush", 0x10),
      Map.entry("hugetlbfs_alloc_inode", 0x10),
      Map.entry("spufs_context", 0x10),
      Map.entry("kvm_page_fault_enter", 0x100),
      Map.entry("dpu_crtc_setup_mixer", 0x100),
      Map.entry("binder_transaction", 0x100),
      Map.entry("btree_path_free", 0x100),
      Map.entry("hfi1_sdma_progress", 0x1000),
      Map.entry("iptfs_ingress_postq_event", 0x1000),
      Map.entry("amdtp_packet", 0x100),
      Map.entry("neigh_update", 0x10));
}
