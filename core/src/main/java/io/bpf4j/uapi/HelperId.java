package io.bpf4j.uapi;

/**
 * The kernel's helper functions by id, as {@code call ID} names them ({@code BPF_FUNC_*} of
 * {@code linux/bpf.h}). {@link #name(int)} gives the helper's name without the
 * {@code bpf_} prefix.
 */
public final class HelperId {
  private HelperId() {}

  /** Not a helper: id 0 is unused. */
  public static final int UNSPEC = 0;
  /** {@code bpf_map_lookup_elem}, helper 1. */
  public static final int MAP_LOOKUP_ELEM = 1;
  /** {@code bpf_map_update_elem}, helper 2. */
  public static final int MAP_UPDATE_ELEM = 2;
  /** {@code bpf_map_delete_elem}, helper 3. */
  public static final int MAP_DELETE_ELEM = 3;
  /** {@code bpf_probe_read}, helper 4. */
  public static final int PROBE_READ = 4;
  /** {@code bpf_ktime_get_ns}, helper 5. */
  public static final int KTIME_GET_NS = 5;
  /** {@code bpf_trace_printk}, helper 6. */
  public static final int TRACE_PRINTK = 6;
  /** {@code bpf_get_prandom_u32}, helper 7. */
  public static final int GET_PRANDOM_U32 = 7;
  /** {@code bpf_get_smp_processor_id}, helper 8. */
  public static final int GET_SMP_PROCESSOR_ID = 8;
  /** {@code bpf_skb_store_bytes}, helper 9. */
  public static final int SKB_STORE_BYTES = 9;
  /** {@code bpf_l3_csum_replace}, helper 10. */
  public static final int L3_CSUM_REPLACE = 10;
  /** {@code bpf_l4_csum_replace}, helper 11. */
  public static final int L4_CSUM_REPLACE = 11;
  /** {@code bpf_tail_call}, helper 12. */
  public static final int TAIL_CALL = 12;
  /** {@code bpf_clone_redirect}, helper 13. */
  public static final int CLONE_REDIRECT = 13;
  /** {@code bpf_get_current_pid_tgid}, helper 14. */
  public static final int GET_CURRENT_PID_TGID = 14;
  /** {@code bpf_get_current_uid_gid}, helper 15. */
  public static final int GET_CURRENT_UID_GID = 15;
  /** {@code bpf_get_current_comm}, helper 16. */
  public static final int GET_CURRENT_COMM = 16;
  /** {@code bpf_get_cgroup_classid}, helper 17. */
  public static final int GET_CGROUP_CLASSID = 17;
  /** {@code bpf_skb_vlan_push}, helper 18. */
  public static final int SKB_VLAN_PUSH = 18;
  /** {@code bpf_skb_vlan_pop}, helper 19. */
  public static final int SKB_VLAN_POP = 19;
  /** {@code bpf_skb_get_tunnel_key}, helper 20. */
  public static final int SKB_GET_TUNNEL_KEY = 20;
  /** {@code bpf_skb_set_tunnel_key}, helper 21. */
  public static final int SKB_SET_TUNNEL_KEY = 21;
  /** {@code bpf_perf_event_read}, helper 22. */
  public static final int PERF_EVENT_READ = 22;
  /** {@code bpf_redirect}, helper 23. */
  public static final int REDIRECT = 23;
  /** {@code bpf_get_route_realm}, helper 24. */
  public static final int GET_ROUTE_REALM = 24;
  /** {@code bpf_perf_event_output}, helper 25. */
  public static final int PERF_EVENT_OUTPUT = 25;
  /** {@code bpf_skb_load_bytes}, helper 26. */
  public static final int SKB_LOAD_BYTES = 26;
  /** {@code bpf_get_stackid}, helper 27. */
  public static final int GET_STACKID = 27;
  /** {@code bpf_csum_diff}, helper 28. */
  public static final int CSUM_DIFF = 28;
  /** {@code bpf_skb_get_tunnel_opt}, helper 29. */
  public static final int SKB_GET_TUNNEL_OPT = 29;
  /** {@code bpf_skb_set_tunnel_opt}, helper 30. */
  public static final int SKB_SET_TUNNEL_OPT = 30;
  /** {@code bpf_skb_change_proto}, helper 31. */
  public static final int SKB_CHANGE_PROTO = 31;
  /** {@code bpf_skb_change_type}, helper 32. */
  public static final int SKB_CHANGE_TYPE = 32;
  /** {@code bpf_skb_under_cgroup}, helper 33. */
  public static final int SKB_UNDER_CGROUP = 33;
  /** {@code bpf_get_hash_recalc}, helper 34. */
  public static final int GET_HASH_RECALC = 34;
  /** {@code bpf_get_current_task}, helper 35. */
  public static final int GET_CURRENT_TASK = 35;
  /** {@code bpf_probe_write_user}, helper 36. */
  public static final int PROBE_WRITE_USER = 36;
  /** {@code bpf_current_task_under_cgroup}, helper 37. */
  public static final int CURRENT_TASK_UNDER_CGROUP = 37;
  /** {@code bpf_skb_change_tail}, helper 38. */
  public static final int SKB_CHANGE_TAIL = 38;
  /** {@code bpf_skb_pull_data}, helper 39. */
  public static final int SKB_PULL_DATA = 39;
  /** {@code bpf_csum_update}, helper 40. */
  public static final int CSUM_UPDATE = 40;
  /** {@code bpf_set_hash_invalid}, helper 41. */
  public static final int SET_HASH_INVALID = 41;
  /** {@code bpf_get_numa_node_id}, helper 42. */
  public static final int GET_NUMA_NODE_ID = 42;
  /** {@code bpf_skb_change_head}, helper 43. */
  public static final int SKB_CHANGE_HEAD = 43;
  /** {@code bpf_xdp_adjust_head}, helper 44. */
  public static final int XDP_ADJUST_HEAD = 44;
  /** {@code bpf_probe_read_str}, helper 45. */
  public static final int PROBE_READ_STR = 45;
  /** {@code bpf_get_socket_cookie}, helper 46. */
  public static final int GET_SOCKET_COOKIE = 46;
  /** {@code bpf_get_socket_uid}, helper 47. */
  public static final int GET_SOCKET_UID = 47;
  /** {@code bpf_set_hash}, helper 48. */
  public static final int SET_HASH = 48;
  /** {@code bpf_setsockopt}, helper 49. */
  public static final int SETSOCKOPT = 49;
  /** {@code bpf_skb_adjust_room}, helper 50. */
  public static final int SKB_ADJUST_ROOM = 50;
  /** {@code bpf_redirect_map}, helper 51. */
  public static final int REDIRECT_MAP = 51;
  /** {@code bpf_sk_redirect_map}, helper 52. */
  public static final int SK_REDIRECT_MAP = 52;
  /** {@code bpf_sock_map_update}, helper 53. */
  public static final int SOCK_MAP_UPDATE = 53;
  /** {@code bpf_xdp_adjust_meta}, helper 54. */
  public static final int XDP_ADJUST_META = 54;
  /** {@code bpf_perf_event_read_value}, helper 55. */
  public static final int PERF_EVENT_READ_VALUE = 55;
  /** {@code bpf_perf_prog_read_value}, helper 56. */
  public static final int PERF_PROG_READ_VALUE = 56;
  /** {@code bpf_getsockopt}, helper 57. */
  public static final int GETSOCKOPT = 57;
  /** {@code bpf_override_return}, helper 58. */
  public static final int OVERRIDE_RETURN = 58;
  /** {@code bpf_sock_ops_cb_flags_set}, helper 59. */
  public static final int SOCK_OPS_CB_FLAGS_SET = 59;
  /** {@code bpf_msg_redirect_map}, helper 60. */
  public static final int MSG_REDIRECT_MAP = 60;
  /** {@code bpf_msg_apply_bytes}, helper 61. */
  public static final int MSG_APPLY_BYTES = 61;
  /** {@code bpf_msg_cork_bytes}, helper 62. */
  public static final int MSG_CORK_BYTES = 62;
  /** {@code bpf_msg_pull_data}, helper 63. */
  public static final int MSG_PULL_DATA = 63;
  /** {@code bpf_bind}, helper 64. */
  public static final int BIND = 64;
  /** {@code bpf_xdp_adjust_tail}, helper 65. */
  public static final int XDP_ADJUST_TAIL = 65;
  /** {@code bpf_skb_get_xfrm_state}, helper 66. */
  public static final int SKB_GET_XFRM_STATE = 66;
  /** {@code bpf_get_stack}, helper 67. */
  public static final int GET_STACK = 67;
  /** {@code bpf_skb_load_bytes_relative}, helper 68. */
  public static final int SKB_LOAD_BYTES_RELATIVE = 68;
  /** {@code bpf_fib_lookup}, helper 69. */
  public static final int FIB_LOOKUP = 69;
  /** {@code bpf_sock_hash_update}, helper 70. */
  public static final int SOCK_HASH_UPDATE = 70;
  /** {@code bpf_msg_redirect_hash}, helper 71. */
  public static final int MSG_REDIRECT_HASH = 71;
  /** {@code bpf_sk_redirect_hash}, helper 72. */
  public static final int SK_REDIRECT_HASH = 72;
  /** {@code bpf_lwt_push_encap}, helper 73. */
  public static final int LWT_PUSH_ENCAP = 73;
  /** {@code bpf_lwt_seg6_store_bytes}, helper 74. */
  public static final int LWT_SEG6_STORE_BYTES = 74;
  /** {@code bpf_lwt_seg6_adjust_srh}, helper 75. */
  public static final int LWT_SEG6_ADJUST_SRH = 75;
  /** {@code bpf_lwt_seg6_action}, helper 76. */
  public static final int LWT_SEG6_ACTION = 76;
  /** {@code bpf_rc_repeat}, helper 77. */
  public static final int RC_REPEAT = 77;
  /** {@code bpf_rc_keydown}, helper 78. */
  public static final int RC_KEYDOWN = 78;
  /** {@code bpf_skb_cgroup_id}, helper 79. */
  public static final int SKB_CGROUP_ID = 79;
  /** {@code bpf_get_current_cgroup_id}, helper 80. */
  public static final int GET_CURRENT_CGROUP_ID = 80;
  /** {@code bpf_get_local_storage}, helper 81. */
  public static final int GET_LOCAL_STORAGE = 81;
  /** {@code bpf_sk_select_reuseport}, helper 82. */
  public static final int SK_SELECT_REUSEPORT = 82;
  /** {@code bpf_skb_ancestor_cgroup_id}, helper 83. */
  public static final int SKB_ANCESTOR_CGROUP_ID = 83;
  /** {@code bpf_sk_lookup_tcp}, helper 84. */
  public static final int SK_LOOKUP_TCP = 84;
  /** {@code bpf_sk_lookup_udp}, helper 85. */
  public static final int SK_LOOKUP_UDP = 85;
  /** {@code bpf_sk_release}, helper 86. */
  public static final int SK_RELEASE = 86;
  /** {@code bpf_map_push_elem}, helper 87. */
  public static final int MAP_PUSH_ELEM = 87;
  /** {@code bpf_map_pop_elem}, helper 88. */
  public static final int MAP_POP_ELEM = 88;
  /** {@code bpf_map_peek_elem}, helper 89. */
  public static final int MAP_PEEK_ELEM = 89;
  /** {@code bpf_msg_push_data}, helper 90. */
  public static final int MSG_PUSH_DATA = 90;
  /** {@code bpf_msg_pop_data}, helper 91. */
  public static final int MSG_POP_DATA = 91;
  /** {@code bpf_rc_pointer_rel}, helper 92. */
  public static final int RC_POINTER_REL = 92;
  /** {@code bpf_spin_lock}, helper 93. */
  public static final int SPIN_LOCK = 93;
  /** {@code bpf_spin_unlock}, helper 94. */
  public static final int SPIN_UNLOCK = 94;
  /** {@code bpf_sk_fullsock}, helper 95. */
  public static final int SK_FULLSOCK = 95;
  /** {@code bpf_tcp_sock}, helper 96. */
  public static final int TCP_SOCK = 96;
  /** {@code bpf_skb_ecn_set_ce}, helper 97. */
  public static final int SKB_ECN_SET_CE = 97;
  /** {@code bpf_get_listener_sock}, helper 98. */
  public static final int GET_LISTENER_SOCK = 98;
  /** {@code bpf_skc_lookup_tcp}, helper 99. */
  public static final int SKC_LOOKUP_TCP = 99;
  /** {@code bpf_tcp_check_syncookie}, helper 100. */
  public static final int TCP_CHECK_SYNCOOKIE = 100;
  /** {@code bpf_sysctl_get_name}, helper 101. */
  public static final int SYSCTL_GET_NAME = 101;
  /** {@code bpf_sysctl_get_current_value}, helper 102. */
  public static final int SYSCTL_GET_CURRENT_VALUE = 102;
  /** {@code bpf_sysctl_get_new_value}, helper 103. */
  public static final int SYSCTL_GET_NEW_VALUE = 103;
  /** {@code bpf_sysctl_set_new_value}, helper 104. */
  public static final int SYSCTL_SET_NEW_VALUE = 104;
  /** {@code bpf_strtol}, helper 105. */
  public static final int STRTOL = 105;
  /** {@code bpf_strtoul}, helper 106. */
  public static final int STRTOUL = 106;
  /** {@code bpf_sk_storage_get}, helper 107. */
  public static final int SK_STORAGE_GET = 107;
  /** {@code bpf_sk_storage_delete}, helper 108. */
  public static final int SK_STORAGE_DELETE = 108;
  /** {@code bpf_send_signal}, helper 109. */
  public static final int SEND_SIGNAL = 109;
  /** {@code bpf_tcp_gen_syncookie}, helper 110. */
  public static final int TCP_GEN_SYNCOOKIE = 110;
  /** {@code bpf_skb_output}, helper 111. */
  public static final int SKB_OUTPUT = 111;
  /** {@code bpf_probe_read_user}, helper 112. */
  public static final int PROBE_READ_USER = 112;
  /** {@code bpf_probe_read_kernel}, helper 113. */
  public static final int PROBE_READ_KERNEL = 113;
  /** {@code bpf_probe_read_user_str}, helper 114. */
  public static final int PROBE_READ_USER_STR = 114;
  /** {@code bpf_probe_read_kernel_str}, helper 115. */
  public static final int PROBE_READ_KERNEL_STR = 115;
  /** {@code bpf_tcp_send_ack}, helper 116. */
  public static final int TCP_SEND_ACK = 116;
  /** {@code bpf_send_signal_thread}, helper 117. */
  public static final int SEND_SIGNAL_THREAD = 117;
  /** {@code bpf_jiffies64}, helper 118. */
  public static final int JIFFIES64 = 118;
  /** {@code bpf_read_branch_records}, helper 119. */
  public static final int READ_BRANCH_RECORDS = 119;
  /** {@code bpf_get_ns_current_pid_tgid}, helper 120. */
  public static final int GET_NS_CURRENT_PID_TGID = 120;
  /** {@code bpf_xdp_output}, helper 121. */
  public static final int XDP_OUTPUT = 121;
  /** {@code bpf_get_netns_cookie}, helper 122. */
  public static final int GET_NETNS_COOKIE = 122;
  /** {@code bpf_get_current_ancestor_cgroup_id}, helper 123. */
  public static final int GET_CURRENT_ANCESTOR_CGROUP_ID = 123;
  /** {@code bpf_sk_assign}, helper 124. */
  public static final int SK_ASSIGN = 124;
  /** {@code bpf_ktime_get_boot_ns}, helper 125. */
  public static final int KTIME_GET_BOOT_NS = 125;
  /** {@code bpf_seq_printf}, helper 126. */
  public static final int SEQ_PRINTF = 126;
  /** {@code bpf_seq_write}, helper 127. */
  public static final int SEQ_WRITE = 127;
  /** {@code bpf_sk_cgroup_id}, helper 128. */
  public static final int SK_CGROUP_ID = 128;
  /** {@code bpf_sk_ancestor_cgroup_id}, helper 129. */
  public static final int SK_ANCESTOR_CGROUP_ID = 129;
  /** {@code bpf_ringbuf_output}, helper 130. */
  public static final int RINGBUF_OUTPUT = 130;
  /** {@code bpf_ringbuf_reserve}, helper 131. */
  public static final int RINGBUF_RESERVE = 131;
  /** {@code bpf_ringbuf_submit}, helper 132. */
  public static final int RINGBUF_SUBMIT = 132;
  /** {@code bpf_ringbuf_discard}, helper 133. */
  public static final int RINGBUF_DISCARD = 133;
  /** {@code bpf_ringbuf_query}, helper 134. */
  public static final int RINGBUF_QUERY = 134;
  /** {@code bpf_csum_level}, helper 135. */
  public static final int CSUM_LEVEL = 135;
  /** {@code bpf_skc_to_tcp6_sock}, helper 136. */
  public static final int SKC_TO_TCP6_SOCK = 136;
  /** {@code bpf_skc_to_tcp_sock}, helper 137. */
  public static final int SKC_TO_TCP_SOCK = 137;
  /** {@code bpf_skc_to_tcp_timewait_sock}, helper 138. */
  public static final int SKC_TO_TCP_TIMEWAIT_SOCK = 138;
  /** {@code bpf_skc_to_tcp_request_sock}, helper 139. */
  public static final int SKC_TO_TCP_REQUEST_SOCK = 139;
  /** {@code bpf_skc_to_udp6_sock}, helper 140. */
  public static final int SKC_TO_UDP6_SOCK = 140;
  /** {@code bpf_get_task_stack}, helper 141. */
  public static final int GET_TASK_STACK = 141;
  /** {@code bpf_load_hdr_opt}, helper 142. */
  public static final int LOAD_HDR_OPT = 142;
  /** {@code bpf_store_hdr_opt}, helper 143. */
  public static final int STORE_HDR_OPT = 143;
  /** {@code bpf_reserve_hdr_opt}, helper 144. */
  public static final int RESERVE_HDR_OPT = 144;
  /** {@code bpf_inode_storage_get}, helper 145. */
  public static final int INODE_STORAGE_GET = 145;
  /** {@code bpf_inode_storage_delete}, helper 146. */
  public static final int INODE_STORAGE_DELETE = 146;
  /** {@code bpf_d_path}, helper 147. */
  public static final int D_PATH = 147;
  /** {@code bpf_copy_from_user}, helper 148. */
  public static final int COPY_FROM_USER = 148;
  /** {@code bpf_snprintf_btf}, helper 149. */
  public static final int SNPRINTF_BTF = 149;
  /** {@code bpf_seq_printf_btf}, helper 150. */
  public static final int SEQ_PRINTF_BTF = 150;
  /** {@code bpf_skb_cgroup_classid}, helper 151. */
  public static final int SKB_CGROUP_CLASSID = 151;
  /** {@code bpf_redirect_neigh}, helper 152. */
  public static final int REDIRECT_NEIGH = 152;
  /** {@code bpf_per_cpu_ptr}, helper 153. */
  public static final int PER_CPU_PTR = 153;
  /** {@code bpf_this_cpu_ptr}, helper 154. */
  public static final int THIS_CPU_PTR = 154;
  /** {@code bpf_redirect_peer}, helper 155. */
  public static final int REDIRECT_PEER = 155;
  /** {@code bpf_task_storage_get}, helper 156. */
  public static final int TASK_STORAGE_GET = 156;
  /** {@code bpf_task_storage_delete}, helper 157. */
  public static final int TASK_STORAGE_DELETE = 157;
  /** {@code bpf_get_current_task_btf}, helper 158. */
  public static final int GET_CURRENT_TASK_BTF = 158;
  /** {@code bpf_bprm_opts_set}, helper 159. */
  public static final int BPRM_OPTS_SET = 159;
  /** {@code bpf_ktime_get_coarse_ns}, helper 160. */
  public static final int KTIME_GET_COARSE_NS = 160;
  /** {@code bpf_ima_inode_hash}, helper 161. */
  public static final int IMA_INODE_HASH = 161;
  /** {@code bpf_sock_from_file}, helper 162. */
  public static final int SOCK_FROM_FILE = 162;
  /** {@code bpf_check_mtu}, helper 163. */
  public static final int CHECK_MTU = 163;
  /** {@code bpf_for_each_map_elem}, helper 164. */
  public static final int FOR_EACH_MAP_ELEM = 164;
  /** {@code bpf_snprintf}, helper 165. */
  public static final int SNPRINTF = 165;
  /** {@code bpf_sys_bpf}, helper 166. */
  public static final int SYS_BPF = 166;
  /** {@code bpf_btf_find_by_name_kind}, helper 167. */
  public static final int BTF_FIND_BY_NAME_KIND = 167;
  /** {@code bpf_sys_close}, helper 168. */
  public static final int SYS_CLOSE = 168;
  /** {@code bpf_timer_init}, helper 169. */
  public static final int TIMER_INIT = 169;
  /** {@code bpf_timer_set_callback}, helper 170. */
  public static final int TIMER_SET_CALLBACK = 170;
  /** {@code bpf_timer_start}, helper 171. */
  public static final int TIMER_START = 171;
  /** {@code bpf_timer_cancel}, helper 172. */
  public static final int TIMER_CANCEL = 172;
  /** {@code bpf_get_func_ip}, helper 173. */
  public static final int GET_FUNC_IP = 173;
  /** {@code bpf_get_attach_cookie}, helper 174. */
  public static final int GET_ATTACH_COOKIE = 174;
  /** {@code bpf_task_pt_regs}, helper 175. */
  public static final int TASK_PT_REGS = 175;
  /** {@code bpf_get_branch_snapshot}, helper 176. */
  public static final int GET_BRANCH_SNAPSHOT = 176;
  /** {@code bpf_trace_vprintk}, helper 177. */
  public static final int TRACE_VPRINTK = 177;
  /** {@code bpf_skc_to_unix_sock}, helper 178. */
  public static final int SKC_TO_UNIX_SOCK = 178;
  /** {@code bpf_kallsyms_lookup_name}, helper 179. */
  public static final int KALLSYMS_LOOKUP_NAME = 179;
  /** {@code bpf_find_vma}, helper 180. */
  public static final int FIND_VMA = 180;
  /** {@code bpf_loop}, helper 181. */
  public static final int LOOP = 181;
  /** {@code bpf_strncmp}, helper 182. */
  public static final int STRNCMP = 182;
  /** {@code bpf_get_func_arg}, helper 183. */
  public static final int GET_FUNC_ARG = 183;
  /** {@code bpf_get_func_ret}, helper 184. */
  public static final int GET_FUNC_RET = 184;
  /** {@code bpf_get_func_arg_cnt}, helper 185. */
  public static final int GET_FUNC_ARG_CNT = 185;
  /** {@code bpf_get_retval}, helper 186. */
  public static final int GET_RETVAL = 186;
  /** {@code bpf_set_retval}, helper 187. */
  public static final int SET_RETVAL = 187;
  /** {@code bpf_xdp_get_buff_len}, helper 188. */
  public static final int XDP_GET_BUFF_LEN = 188;
  /** {@code bpf_xdp_load_bytes}, helper 189. */
  public static final int XDP_LOAD_BYTES = 189;
  /** {@code bpf_xdp_store_bytes}, helper 190. */
  public static final int XDP_STORE_BYTES = 190;
  /** {@code bpf_copy_from_user_task}, helper 191. */
  public static final int COPY_FROM_USER_TASK = 191;
  /** {@code bpf_skb_set_tstamp}, helper 192. */
  public static final int SKB_SET_TSTAMP = 192;
  /** {@code bpf_ima_file_hash}, helper 193. */
  public static final int IMA_FILE_HASH = 193;
  /** {@code bpf_kptr_xchg}, helper 194. */
  public static final int KPTR_XCHG = 194;
  /** {@code bpf_map_lookup_percpu_elem}, helper 195. */
  public static final int MAP_LOOKUP_PERCPU_ELEM = 195;
  /** {@code bpf_skc_to_mptcp_sock}, helper 196. */
  public static final int SKC_TO_MPTCP_SOCK = 196;
  /** {@code bpf_dynptr_from_mem}, helper 197. */
  public static final int DYNPTR_FROM_MEM = 197;
  /** {@code bpf_ringbuf_reserve_dynptr}, helper 198. */
  public static final int RINGBUF_RESERVE_DYNPTR = 198;
  /** {@code bpf_ringbuf_submit_dynptr}, helper 199. */
  public static final int RINGBUF_SUBMIT_DYNPTR = 199;
  /** {@code bpf_ringbuf_discard_dynptr}, helper 200. */
  public static final int RINGBUF_DISCARD_DYNPTR = 200;
  /** {@code bpf_dynptr_read}, helper 201. */
  public static final int DYNPTR_READ = 201;
  /** {@code bpf_dynptr_write}, helper 202. */
  public static final int DYNPTR_WRITE = 202;
  /** {@code bpf_dynptr_data}, helper 203. */
  public static final int DYNPTR_DATA = 203;
  /** {@code bpf_tcp_raw_gen_syncookie_ipv4}, helper 204. */
  public static final int TCP_RAW_GEN_SYNCOOKIE_IPV4 = 204;
  /** {@code bpf_tcp_raw_gen_syncookie_ipv6}, helper 205. */
  public static final int TCP_RAW_GEN_SYNCOOKIE_IPV6 = 205;
  /** {@code bpf_tcp_raw_check_syncookie_ipv4}, helper 206. */
  public static final int TCP_RAW_CHECK_SYNCOOKIE_IPV4 = 206;
  /** {@code bpf_tcp_raw_check_syncookie_ipv6}, helper 207. */
  public static final int TCP_RAW_CHECK_SYNCOOKIE_IPV6 = 207;
  /** {@code bpf_ktime_get_tai_ns}, helper 208. */
  public static final int KTIME_GET_TAI_NS = 208;
  /** {@code bpf_user_ringbuf_drain}, helper 209. */
  public static final int USER_RINGBUF_DRAIN = 209;
  /** {@code bpf_cgrp_storage_get}, helper 210. */
  public static final int CGRP_STORAGE_GET = 210;
  /** {@code bpf_cgrp_storage_delete}, helper 211. */
  public static final int CGRP_STORAGE_DELETE = 211;

  private static final String[] NAMES = {
    "unspec",
    "map_lookup_elem",
    "map_update_elem",
    "map_delete_elem",
    "probe_read",
    "ktime_get_ns",
    "trace_printk",
    "get_prandom_u32",
    "get_smp_processor_id",
    "skb_store_bytes",
    "l3_csum_replace",
    "l4_csum_replace",
    "tail_call",
    "clone_redirect",
    "get_current_pid_tgid",
    "get_current_uid_gid",
    "get_current_comm",
    "get_cgroup_classid",
    "skb_vlan_push",
    "skb_vlan_pop",
    "skb_get_tunnel_key",
    "skb_set_tunnel_key",
    "perf_event_read",
    "redirect",
    "get_route_realm",
    "perf_event_output",
    "skb_load_bytes",
    "get_stackid",
    "csum_diff",
    "skb_get_tunnel_opt",
    "skb_set_tunnel_opt",
    "skb_change_proto",
    "skb_change_type",
    "skb_under_cgroup",
    "get_hash_recalc",
    "get_current_task",
    "probe_write_user",
    "current_task_under_cgroup",
    "skb_change_tail",
    "skb_pull_data",
    "csum_update",
    "set_hash_invalid",
    "get_numa_node_id",
    "skb_change_head",
    "xdp_adjust_head",
    "probe_read_str",
    "get_socket_cookie",
    "get_socket_uid",
    "set_hash",
    "setsockopt",
    "skb_adjust_room",
    "redirect_map",
    "sk_redirect_map",
    "sock_map_update",
    "xdp_adjust_meta",
    "perf_event_read_value",
    "perf_prog_read_value",
    "getsockopt",
    "override_return",
    "sock_ops_cb_flags_set",
    "msg_redirect_map",
    "msg_apply_bytes",
    "msg_cork_bytes",
    "msg_pull_data",
    "bind",
    "xdp_adjust_tail",
    "skb_get_xfrm_state",
    "get_stack",
    "skb_load_bytes_relative",
    "fib_lookup",
    "sock_hash_update",
    "msg_redirect_hash",
    "sk_redirect_hash",
    "lwt_push_encap",
    "lwt_seg6_store_bytes",
    "lwt_seg6_adjust_srh",
    "lwt_seg6_action",
    "rc_repeat",
    "rc_keydown",
    "skb_cgroup_id",
    "get_current_cgroup_id",
    "get_local_storage",
    "sk_select_reuseport",
    "skb_ancestor_cgroup_id",
    "sk_lookup_tcp",
    "sk_lookup_udp",
    "sk_release",
    "map_push_elem",
    "map_pop_elem",
    "map_peek_elem",
    "msg_push_data",
    "msg_pop_data",
    "rc_pointer_rel",
    "spin_lock",
    "spin_unlock",
    "sk_fullsock",
    "tcp_sock",
    "skb_ecn_set_ce",
    "get_listener_sock",
    "skc_lookup_tcp",
    "tcp_check_syncookie",
    "sysctl_get_name",
    "sysctl_get_current_value",
    "sysctl_get_new_value",
    "sysctl_set_new_value",
    "strtol",
    "strtoul",
    "sk_storage_get",
    "sk_storage_delete",
    "send_signal",
    "tcp_gen_syncookie",
    "skb_output",
    "probe_read_user",
    "probe_read_kernel",
    "probe_read_user_str",
    "probe_read_kernel_str",
    "tcp_send_ack",
    "send_signal_thread",
    "jiffies64",
    "read_branch_records",
    "get_ns_current_pid_tgid",
    "xdp_output",
    "get_netns_cookie",
    "get_current_ancestor_cgroup_id",
    "sk_assign",
    "ktime_get_boot_ns",
    "seq_printf",
    "seq_write",
    "sk_cgroup_id",
    "sk_ancestor_cgroup_id",
    "ringbuf_output",
    "ringbuf_reserve",
    "ringbuf_submit",
    "ringbuf_discard",
    "ringbuf_query",
    "csum_level",
    "skc_to_tcp6_sock",
    "skc_to_tcp_sock",
    "skc_to_tcp_timewait_sock",
    "skc_to_tcp_request_sock",
    "skc_to_udp6_sock",
    "get_task_stack",
    "load_hdr_opt",
    "store_hdr_opt",
    "reserve_hdr_opt",
    "inode_storage_get",
    "inode_storage_delete",
    "d_path",
    "copy_from_user",
    "snprintf_btf",
    "seq_printf_btf",
    "skb_cgroup_classid",
    "redirect_neigh",
    "per_cpu_ptr",
    "this_cpu_ptr",
    "redirect_peer",
    "task_storage_get",
    "task_storage_delete",
    "get_current_task_btf",
    "bprm_opts_set",
    "ktime_get_coarse_ns",
    "ima_inode_hash",
    "sock_from_file",
    "check_mtu",
    "for_each_map_elem",
    "snprintf",
    "sys_bpf",
    "btf_find_by_name_kind",
    "sys_close",
    "timer_init",
    "timer_set_callback",
    "timer_start",
    "timer_cancel",
    "get_func_ip",
    "get_attach_cookie",
    "task_pt_regs",
    "get_branch_snapshot",
    "trace_vprintk",
    "skc_to_unix_sock",
    "kallsyms_lookup_name",
    "find_vma",
    "loop",
    "strncmp",
    "get_func_arg",
    "get_func_ret",
    "get_func_arg_cnt",
    "get_retval",
    "set_retval",
    "xdp_get_buff_len",
    "xdp_load_bytes",
    "xdp_store_bytes",
    "copy_from_user_task",
    "skb_set_tstamp",
    "ima_file_hash",
    "kptr_xchg",
    "map_lookup_percpu_elem",
    "skc_to_mptcp_sock",
    "dynptr_from_mem",
    "ringbuf_reserve_dynptr",
    "ringbuf_submit_dynptr",
    "ringbuf_discard_dynptr",
    "dynptr_read",
    "dynptr_write",
    "dynptr_data",
    "tcp_raw_gen_syncookie_ipv4",
    "tcp_raw_gen_syncookie_ipv6",
    "tcp_raw_check_syncookie_ipv4",
    "tcp_raw_check_syncookie_ipv6",
    "ktime_get_tai_ns",
    "user_ringbuf_drain",
    "cgrp_storage_get",
    "cgrp_storage_delete",
  };

  /** The helper's name ({@code map_lookup_elem}), or null for an id the kernel does not have. */
  public static String name(int id) {
    return id > 0 && id < NAMES.length ? NAMES[id] : null;
  }

  /** The id of a helper by name (with or without {@code bpf_}), or -1. */
  public static int id(String name) {
    String n = name.startsWith("bpf_") ? name.substring(4) : name;
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(n)) {
        return i;
      }
    }
    return -1;
  }

  /** Number of helper ids known (the highest id + 1). */
  public static int count() {
    return NAMES.length;
  }
}
