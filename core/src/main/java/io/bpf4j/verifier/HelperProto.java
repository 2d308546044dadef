package io.bpf4j.verifier;

import java.util.List;

/**
 * A helper's prototype ({@code struct bpf_func_proto}): argument and return types, whether it
 * changes packet data (so packet pointers must be checked again), and which program types may
 * call it.
 *
 * @param id helper id ({@code BPF_FUNC_*})
 * @param name the helper's name without {@code bpf_}
 * @param ret return type
 * @param args argument types, r1 first
 * @param progs which program types may call it
 * @param changesPacket true for helpers that invalidate packet pointers
 * @param privileged true for helpers the kernel gives only to CAP_PERFMON/CAP_BPF callers
 */
record HelperProto(int id, String name, RetType ret, List<ArgType> args, ProgSet progs,
    boolean changesPacket, boolean privileged) {}
