#!/usr/bin/env python3
"""Writes the verifier corpus: one small program per C file in core/src/test/bpf/verifier/.

Hand-written programs (realistic C and exact assembly) plus parameter sweeps over the
boundaries of each rule (map value, stack, context, packet). The kernel's verdict for each
is recorded by scripts/verifier-corpus, not here: this file only says what the programs are.
"""
import os, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "bpf", "verifier")
progs = {}

def asm(name, sec, body):
    body = "\n".join("    \"" + l.strip().replace("%=", "%%=") + "\\n\"" for l in body.strip().splitlines() if l.strip())
    progs[name] = f'#include "corpus.h"\n\nSEC("{sec}") NAKED int {name}(void)\n{{\n  asm volatile(\n{body}\n    :: MAPS : "memory");\n}}\n'

def asmf(name, sec, body, funcs):
    """A program whose subprograms (bpf-to-bpf calls, callbacks) are naked functions in .text."""
    def lines(b):
        return "\n".join("    \"" + l.strip().replace("%=", "%%=") + "\\n\"" for l in b.strip().splitlines() if l.strip())
    text = '#include "corpus.h"\n\n'
    for fn in funcs:
        text += f"static int {fn}(void);\n"
    for fn, fb in funcs.items():
        text += f"\n__attribute__((naked, noinline, used)) static int {fn}(void)\n{{\n  asm volatile(\n{lines(fb)}\n    :: MAPS : \"memory\");\n}}\n"
    text += f'\nSEC("{sec}") NAKED int {name}(void)\n{{\n  asm volatile(\n{lines(body)}\n    :: MAPS : "memory");\n}}\n'
    progs[name] = text

def c(name, code):
    progs[name] = '#include "corpus.h"\n\n' + code.strip() + "\n"

MAPVAL_TMP = "r2 = 0\n*(u32 *)(r10 - 4) = r2\nr1 = %[hmap] ll\nr2 = r10\nr2 += -4\ncall 1\n"
# ---------------- control flow ----------------
asm("cfg_min", "socket", "r0 = 0\nexit")
asm("cfg_jump_out", "socket", "if r1 == 0 goto +3\nr0 = 0\nexit")
asm("cfg_jump_back_out", "socket", "goto -3\nr0 = 0\nexit")
asm("cfg_into_lddw", "socket", "if r1 == 0 goto +1\nr2 = 0x123456789 ll\nr0 = 0\nexit")
asm("cfg_unreachable", "socket", "r0 = 0\nexit\nr0 = 1\nexit")
asm("cfg_falls_off", "socket", "r0 = 0\nif r1 == 0 goto +1\nexit\nr0 = 1")
asm("cfg_dead_branch_ok", "socket", "r0 = 0\nif r0 == 0 goto +1\nr0 = 1\nexit")
asm("cfg_goto_self", "socket", "r0 = 0\ngoto -1\nexit")
asm("cfg_loop_no_progress", "socket", "r0 = 0\nr1 = 5\nif r1 > 0 goto -1\nexit")
asm("cfg_loop_bounded_10", "socket", "r0 = 0\nr1 = 0\nr0 += r1\nr1 += 1\nif r1 < 10 goto -3\nexit")
asm("cfg_loop_bounded_5000", "socket", "r0 = 0\nr1 = 0\nr0 += 1\nr1 += 1\nif r1 < 5000 goto -3\nexit")
asm("cfg_loop_too_long", "socket", "r0 = 0\nr1 = 0\nr0 += 1\nr1 += 1\nif r1 < 400000 goto -3\nexit")
asm("cfg_loop_unknown_count", "socket", "call 7\nr1 = r0\nr0 = 0\nif r1 == 0 goto +2\nr1 += -1\ngoto -3\nexit")
asm("cfg_loop_masked_count", "socket", "call 7\nr1 = r0\nr1 &= 15\nr0 = 0\nif r1 == 0 goto +2\nr1 += -1\ngoto -3\nexit")
asm("cfg_loop_down_from_100", "socket", "r1 = 100\nr0 = 0\nr0 += r1\nr1 += -1\nif r1 != 0 goto -3\nexit")
asmf("cfg_call_ok", "socket", "r1 = 1\ncall f1\nexit", {"f1": "r0 = r1\nexit"})
asmf("cfg_call_no_r0", "socket", "call f1\nexit", {"f1": "exit"})
asmf("cfg_call_args_uninit", "socket", "call f1\nr0 = 0\nexit", {"f1": "r0 = r2\nexit"})
asmf("cfg_call_r6_kept", "socket", "r6 = 7\ncall f1\nr0 = r6\nexit", {"f1": "r0 = 0\nexit"})
asmf("cfg_call_r1_clobbered", "socket", "r1 = 7\ncall f1\nr0 = r1\nexit", {"f1": "r0 = 0\nexit"})
def chain(n):
    funcs = {}
    for k in range(1, n + 1):
        funcs[f"f{k}"] = f"call f{k+1}\nexit" if k < n else "r0 = 0\nexit"
    return funcs
asmf("cfg_depth_8", "socket", "call f1\nexit", chain(7))
asmf("cfg_depth_9", "socket", "call f1\nexit", chain(8))
asmf("cfg_stack_two_frames_ok", "socket", "r1 = 0\n*(u64 *)(r10 - 256) = r1\ncall f1\nr0 = 0\nexit",
     {"f1": "r1 = 0\n*(u64 *)(r10 - 248) = r1\nr0 = 0\nexit"})
asmf("cfg_stack_two_frames_too_big", "socket", "r1 = 0\n*(u64 *)(r10 - 320) = r1\ncall f1\nr0 = 0\nexit",
     {"f1": "r1 = 0\n*(u64 *)(r10 - 256) = r1\nr0 = 0\nexit"})
asmf("cfg_stack_three_frames", "socket", "r1 = 0\n*(u64 *)(r10 - 200) = r1\ncall f1\nr0 = 0\nexit",
     {"f1": "r1 = 0\n*(u64 *)(r10 - 200) = r1\ncall f2\nr0 = 0\nexit", "f2": "r1 = 0\n*(u64 *)(r10 - 200) = r1\nr0 = 0\nexit"})
asmf("cfg_return_stack_ptr", "socket", "call f1\nr0 = 0\nexit", {"f1": "r0 = r10\nr0 += -8\nexit"})
asmf("cfg_pass_stack_ptr", "socket", "r1 = r10\nr1 += -8\nr2 = 5\n*(u64 *)(r10 - 8) = r2\ncall f1\nexit",
     {"f1": "r0 = *(u64 *)(r1 + 0)\nexit"})
asmf("cfg_pass_stack_ptr_oob", "socket", "r1 = r10\nr1 += -8\nr2 = 5\n*(u64 *)(r10 - 8) = r2\ncall f1\nexit",
     {"f1": "r0 = *(u64 *)(r1 + 8)\nexit"})
asmf("cfg_callee_null_check", "socket", MAPVAL_TMP + "r1 = r0\ncall f1\nexit",
     {"f1": "r0 = 0\nif r1 == 0 goto +1\nr0 = *(u64 *)(r1 + 0)\nexit"})
asmf("cfg_callee_no_null_check", "socket", MAPVAL_TMP + "r1 = r0\ncall f1\nexit",
     {"f1": "r0 = *(u64 *)(r1 + 0)\nexit"})

# ---------------- registers and stack ----------------
asm("reg_uninit_r2", "socket", "r0 = r2\nexit")
asm("reg_uninit_r0_exit", "socket", "exit")
asm("reg_fp_write", "socket", "r10 = 0\nr0 = 0\nexit")
asm("reg_fp_add", "socket", "r10 += 8\nr0 = 0\nexit")
asm("reg_uninit_cond", "socket", "if r1 == 0 goto +1\nr2 = 1\nr0 = r2\nexit")
asm("reg_init_both_paths", "socket", "r2 = 0\nif r1 == 0 goto +1\nr2 = 1\nr0 = r2\nexit")
asm("stack_read_uninit", "socket", "r0 = *(u64 *)(r10 - 8)\nr0 = 0\nexit")
asm("stack_read_written", "socket", "r1 = 3\n*(u64 *)(r10 - 8) = r1\nr0 = *(u64 *)(r10 - 8)\nexit")
asm("stack_read_partial_write", "socket", "r1 = 3\n*(u32 *)(r10 - 8) = r1\nr0 = *(u64 *)(r10 - 8)\nexit")
asm("stack_misaligned", "socket", "r1 = 3\n*(u64 *)(r10 - 12) = r1\nr0 = 0\nexit")
asm("stack_below_512", "socket", "r1 = 3\n*(u64 *)(r10 - 520) = r1\nr0 = 0\nexit")
asm("stack_at_512", "socket", "r1 = 3\n*(u64 *)(r10 - 512) = r1\nr0 = 0\nexit")
asm("stack_above_fp", "socket", "r1 = 3\n*(u64 *)(r10 + 0) = r1\nr0 = 0\nexit")
asm("stack_spill_ctx_fill", "socket", "*(u64 *)(r10 - 8) = r1\nr2 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r2 + 0)\nexit")
asm("stack_spill_ctx_partial_store", "socket", "*(u32 *)(r10 - 8) = r1\nr0 = 0\nexit")
asm("stack_spill_ctx_partial_fill", "socket", "*(u64 *)(r10 - 8) = r1\nr2 = *(u32 *)(r10 - 8)\nr0 = 0\nexit")
asm("stack_spill_ctx_overwrite_byte", "socket", "*(u64 *)(r10 - 8) = r1\nr2 = 0\n*(u8 *)(r10 - 8) = r2\nr2 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r2 + 0)\nexit")
asm("stack_spill_const_index", "socket", """
r1 = 4
*(u64 *)(r10 - 16) = r1
r2 = 0
*(u32 *)(r10 - 4) = r2
r1 = %[arr] ll
r2 = r10
r2 += -4
call 1
if r0 == 0 goto +4
r1 = *(u64 *)(r10 - 16)
r0 += r1
r0 = *(u32 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("stack_spill_unknown_index", "socket", """
call 7
*(u64 *)(r10 - 16) = r0
r2 = 0
*(u32 *)(r10 - 4) = r2
r1 = %[arr] ll
r2 = r10
r2 += -4
call 1
if r0 == 0 goto +4
r1 = *(u64 *)(r10 - 16)
r0 += r1
r0 = *(u32 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("stack_atomic_add", "socket", "r1 = 1\n*(u64 *)(r10 - 8) = r1\nlock *(u64 *)(r10 - 8) += r1\nr0 = *(u64 *)(r10 - 8)\nexit")
asm("stack_atomic_ctx", "socket", "r2 = 1\nlock *(u32 *)(r1 + 0) += r2\nr0 = 0\nexit")

# ---------------- arithmetic ----------------
asm("alu_shift_imm_64", "socket", "r0 = 1\nr0 <<= 64\nexit")
asm("alu_shift_imm_63", "socket", "r0 = 1\nr0 <<= 63\nexit")
asm("alu_shift32_imm_32", "socket", "w0 = 1\nw0 <<= 32\nexit")
asm("alu_div_imm_zero", "socket", "r0 = 1\nr0 /= 0\nexit")
asm("alu_mod_imm_zero", "socket", "r0 = 1\nr0 %= 0\nexit")
asm("alu_div_reg_zero", "socket", "r0 = 1\nr1 = 0\nr0 /= r1\nexit")
asm("alu_neg_ok", "socket", "r0 = 5\nr0 = -r0\nexit")
asm("alu_bswap_ok", "socket", "r0 = 5\nr0 = be32 r0\nexit")
asm("ptr_ctx_add_then_load", "socket", "r1 += 8\nr0 = *(u32 *)(r1 + 0)\nexit")
asm("ptr_ctx_add_then_sub_load", "socket", "r1 += 8\nr1 += -8\nr0 = *(u32 *)(r1 + 0)\nexit")
asm("ptr_mul", "socket", "r1 *= 2\nr0 = 0\nexit")
asm("ptr_and", "socket", "r1 &= 0xff\nr0 = 0\nexit")
asm("ptr_or", "socket", "r1 |= 1\nr0 = 0\nexit")
asm("ptr_lsh", "socket", "r1 <<= 1\nr0 = 0\nexit")
asm("ptr_plus_ptr", "socket", "r2 = r10\nr1 += r2\nr0 = 0\nexit")
asm("ptr_minus_ptr", "socket", "r2 = r10\nr3 = r10\nr2 -= r3\nr0 = r2\nexit")
asm("ptr_32bit_add", "socket", "w1 += 1\nr0 = 0\nexit")
asm("ptr_scalar_minus_ptr", "socket", "r2 = 5\nr2 -= r1\nr0 = 0\nexit")
asm("ptr_fp_sub_imm", "socket", "r2 = r10\nr2 -= 8\nr0 = 0\nexit")
asm("ptr_neg", "socket", "r1 = -r1\nr0 = 0\nexit")
asm("ptr_mov32", "socket", "w2 = w1\nr0 = r2\nexit")
asm("ptr_scalar_plus_ptr", "socket", "r2 = -8\nr2 += r10\nr3 = 1\n*(u64 *)(r2 + 0) = r3\nr0 = *(u64 *)(r10 - 8)\nexit")
asm("ptr_map_ptr_arith", "socket", "r1 = %[arr] ll\nr1 += 8\nr0 = 0\nexit")
asm("ptr_pkt_end_arith", "xdp", "r2 = *(u32 *)(r1 + 4)\nr2 += 1\nr0 = 2\nexit")
asm("ptr_compare_priv", "socket", "r0 = 0\nr2 = r10\nif r1 > r2 goto +1\nr0 = 1\nexit")
asm("ptr_return_priv", "socket", "r0 = r10\nexit")
asm("ptr_stack_var_offset", "socket", """
call 7
r0 &= 7
r1 = r10
r1 += -16
r1 += r0
r2 = 0
*(u8 *)(r1 + 0) = r2
r0 = 0
exit""")
asm("ptr_stack_var_offset_oob", "socket", """
call 7
r0 &= 31
r1 = r10
r1 += -16
r1 += r0
r2 = 0
*(u8 *)(r1 + 0) = r2
r0 = 0
exit""")
asm("ptr_unbounded_add", "socket", "call 7\nr1 = r10\nr1 += r0\nr0 = 0\nexit")

MAPVAL = """
r2 = 0
*(u32 *)(r10 - 4) = r2
r1 = %[{m}] ll
r2 = r10
r2 += -4
call 1
"""
def mapval(m="hmap"):
    return MAPVAL.replace("{m}", m)

# ---------------- maps and NULL ----------------
asm("map_no_null_check", "socket", mapval() + "r0 = *(u64 *)(r0 + 0)\nexit")
asm("map_null_check", "socket", mapval() + "if r0 == 0 goto +2\nr0 = *(u64 *)(r0 + 0)\nexit\nr0 = 0\nexit")
asm("map_null_check_ne", "socket", mapval() + "if r0 != 0 goto +2\nr0 = 0\nexit\nr0 = *(u64 *)(r0 + 8)\nexit")
asm("map_null_check_wrong_side", "socket", mapval() + "if r0 != 0 goto +2\nr0 = *(u64 *)(r0 + 0)\nexit\nr0 = 0\nexit")
asm("map_null_check_copy", "socket", mapval() + "r6 = r0\nif r0 == 0 goto +2\nr0 = *(u64 *)(r6 + 0)\nexit\nr0 = 0\nexit")
asm("map_arith_before_check", "socket", mapval() + "r0 += 8\nif r0 == 0 goto +2\nr0 = *(u64 *)(r0 + 0)\nexit\nr0 = 0\nexit")
asm("map_array_const_key_no_check", "socket", mapval("arr") + "r0 = *(u64 *)(r0 + 0)\nexit")
asm("map_array_key_out_of_range", "socket", """
r2 = 9
*(u32 *)(r10 - 4) = r2
r1 = %[arr] ll
r2 = r10
r2 += -4
call 1
r0 = *(u64 *)(r0 + 0)
exit""")
asm("map_array_unknown_key_no_check", "socket", """
call 7
*(u32 *)(r10 - 4) = r0
r1 = %[arr] ll
r2 = r10
r2 += -4
call 1
r0 = *(u64 *)(r0 + 0)
exit""")
asm("map_key_uninit_priv", "socket", "r1 = %[hmap] ll\nr2 = r10\nr2 += -4\ncall 1\nr0 = 0\nexit")
asm("map_key_past_stack", "socket", "r1 = %[hmap] ll\nr2 = r10\nr2 += -2\ncall 1\nr0 = 0\nexit")
asm("map_key_is_ctx", "socket", "r2 = r1\nr1 = %[hmap] ll\ncall 1\nr0 = 0\nexit")
asm("map_key_is_scalar", "socket", "r2 = 0\nr1 = %[hmap] ll\ncall 1\nr0 = 0\nexit")
asm("map_arg_not_map", "socket", "r2 = r10\nr2 += -8\nr1 = 0\n*(u64 *)(r10 - 8) = r1\ncall 1\nr0 = 0\nexit")
asm("map_update_ok", "socket", """
r1 = 0
*(u32 *)(r10 - 4) = r1
*(u64 *)(r10 - 24) = r1
*(u64 *)(r10 - 16) = r1
r1 = %[hmap] ll
r2 = r10
r2 += -4
r3 = r10
r3 += -24
r4 = 0
call 2
r0 = 0
exit""")
asm("map_update_value_too_small", "socket", """
r1 = 0
*(u32 *)(r10 - 4) = r1
*(u64 *)(r10 - 16) = r1
r1 = %[hmap] ll
r2 = r10
r2 += -4
r3 = r10
r3 += -8
r4 = 0
call 2
r0 = 0
exit""")
asm("map_update_flags_uninit", "socket", """
r1 = 0
*(u32 *)(r10 - 4) = r1
*(u64 *)(r10 - 24) = r1
*(u64 *)(r10 - 16) = r1
r1 = %[hmap] ll
r2 = r10
r2 += -4
r3 = r10
r3 += -24
call 2
r0 = 0
exit""")
asm("map_delete_ok", "socket", "r1 = 0\n*(u32 *)(r10 - 4) = r1\nr1 = %[hmap] ll\nr2 = r10\nr2 += -4\ncall 3\nr0 = 0\nexit")
asm("map_lookup_ringbuf", "socket", "r1 = 0\n*(u32 *)(r10 - 4) = r1\nr1 = %[rb] ll\nr2 = r10\nr2 += -4\ncall 1\nr0 = 0\nexit")
asm("map_store_ptr_priv", "socket", mapval() + "if r0 == 0 goto +1\n*(u64 *)(r0 + 0) = r10\nr0 = 0\nexit")
asm("map_value_unbounded_index", "socket", mapval() + "if r0 == 0 goto +4\ncall 7\nr1 = r0\nr0 = 0\nexit\nr0 = 0\nexit")
asm("map_value_var_index_unbounded", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u8 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_var_index_masked", "socket", """
call 7
r6 = r0
r6 &= 15
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u8 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_var_index_masked_too_wide", "socket", """
call 7
r6 = r0
r6 &= 15
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u16 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_var_index_lt", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +4
if r6 > 8 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_var_index_lt_ok", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +4
if r6 > 7 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_signed_index", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +4
if r6 s> 7 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_signed_index_both", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +5
if r6 s> 7 goto +4
if r6 s< 0 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_jmp32_bound", "socket", """
call 7
r6 = r0
""" + mapval() + """
if r0 == 0 goto +5
w6 = w6
if w6 > 7 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_jset_bound", "socket", """
call 7
r6 = r0
r6 &= 12
""" + mapval() + """
if r0 == 0 goto +4
if r6 > 7 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_shift_bound", "socket", """
call 7
r6 = r0
r6 >>= 61
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_shift_bound_too_big", "socket", """
call 7
r6 = r0
r6 >>= 60
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_mod_index", "socket", """
call 7
r6 = r0
r6 %= 8
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_mul_bound", "socket", """
call 7
r6 = r0
r6 &= 1
r6 *= 8
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_bswap_index", "socket", """
call 7
r6 = r0
r6 &= 7
r6 = be16 r6
""" + mapval() + """
if r0 == 0 goto +3
r0 += r6
r0 = *(u8 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_linked_regs", "socket", """
call 7
r6 = r0
r7 = r6
""" + mapval() + """
if r0 == 0 goto +4
if r7 > 8 goto +3
r0 += r6
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_sub_bound", "socket", """
call 7
r6 = r0
r6 &= 7
r7 = 8
r7 -= r6
""" + mapval() + """
if r0 == 0 goto +3
r0 += r7
r0 = *(u64 *)(r0 + 0)
exit
r0 = 0
exit""")
asm("map_value_sub_bound_ok", "socket", """
call 7
r6 = r0
r6 &= 7
r7 = 8
r7 -= r6
""" + mapval() + """
if r0 == 0 goto +3
r0 += r7
r0 = *(u8 *)(r0 + 0)
exit
r0 = 0
exit""")
for off in range(0, 20, 2):
    for size, ty in ((1, "u8"), (4, "u32"), (8, "u64")):
        if off % size:
            continue
        if size == 1 and off % 4:
            continue
        asm(f"map_value_off{off}_size{size}", "socket", mapval() + f"if r0 == 0 goto +2\nr0 = *({ty} *)(r0 + {off})\nexit\nr0 = 0\nexit")
for off in (-8, -1):
    asm(f"map_value_neg_off{-off}", "socket", mapval() + f"if r0 == 0 goto +2\nr0 = *(u8 *)(r0 {off})\nexit\nr0 = 0\nexit")
# ---------------- stack sweeps ----------------
for off in (8, 16, 256, 504, 512, 516, 520, 600):
    asm(f"stack_write_fp_minus_{off}", "socket", f"r1 = 1\n*(u32 *)(r10 - {off}) = r1\nr0 = 0\nexit")
for off in (1, 2, 3, 4, 6):
    asm(f"stack_align_u16_fp_minus_{off+8}", "socket", f"r1 = 1\n*(u16 *)(r10 - {off+8}) = r1\nr0 = 0\nexit")

# ---------------- context ----------------
def ctxload(sec, size, off, name=None):
    ty = {1: "u8", 2: "u16", 4: "u32", 8: "u64"}[size]
    nm = name or f"ctx_{sec.split('/')[0]}_read{size}_{off}"
    asm(nm, sec, f"r0 = *({ty} *)(r1 + {off})\nr0 = 0\nexit")
for size, off in ((4, 0), (1, 0), (2, 2), (8, 0), (4, 48), (8, 48), (4, 68), (4, 72), (4, 76), (4, 80), (4, 140), (4, 188), (4, 192), (4, 2), (4, 152), (8, 152)):
    ctxload("socket", size, off)
for size, off in ((4, 0), (2, 0), (4, 4), (4, 8), (4, 12), (4, 16), (4, 20), (4, 24), (8, 0)):
    ctxload("xdp", size, off)
for size, off in ((4, 76), (4, 80), (4, 140), (4, 72), (2, 76)):
    ctxload("tc", size, off)
for size, off in ((4, 76), (4, 80), (4, 0)):
    ctxload("cgroup_skb/ingress", size, off, f"ctx_cgroup_skb_read{size}_{off}")
for size, off in ((8, 0), (4, 8), (8, 8), (8, 2040), (8, 2048), (8, 8184), (8, 8192), (1, 9), (4, 4)):
    ctxload("tracepoint/syscalls/sys_enter_openat", size, off, f"ctx_tracepoint_read{size}_{off}")
for size, off in ((8, 0), (8, 88), (8, 96), (4, 4)):
    ctxload("raw_tracepoint/sys_enter", size, off, f"ctx_raw_tp_read{size}_{off}")
for size, off in ((8, 0), (4, 0), (8, 168), (4, 168), (8, 176), (8, 184)):
    ctxload("perf_event", size, off, f"ctx_perf_event_read{size}_{off}")
def ctxstore(sec, size, off, name):
    ty = {1: "u8", 2: "u16", 4: "u32", 8: "u64"}[size]
    asm(name, sec, f"r2 = 1\n*({ty} *)(r1 + {off}) = r2\nr0 = 0\nexit")
ctxstore("socket", 4, 0, "ctx_socket_write_len")
ctxstore("socket", 4, 48, "ctx_socket_write_cb0")
ctxstore("socket", 4, 8, "ctx_socket_write_mark")
ctxstore("tc", 4, 8, "ctx_tc_write_mark")
ctxstore("tc", 4, 72, "ctx_tc_write_classid")
ctxstore("tc", 2, 8, "ctx_tc_write_mark_u16")
ctxstore("xdp", 4, 0, "ctx_xdp_write_data")
ctxstore("cgroup/sock_create", 4, 16, "ctx_sock_write_mark")
ctxstore("cgroup/sock_create", 4, 4, "ctx_sock_write_family")
ctxload("cgroup/sock_create", 4, 4, "ctx_sock_read_family")
ctxstore("tracepoint/syscalls/sys_enter_openat", 8, 8, "ctx_tracepoint_write")
asm("ctx_var_offset", "socket", "r6 = r1\ncall 7\nr0 &= 4\nr6 += r0\nr0 = *(u32 *)(r6 + 0)\nexit")
asm("ctx_write_ptr_priv", "socket", "*(u32 *)(r1 + 48) = r10\nr0 = 0\nexit")

# ---------------- packet ----------------
PKT = """
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
"""
asm("pkt_no_check", "xdp", PKT + "r0 = *(u8 *)(r2 + 0)\nr0 = 2\nexit")
for n, off, size in ((14, 0, 8), (14, 8, 4), (14, 12, 2), (14, 12, 4), (14, 13, 1), (14, 14, 1), (8, 0, 8), (8, 4, 8), (1, 0, 1), (34, 30, 4), (34, 32, 4)):
    ty = {1: "u8", 2: "u16", 4: "u32", 8: "u64"}[size]
    asm(f"pkt_check{n}_read{size}_at{off}", "xdp", PKT + f"r4 = r2\nr4 += {n}\nif r4 > r3 goto +1\nr0 = *({ty} *)(r2 + {off})\nr0 = 2\nexit")
asm("pkt_check_ge_open", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 >= r3 goto +1\nr0 = *(u8 *)(r2 + 14)\nr0 = 2\nexit")
asm("pkt_check_ge_open_13", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 >= r3 goto +1\nr0 = *(u8 *)(r2 + 13)\nr0 = 2\nexit")
asm("pkt_check_end_lt", "xdp", PKT + "r4 = r2\nr4 += 14\nif r3 < r4 goto +1\nr0 = *(u8 *)(r2 + 13)\nr0 = 2\nexit")
asm("pkt_check_end_ge", "xdp", PKT + "r4 = r2\nr4 += 14\nif r3 >= r4 goto +2\nr0 = 2\nexit\nr0 = *(u8 *)(r2 + 13)\nr0 = 2\nexit")
asm("pkt_check_wrong_side", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto +2\nr0 = 2\nexit\nr0 = *(u8 *)(r2 + 0)\nr0 = 2\nexit")
asm("pkt_check_le", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 <= r3 goto +2\nr0 = 2\nexit\nr0 = *(u8 *)(r2 + 13)\nr0 = 2\nexit")
asm("pkt_negative_off", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto +1\nr0 = *(u8 *)(r2 - 1)\nr0 = 2\nexit")
asm("pkt_write_xdp", "xdp", PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto +2\nr5 = 0\n*(u8 *)(r2 + 0) = r5\nr0 = 2\nexit")
asm("pkt_write_cgroup_skb", "cgroup_skb/ingress", "r2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 14\nif r4 > r3 goto +2\nr5 = 0\n*(u8 *)(r2 + 0) = r5\nr0 = 1\nexit")
asm("pkt_read_cgroup_skb", "cgroup_skb/ingress", "r2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 14\nif r4 > r3 goto +1\nr0 = *(u8 *)(r2 + 0)\nr0 = 1\nexit")
asm("pkt_tc_read", "tc", "r2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 14\nif r4 > r3 goto +1\nr0 = *(u8 *)(r2 + 0)\nr0 = 0\nexit")
asm("pkt_var_offset_checked", "xdp", PKT + """
r4 = r2
r4 += 20
if r4 > r3 goto +8
r5 = *(u8 *)(r2 + 0)
r5 &= 15
r2 += r5
r4 = r2
r4 += 4
if r4 > r3 goto +2
r0 = *(u32 *)(r2 + 0)
exit
r0 = 2
exit""")
asm("pkt_var_offset_unchecked", "xdp", PKT + """
r4 = r2
r4 += 20
if r4 > r3 goto +4
r5 = *(u8 *)(r2 + 0)
r5 &= 15
r2 += r5
r0 = *(u32 *)(r2 + 0)
r0 = 2
exit""")
asm("pkt_adjust_head_stale", "xdp", """
r6 = r1
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 14
if r4 > r3 goto +6
r7 = r2
r2 = 0
call 44
r0 = *(u8 *)(r7 + 0)
r0 = 2
exit
r0 = 2
exit""")
asm("pkt_adjust_head_reload", "xdp", """
r6 = r1
r2 = 0
call 44
r2 = *(u32 *)(r6 + 0)
r3 = *(u32 *)(r6 + 4)
r4 = r2
r4 += 14
if r4 > r3 goto +1
r0 = *(u8 *)(r2 + 0)
r0 = 2
exit""")
asm("pkt_meta_check", "xdp", """
r2 = *(u32 *)(r1 + 8)
r3 = *(u32 *)(r1 + 0)
r4 = r2
r4 += 4
if r4 > r3 goto +1
r0 = *(u32 *)(r2 + 0)
r0 = 2
exit""")
asm("pkt_meta_no_check", "xdp", "r2 = *(u32 *)(r1 + 8)\nr0 = *(u32 *)(r2 + 0)\nr0 = 2\nexit")
asm("pkt_end_deref", "xdp", "r3 = *(u32 *)(r1 + 4)\nr0 = *(u8 *)(r3 + 0)\nr0 = 2\nexit")
asm("pkt_ld_abs_socket", "socket", "r6 = r1\nr0 = *(u8 *)skb[12]\nexit")
asm("pkt_ld_abs_xdp", "xdp", "r6 = r1\nr0 = *(u8 *)skb[12]\nexit")
asm("pkt_ld_abs_r6_not_ctx", "socket", "r6 = r10\nr0 = *(u8 *)skb[12]\nexit")
asm("pkt_ld_abs_clobbers_r1", "socket", "r6 = r1\nr0 = *(u8 *)skb[12]\nr0 = r1\nexit")

# ---------------- helpers ----------------
asm("helper_unknown_id", "socket", "call 9999\nr0 = 0\nexit")
asm("helper_ktime", "socket", "call 5\nexit")
asm("helper_prandom_cpu", "xdp", "call 7\ncall 8\nr0 = 2\nexit")
asm("helper_pid_tgid_tracepoint", "tracepoint/syscalls/sys_enter_openat", "call 14\nr0 = 0\nexit")
asm("helper_pid_tgid_xdp", "xdp", "call 14\nr0 = 2\nexit")
asm("helper_comm_ok", "tracepoint/syscalls/sys_enter_openat", "r1 = r10\nr1 += -16\nr2 = 16\ncall 16\nr0 = 0\nexit")
asm("helper_comm_too_big", "tracepoint/syscalls/sys_enter_openat", "r1 = r10\nr1 += -16\nr2 = 17\ncall 16\nr0 = 0\nexit")
asm("helper_comm_zero", "tracepoint/syscalls/sys_enter_openat", "r1 = r10\nr1 += -16\nr2 = 0\ncall 16\nr0 = 0\nexit")
asm("helper_comm_into_map", "tracepoint/syscalls/sys_enter_openat", mapval() + "if r0 == 0 goto +3\nr1 = r0\nr2 = 16\ncall 16\nr0 = 0\nexit")
asm("helper_probe_read_var_size", "tracepoint/syscalls/sys_enter_openat", """
call 7
r2 = r0
r2 &= 31
r1 = r10
r1 += -32
r3 = 0
call 113
r0 = 0
exit""")
asm("helper_probe_read_unbounded", "tracepoint/syscalls/sys_enter_openat", """
call 7
r2 = r0
r1 = r10
r1 += -32
r3 = 0
call 113
r0 = 0
exit""")
asm("helper_probe_read_kernel_socket", "socket", "r1 = r10\nr1 += -8\nr2 = 8\nr3 = 0\ncall 113\nr0 = 0\nexit")
asm("helper_probe_read_legacy_xdp", "xdp", "r1 = r10\nr1 += -8\nr2 = 8\nr3 = 0\ncall 4\nr0 = 2\nexit")
asm("helper_trace_printk", "socket", "r1 = 0x0a6968\n*(u64 *)(r10 - 8) = r1\nr1 = r10\nr1 += -8\nr2 = 4\ncall 6\nr0 = 0\nexit")
asm("helper_trace_printk_uninit_fmt", "socket", "r1 = r10\nr1 += -8\nr2 = 8\ncall 6\nr0 = 0\nexit")
asm("helper_perf_output", "tracepoint/syscalls/sys_enter_openat", """
r6 = r1
r1 = 1
*(u64 *)(r10 - 8) = r1
r1 = r6
r2 = %[events] ll
r3 = 0xffffffff ll
r4 = r10
r4 += -8
r5 = 8
call 25
r0 = 0
exit""")
asm("helper_perf_output_oob", "tracepoint/syscalls/sys_enter_openat", """
r6 = r1
r1 = 1
*(u64 *)(r10 - 8) = r1
r1 = r6
r2 = %[events] ll
r3 = 0xffffffff ll
r4 = r10
r4 += -8
r5 = 16
call 25
r0 = 0
exit""")
asm("helper_perf_output_wrong_map", "tracepoint/syscalls/sys_enter_openat", """
r6 = r1
r1 = 1
*(u64 *)(r10 - 8) = r1
r1 = r6
r2 = %[hmap] ll
r3 = 0
r4 = r10
r4 += -8
r5 = 8
call 25
r0 = 0
exit""")
asm("helper_perf_output_ctx_modified", "tracepoint/syscalls/sys_enter_openat", """
r1 += 8
r2 = %[events] ll
r3 = 0
r4 = r10
r4 += -8
r5 = 0
call 25
r0 = 0
exit""")
asm("helper_stackid", "tracepoint/syscalls/sys_enter_openat", "r2 = %[stacks] ll\nr3 = 0\ncall 27\nr0 = 0\nexit")
asm("helper_tail_call", "socket", "r2 = %[jmp] ll\nr3 = 0\ncall 12\nr0 = 0\nexit")
asm("helper_tail_call_wrong_map", "socket", "r2 = %[hmap] ll\nr3 = 0\ncall 12\nr0 = 0\nexit")
asm("helper_skb_load_bytes", "socket", "r2 = 0\nr3 = r10\nr3 += -16\nr4 = 16\ncall 26\nr0 = 0\nexit")
asm("helper_skb_load_bytes_zero", "socket", "r2 = 0\nr3 = r10\nr3 += -16\nr4 = 0\ncall 26\nr0 = 0\nexit")
asm("helper_skb_store_bytes_socket", "socket", "r2 = 0\n*(u64 *)(r10 - 8) = r2\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 9\nr0 = 0\nexit")
asm("helper_skb_store_bytes_tc", "tc", "r2 = 0\n*(u64 *)(r10 - 8) = r2\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 9\nr0 = 0\nexit")
asm("helper_l3_csum_stale_pkt", "tc", """
r6 = r1
r7 = *(u32 *)(r1 + 76)
r3 = *(u32 *)(r1 + 80)
r4 = r7
r4 += 14
if r4 > r3 goto +7
r1 = r6
r2 = 0
r3 = 0
r4 = 0
r5 = 0
call 10
r0 = *(u8 *)(r7 + 0)
r0 = 0
exit""")
asm("helper_csum_diff_xdp", "xdp", "r1 = 0\n*(u64 *)(r10 - 8) = r1\nr1 = 0\nr2 = 0\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 28\nr0 = 2\nexit")
asm("helper_redirect_xdp", "xdp", "r1 = 1\nr2 = 0\ncall 23\nexit")
asm("helper_redirect_socket", "socket", "r1 = 1\nr2 = 0\ncall 23\nexit")
asm("helper_arg_ptr_leak_priv", "socket", """
r1 = 0
*(u32 *)(r10 - 4) = r1
*(u64 *)(r10 - 24) = r1
*(u64 *)(r10 - 16) = r1
r1 = %[hmap] ll
r2 = r10
r2 += -4
r3 = r10
r3 += -24
r4 = r10
call 2
r0 = 0
exit""")
asm("helper_clobbers_r1", "socket", "call 5\nr0 = r1\nexit")
asm("helper_void_r0", "socket", "r2 = %[jmp] ll\nr3 = 0\ncall 12\nexit")

# ---------------- ring buffer references ----------------
RES = """
r1 = %[rb] ll
r2 = 16
r3 = 0
call 131
"""
asm("rb_reserve_submit", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +5\nr1 = r0\nr2 = 0\ncall 132\nr0 = 0\nexit\nr0 = 0\nexit")
asm("rb_reserve_write_submit", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +5\nr1 = 5\n*(u64 *)(r0 + 8) = r1\nr1 = r0\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_reserve_write_past", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +5\nr1 = 5\n*(u64 *)(r0 + 12) = r1\nr1 = r0\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_reserve_no_null_check", "tracepoint/syscalls/sys_enter_openat", RES + "r1 = r0\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_reserve_leak", "tracepoint/syscalls/sys_enter_openat", RES + "r0 = 0\nexit")
asm("rb_reserve_leak_one_path", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +7\nr6 = r0\ncall 7\nif r0 > 5 goto +4\nr1 = r6\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_reserve_discard_or_submit", "tracepoint/syscalls/sys_enter_openat", RES + """
if r0 == 0 goto +11
r6 = r0
call 7
if r0 > 5 goto +5
r1 = r6
r2 = 0
call 132
r0 = 0
exit
r1 = r6
r2 = 0
call 133
r0 = 0
exit""")
asm("rb_double_submit", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +7\nr6 = r0\nr1 = r0\nr2 = 0\ncall 132\nr1 = r6\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_use_after_submit", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +6\nr6 = r0\nr1 = r0\nr2 = 0\ncall 132\nr0 = *(u64 *)(r6 + 0)\nexit\nr0 = 0\nexit")
asm("rb_reserve_var_size", "tracepoint/syscalls/sys_enter_openat", "call 7\nr2 = r0\nr2 &= 15\nr1 = %[rb] ll\nr3 = 0\ncall 131\nif r0 == 0 goto +3\nr1 = r0\nr2 = 0\ncall 132\nr0 = 0\nexit")
asm("rb_submit_offset", "tracepoint/syscalls/sys_enter_openat", RES + "if r0 == 0 goto +6\nr1 = r0\nr1 += 8\nr2 = 0\ncall 132\nr0 = 0\nexit\nr0 = 0\nexit")
asm("rb_output", "tracepoint/syscalls/sys_enter_openat", "r1 = 0\n*(u64 *)(r10 - 8) = r1\nr1 = %[rb] ll\nr2 = r10\nr2 += -8\nr3 = 8\nr4 = 0\ncall 130\nr0 = 0\nexit")
asm("rb_output_wrong_map", "tracepoint/syscalls/sys_enter_openat", "r1 = 0\n*(u64 *)(r10 - 8) = r1\nr1 = %[hmap] ll\nr2 = r10\nr2 += -8\nr3 = 8\nr4 = 0\ncall 130\nr0 = 0\nexit")
asm("rb_submit_stack", "tracepoint/syscalls/sys_enter_openat", "r1 = r10\nr1 += -8\nr2 = 0\ncall 132\nr0 = 0\nexit")

# ---------------- spin locks ----------------
LOCKV = """
r1 = 0
*(u32 *)(r10 - 4) = r1
r1 = %[locks] ll
r2 = r10
r2 += -4
call 1
if r0 == 0 goto +{skip}
r6 = r0
"""
def lockv(body, sec="tc"):
    n = len([l for l in body.strip().splitlines() if l.strip()]) + 1
    return LOCKV.replace("{skip}", str(n)) + body + "\nr0 = 0\nexit"
asm("lock_ok", "tc", lockv("r1 = r6\ncall 93\nr1 = 1\n*(u32 *)(r6 + 4) = r1\nr1 = r6\ncall 94"))
asm("lock_no_unlock", "tc", lockv("r1 = r6\ncall 93"))
asm("lock_helper_inside", "tc", lockv("r1 = r6\ncall 93\ncall 5\nr1 = r6\ncall 94"))
asm("lock_unlock_only", "tc", lockv("r1 = r6\ncall 94"))
asm("lock_twice", "tc", lockv("r1 = r6\ncall 93\nr1 = r6\ncall 93\nr1 = r6\ncall 94"))
asm("lock_direct_access", "tc", lockv("r1 = *(u32 *)(r6 + 0)"))
asm("lock_wrong_offset", "tc", lockv("r1 = r6\nr1 += 4\ncall 93\nr1 = r6\ncall 94"))
asm("lock_map_without_lock", "tc", """
r1 = 0
*(u32 *)(r10 - 4) = r1
r1 = %[hmap] ll
r2 = r10
r2 += -4
call 1
if r0 == 0 goto +3
r1 = r0
call 93
r0 = 0
exit""")
asm("lock_in_tracepoint", "tracepoint/syscalls/sys_enter_openat", lockv("r1 = r6\ncall 93\nr1 = r6\ncall 94"))

# ---------------- callbacks ----------------
LOOP = "r1 = 10\nr2 = cb ll\nr3 = 0\nr4 = 0\ncall 181\nr0 = 0\nexit"
LOOPCTX = "r1 = 3\n*(u64 *)(r10 - 8) = r1\nr1 = 10\nr2 = cb ll\nr3 = r10\nr3 += -8\nr4 = 0\ncall 181\nr0 = 0\nexit"
asmf("loop_callback_ok", "socket", LOOP, {"cb": "r0 = 0\nexit"})
asmf("loop_callback_bad_return", "socket", LOOP, {"cb": "r0 = 2\nexit"})
asmf("loop_callback_no_return", "socket", LOOP, {"cb": "exit"})
asmf("loop_callback_ctx_read", "socket", LOOPCTX, {"cb": "r0 = *(u64 *)(r2 + 0)\nr0 = 0\nexit"})
asmf("loop_callback_ctx_oob", "socket", LOOPCTX, {"cb": "r0 = *(u64 *)(r2 + 8)\nr0 = 0\nexit"})
asmf("loop_callback_null_ctx_read", "socket", LOOP, {"cb": "r0 = *(u64 *)(r2 + 0)\nr0 = 0\nexit"})
asmf("loop_not_a_function", "socket", "r1 = 10\nr2 = 0\nr3 = 0\nr4 = 0\ncall 181\nr0 = 0\nexit", {"cb": "r0 = 0\nexit"})
FE = "r1 = %[arr] ll\nr2 = cb ll\nr3 = 0\nr4 = 0\ncall 164\nr0 = 0\nexit"
asmf("foreach_callback_ok", "socket", FE, {"cb": "r0 = *(u64 *)(r3 + 8)\nr0 = 0\nexit"})
asmf("foreach_callback_value_oob", "socket", FE, {"cb": "r0 = *(u64 *)(r3 + 16)\nr0 = 0\nexit"})
asmf("foreach_callback_key_read", "socket", FE, {"cb": "r0 = *(u32 *)(r2 + 0)\nr0 = 0\nexit"})
asmf("foreach_callback_key_write", "socket", FE, {"cb": "r0 = 0\n*(u32 *)(r2 + 0) = r0\nexit"})
asmf("foreach_ringbuf", "socket", "r1 = %[rb] ll\nr2 = cb ll\nr3 = 0\nr4 = 0\ncall 164\nr0 = 0\nexit", {"cb": "r0 = 0\nexit"})

# ---------------- return values and leaks ----------------
asm("ret_cgroup_skb_2", "cgroup_skb/ingress", "r0 = 2\nexit")
asm("ret_cgroup_skb_1", "cgroup_skb/ingress", "r0 = 1\nexit")
asm("ret_cgroup_skb_unknown", "cgroup_skb/ingress", "call 7\nexit")
asm("ret_cgroup_skb_masked", "cgroup_skb/ingress", "call 7\nr0 &= 1\nexit")
asm("ret_cgroup_skb_ptr", "cgroup_skb/ingress", "r0 = r1\nexit")
asm("ret_xdp_any", "xdp", "call 7\nexit")

# ---------------- realistic C ----------------
c("c_xdp_count_proto", r'''
#include <linux/if_ether.h>
SEC("xdp") int c_xdp_count_proto(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return XDP_PASS;
  __u32 k = eth->h_proto & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (v) __sync_fetch_and_add(&v->a, 1);
  return XDP_PASS;
}''')
c("c_xdp_no_bounds", r'''
#include <linux/if_ether.h>
SEC("xdp") int c_xdp_no_bounds(struct xdp_md *ctx)
{
  struct ethhdr *eth = (void *)(long)ctx->data;
  return eth->h_proto == 8 ? XDP_DROP : XDP_PASS;
}''')
c("c_xdp_bounds_short", r'''
#include <linux/if_ether.h>
SEC("xdp") int c_xdp_bounds_short(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if (data + 12 > end) return XDP_PASS;
  return eth->h_proto == 8 ? XDP_DROP : XDP_PASS;
}''')
c("c_lookup_no_check", r'''
SEC("socket") int c_lookup_no_check(void *ctx)
{
  __u32 k = bpf_get_prandom_u32();
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  return v->a;
}''')
c("c_lookup_check", r'''
SEC("socket") int c_lookup_check(void *ctx)
{
  __u32 k = bpf_get_prandom_u32();
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (!v) return 0;
  return v->a + v->b;
}''')
c("c_counter_update", r'''
SEC("tracepoint/syscalls/sys_enter_openat") int c_counter_update(void *ctx)
{
  __u32 k = bpf_get_current_pid_tgid() >> 32;
  struct val *v = bpf_map_lookup_elem(&hmap, &k), nv = {1, 0};
  if (v) { v->a++; return 0; }
  bpf_map_update_elem(&hmap, &k, &nv, BPF_ANY);
  return 0;
}''')
c("c_array_index_unchecked", r'''
SEC("socket") int c_array_index_unchecked(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  __u32 i = skb->len;
  return ((unsigned char *)v)[i];
}''')
c("c_array_index_checked", r'''
SEC("socket") int c_array_index_checked(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  __u32 i = skb->len;
  if (i >= sizeof(*v)) return 0;
  return ((unsigned char *)v)[i];
}''')
c("c_array_index_off_by_one", r'''
SEC("socket") int c_array_index_off_by_one(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  __u32 i = skb->len;
  if (i > sizeof(*v)) return 0;
  return ((unsigned char *)v)[i];
}''')
c("c_ringbuf_event", r'''
struct event { __u32 pid; char comm[16]; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_ringbuf_event(void *ctx)
{
  struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_ringbuf_submit(e, 0);
  return 0;
}''')
c("c_ringbuf_leak_on_error", r'''
struct event { __u32 pid; char comm[16]; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_ringbuf_leak_on_error(void *ctx)
{
  struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  if (e->pid == 1) return 0;
  bpf_ringbuf_submit(e, 0);
  return 0;
}''')
c("c_ringbuf_no_null_check", r'''
SEC("tracepoint/syscalls/sys_enter_openat") int c_ringbuf_no_null_check(void *ctx)
{
  __u64 *e = bpf_ringbuf_reserve(&rb, 8, 0);
  *e = 1;
  bpf_ringbuf_submit(e, 0);
  return 0;
}''')
c("c_loop_sum", r'''
SEC("socket") int c_loop_sum(void *ctx)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  int s = 0;
  for (int i = 0; i < 16; i++) s += ((unsigned char *)v)[i];
  return s;
}''')
c("c_loop_past_end", r'''
SEC("socket") int c_loop_past_end(void *ctx)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  int s = 0;
  #pragma nounroll
  for (int i = 0; i < 17; i++) s += ((volatile unsigned char *)v)[i];
  return s;
}''')
c("c_loop_1000", r'''
SEC("socket") int c_loop_1000(void *ctx)
{
  volatile int s = 0;
  #pragma nounroll
  for (int i = 0; i < 1000; i++) s += i;
  return s & 1;
}''')
c("c_loop_huge", r'''
SEC("socket") int c_loop_huge(void *ctx)
{
  volatile int s = 0;
  #pragma nounroll
  for (int i = 0; i < 1000000; i++) s += i;
  return s & 1;
}''')
c("c_bpf_loop", r'''
static int add_one(__u32 i, void *c) { (*(int *)c)++; return 0; }
SEC("socket") int c_bpf_loop(void *ctx)
{
  int n = 0;
  bpf_loop(1000000, add_one, &n, 0);
  return n & 1;
}''')
c("c_subprog", r'''
static __attribute__((noinline)) int sq(int x) { return x * x; }
SEC("socket") int c_subprog(struct __sk_buff *skb)
{
  return sq(skb->len & 15);
}''')
c("c_subprog_stack_buf", r'''
static __attribute__((noinline)) int fill(char *b, int n)
{
  for (int i = 0; i < 8; i++) b[i] = n;
  return b[3];
}
SEC("socket") int c_subprog_stack_buf(struct __sk_buff *skb)
{
  char buf[8];
  return fill(buf, skb->len);
}''')
c("c_tc_rewrite_mark", r'''
SEC("tc") int c_tc_rewrite_mark(struct __sk_buff *skb)
{
  skb->mark = skb->len;
  skb->tc_classid = 1;
  return 0;
}''')
c("c_socket_write_mark", r'''
SEC("socket") int c_socket_write_mark(struct __sk_buff *skb)
{
  skb->mark = 1;
  return 0;
}''')
c("c_tc_pkt_write", r'''
#include <linux/if_ether.h>
SEC("tc") int c_tc_pkt_write(struct __sk_buff *skb)
{
  void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return 0;
  eth->h_dest[0] = 0xff;
  return 0;
}''')
c("c_tracepoint_args", r'''
struct openat_args { __u64 pad; int nr; long dfd; const char *filename; long flags; long mode; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_tracepoint_args(struct openat_args *a)
{
  char buf[32];
  bpf_probe_read_user_str(buf, sizeof(buf), a->filename);
  return a->flags & 1;
}''')
c("c_tracepoint_common_field", r'''
struct openat_args { unsigned short type; unsigned char flags; unsigned char preempt; int pid; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_tracepoint_common_field(struct openat_args *a)
{
  return a->pid;
}''')
c("c_raw_tp", r'''
SEC("raw_tracepoint/sys_enter") int c_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
  __u32 k = ctx->args[1] & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (v) v->b += 1;
  return 0;
}''')
c("c_perf_event", r'''
#include <linux/bpf_perf_event.h>
SEC("perf_event") int c_perf_event(struct bpf_perf_event_data *ctx)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (v) v->a += ctx->sample_period;
  return 0;
}''')
c("c_spin_lock", r'''
SEC("tc") int c_spin_lock(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct lockval *v = bpf_map_lookup_elem(&locks, &k);
  if (!v) return 0;
  bpf_spin_lock(&v->lock);
  v->x++;
  bpf_spin_unlock(&v->lock);
  return 0;
}''')
c("c_spin_lock_early_return", r'''
SEC("tc") int c_spin_lock_early_return(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct lockval *v = bpf_map_lookup_elem(&locks, &k);
  if (!v) return 0;
  bpf_spin_lock(&v->lock);
  if (v->x > 10) return 1;
  v->x++;
  bpf_spin_unlock(&v->lock);
  return 0;
}''')
c("c_cgroup_skb_verdict", r'''
SEC("cgroup_skb/ingress") int c_cgroup_skb_verdict(struct __sk_buff *skb)
{
  return skb->len > 1000 ? 0 : 1;
}''')
c("c_cgroup_skb_bad_verdict", r'''
SEC("cgroup_skb/ingress") int c_cgroup_skb_bad_verdict(struct __sk_buff *skb)
{
  return skb->len;
}''')
c("c_tail_call", r'''
SEC("socket") int c_tail_call(struct __sk_buff *skb)
{
  bpf_tail_call(skb, &jmp, skb->len & 3);
  return 0;
}''')
c("c_printk", r'''
SEC("socket") int c_printk(struct __sk_buff *skb)
{
  bpf_printk("len %d", skb->len);
  return 0;
}''')
c("c_stack_buffer_uninit_helper", r'''
SEC("tracepoint/syscalls/sys_enter_openat") int c_stack_buffer_uninit_helper(void *ctx)
{
  char buf[16];
  bpf_get_current_comm(buf, sizeof(buf));
  __u32 k = buf[0] & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  return v ? 1 : 0;
}''')
os.makedirs(OUT, exist_ok=True)
for name, text in progs.items():
    with open(os.path.join(OUT, name + ".c"), "w") as f:
        f.write(text)
print(len(progs), "programs written to", os.path.relpath(OUT))
