package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.HelperId;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ProbeReadTest {
  final HelperTable t = StandardHelpers.table();

  @Test
  void readsInsideTheContextAndFaultsOutside() {
    MemorySegment ctx = mem(32);
    ctx.set(Memory.U64, 8, 0x1122334455667788L);
    RunState s = state(ctx.asSlice(0, 16));
    MemorySegment dst = mem(8);
    for (int id : new int[] {HelperId.PROBE_READ, HelperId.PROBE_READ_KERNEL, HelperId.PROBE_READ_USER}) {
      dst.set(Memory.U64, 0, 0);
      assertEquals(0, call(t, s, id, dst.address(), 8, ctx.address() + 8));
      assertEquals(0x1122334455667788L, dst.get(Memory.U64, 0));
      assertEquals(-14, call(t, s, id, dst.address(), 8, ctx.address() + 12));
      assertEquals(0, dst.get(Memory.U64, 0), "zeroed on fault");
      assertEquals(id == HelperId.PROBE_READ_KERNEL ? -34 : -14, call(t, s, id, dst.address(), 8, 0),
          "NULL: _kernel refuses a user address (-ERANGE), the others fault");
    }
  }

  @Test
  void strVariantsStopAtNulOrSize() {
    MemorySegment text = cstr("kernel");
    RunState s = state(mem(4));
    MemorySegment dst = mem(16);
    assertEquals(-14, call(t, s, HelperId.PROBE_READ_KERNEL_STR, dst.address(), 16, text.address()));
    ProbeMemory.Registration r = ProbeMemory.allow(text);
    try {
      assertEquals(7, call(t, s, HelperId.PROBE_READ_STR, dst.address(), 16, text.address()));
      assertEquals("kernel", readCstr(dst));
      assertEquals(4, call(t, s, HelperId.PROBE_READ_USER_STR, dst.address(), 4, text.address()));
      assertEquals("ker", readCstr(dst));
    } finally {
      r.close();
    }
    assertEquals(-14, call(t, s, HelperId.PROBE_READ_STR, dst.address(), 16, text.address()));
  }

  @Test
  void engineRegionsCount() {
    MemorySegment stack = mem(64);
    stack.set(Memory.U32, 0, 42);
    class Checked extends RunState implements ProbeRegions {
      @Override
      public boolean readable(long addr, long len) {
        return addr >= stack.address() && addr + len <= stack.address() + 64;
      }
    }
    RunState s = new Checked();
    s.reset(0, 0);
    MemorySegment dst = mem(4);
    assertEquals(0, call(t, s, HelperId.PROBE_READ, dst.address(), 4, stack.address()));
    assertEquals(42, dst.get(Memory.U32, 0));
  }
  /**
   * A probe read of the program's own stack (a string it built, {@code bpf_get_current_comm}'s
   * buffer) works on both engines' stacks, as in the kernel; {@code ProbeReadDifferentialTest}
   * (kernel module) compares the same with the kernel.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void readsTheProgramsStack(boolean jit) throws Exception {
    // *(u64 *)(r10 - 8) = 0x1122...; r0 = probe_read_kernel(r10 - 16, 8, r10 - 8); r0 = *(r10 - 16) + r0
    java.util.List<io.bpf4j.isa.Insn> p = new io.bpf4j.isa.Asm()
        .lddw(io.bpf4j.isa.Reg.R1, 0x1122334455667788L)
        .stxdw(io.bpf4j.isa.Reg.R10, -8, io.bpf4j.isa.Reg.R1)
        .mov(io.bpf4j.isa.Reg.R1, io.bpf4j.isa.Reg.R10).add(io.bpf4j.isa.Reg.R1, -16)
        .mov(io.bpf4j.isa.Reg.R2, 8)
        .mov(io.bpf4j.isa.Reg.R3, io.bpf4j.isa.Reg.R10).add(io.bpf4j.isa.Reg.R3, -8)
        .call(HelperId.PROBE_READ_KERNEL)
        .ldxdw(io.bpf4j.isa.Reg.R1, io.bpf4j.isa.Reg.R10, -16)
        .add(io.bpf4j.isa.Reg.R0, io.bpf4j.isa.Reg.R1)
        .exit()
        .build();
    io.bpf4j.vm.Engine e = jit
        ? io.bpf4j.vm.jit.JitCompiler.compile(p, t)
        : io.bpf4j.vm.Interpreter.load(p, t, io.bpf4j.vm.InterpreterOptions.fast());
    assertEquals(0x1122334455667788L, e.run(0, 0), "0 from the helper + the bytes it copied");
  }
}
