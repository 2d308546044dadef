package io.bpf4j.kernel;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a bpf_conformance program in the kernel: as an XDP program through
 * {@code BPF_PROG_TEST_RUN}, with the memory as the packet.
 *
 * <p>The conformance programs expect r1 to point at the memory and r2 to hold its length.
 * As bpf_conformance's own runner does for its libbpf plugin, a prologue loads
 * {@code xdp_md->data} into r1, checks {@code data + size <= data_end} so the verifier knows
 * the packet's size, and sets r2 to the size. Two more things make the kernel's answer
 * comparable with a VM's:
 *
 * <ul>
 *   <li>the kernel returns only the low 32 bits of r0, so the program runs twice: once as it
 *       is, once with every {@code exit} of the main function turned into a jump to
 *       {@code r0 >>= 32; exit} — both one slot, so no jump offset changes;
 *   <li>helper 5 means "return the first argument" to the conformance suite (the ubpf test
 *       plugin) but {@code bpf_ktime_get_ns} to the kernel: each {@code call 5} becomes a
 *       bpf-to-bpf call of an appended {@code r0 = r1; exit}. (The ubpf helper also stops the
 *       program when its argument is 0; no conformance test depends on that.)
 * </ul>
 */
public final class KernelConformance {
  private final Bpf bpf;

  private KernelConformance(Bpf bpf) {
    this.bpf = bpf;
  }

  /** Runs in the real kernel. */
  public static KernelConformance system() {
    return new KernelConformance(Bpf.system());
  }

  /**
   * The outcome of one program: r0 (all 64 bits) when it ran, or the kernel's reason for
   * refusing it.
   *
   * @param ran true when the kernel loaded and ran it
   * @param r0 r0 at exit
   * @param error the refusal: errno and the verifier's last words
   */
  public record Outcome(boolean ran, long r0, String error) {}

  /** Runs {@code code} (little-endian instruction bytes) on {@code memory}. */
  public Outcome run(byte[] code, byte[] memory) {
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(code, ByteOrder.LITTLE_ENDIAN, false);
    } catch (InvalidInsnException e) {
      return new Outcome(false, 0, "cannot decode: " + e.getMessage());
    }
    try {
      long low = runOnce(wrap(insns, memory.length, false), memory);
      long high = runOnce(wrap(insns, memory.length, true), memory);
      return new Outcome(true, (high << 32) | (low & 0xffffffffL), "");
    } catch (BpfException e) {
      return new Outcome(false, 0, e.errnoName() + lastWords(e.log()));
    }
  }

  private static String lastWords(String log) {
    String[] lines = log.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")) {
        return ": " + l;
      }
    }
    return "";
  }

  private long runOnce(List<Insn> program, byte[] memory) {
    ProgramOptions o = ProgramOptions.builder(ProgType.XDP, program)
        .name("conformance").license("MIT").expectedAttachType(AttachType.XDP).build();
    try (KernelProgram p = KernelProgram.load(bpf, o)) {
      // XDP needs a frame of at least an Ethernet header; the prologue checks the real size
      byte[] data = memory.length >= 14 ? memory : java.util.Arrays.copyOf(memory, 14);
      return p.testRun(new TestRun(data, 0, null, 0, 1, 0, 0)).retvalUnsigned();
    }
  }

  /** The program with the prologue, the helper-5 stub and, for {@code high}, the r0 >> 32 exits. */
  static List<Insn> wrap(List<Insn> body, int memSize, boolean high) {
    List<Insn> out = new ArrayList<>();
    if (memSize > 0) {
      out.add(Insn.of(0xb7, 0, 0, 0, -1)); // r0 = -1
      out.add(Insn.of(0xbf, 6, 1, 0, 0)); // r6 = r1 (the xdp_md)
      out.add(Insn.of(0x61, 1, 6, 0, 0)); // r1 = data
      out.add(Insn.of(0x61, 2, 6, 4, 0)); // r2 = data_end
      out.add(Insn.of(0xbf, 3, 1, 0, 0)); // r3 = r1
      out.add(Insn.of(0x07, 3, 0, 0, memSize)); // r3 += size
      out.add(Insn.of(0xbd, 3, 2, 1, 0)); // if r3 <= r2 goto +1
      out.add(Insn.of(0x95, 0, 0, 0, 0)); // exit
      out.add(Insn.of(0xb7, 2, 0, 0, memSize)); // r2 = size
    }
    int epilogue = -1;
    if (high) {
      out.add(Insn.of(0x05, 0, 0, 2, 0)); // goto +2 (over the epilogue)
      epilogue = InsnCodec.slotCount(out);
      out.add(Insn.of(0x77, 0, 0, 0, 32)); // r0 >>= 32
      out.add(Insn.of(0x95, 0, 0, 0, 0)); // exit
    }
    int base = InsnCodec.slotCount(out);
    int bodySlots = InsnCodec.slotCount(body);
    // the main function ends where the first bpf-to-bpf callee starts
    int mainEnd = bodySlots;
    int slot = 0;
    for (Insn in : body) {
      if (in.isLocalCall()) {
        mainEnd = Math.min(mainEnd, slot + 1 + in.imm32());
      }
      slot += in.slots();
    }
    int stub = base + bodySlots; // the helper-5 stand-in, after everything
    boolean needStub = false;
    slot = 0;
    for (Insn in : body) {
      int at = base + slot;
      if (in.isHelperCall() && in.imm32() == 5) {
        out.add(Insn.of(0x85, 0, 1, 0, stub - (at + 1))); // call local stub
        needStub = true;
      } else if (high && in.isExit() && slot < mainEnd) {
        out.add(Insn.of(0x05, 0, 0, epilogue - (at + 1), 0)); // goto epilogue
      } else {
        out.add(in);
      }
      slot += in.slots();
    }
    if (needStub) {
      out.add(Insn.of(0xbf, 0, 1, 0, 0)); // r0 = r1
      out.add(Insn.of(0x95, 0, 0, 0, 0)); // exit
    }
    return out;
  }
}
