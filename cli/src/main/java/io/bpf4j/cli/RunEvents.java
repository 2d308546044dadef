package io.bpf4j.cli;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.helpers.TracePipe;
import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.PerfBuffer;
import io.bpf4j.kernel.RingBuffer;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.PerfBufferReader;
import io.bpf4j.maps.RingBufferConsumer;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a {@code prog run} produced besides r0 and the maps, the same for both backends: the
 * {@code bpf_trace_printk} lines (in the kernel's trace_pipe format) and the records the run
 * wrote to ring buffers and perf event arrays. {@link #start} opens the readers (perf event
 * arrays need one before the run, or the program's output fails with ENOENT); {@link
 * #collect} reads what came and closes them.
 */
final class RunEvents {
  /** One record: the map it went to and its bytes in hex. */
  record Rec(String map, String hex) {}

  /** The lines and records of one run. */
  record Events(List<String> trace, List<Rec> records) {
    /** The text after {@code Return value}: the trace lines as they are, then one per record. */
    void print(Out out) {
      trace.forEach(out::println);
      for (Rec r : records) {
        out.println("record " + r.map() + ": " + r.hex());
      }
    }

    /** The {@code ,"trace":[...],"records":[...]} members of the JSON result. */
    String json() {
      StringBuilder sb = new StringBuilder(",\"trace\":[");
      for (int i = 0; i < trace.size(); i++) {
        sb.append(i > 0 ? "," : "").append(Json.quote(trace.get(i)));
      }
      sb.append("],\"records\":[");
      for (int i = 0; i < records.size(); i++) {
        Rec r = records.get(i);
        sb.append(i > 0 ? "," : "").append("{\"map\":").append(Json.quote(r.map()))
            .append(",\"data\":\"").append(r.hex()).append("\"}");
      }
      return sb.append(']').toString();
    }
  }

  private final List<Rec> records = new ArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Runnable> readAfter = new ArrayList<>();
  private io.bpf4j.kernel.TracePipe kernelPipe;
  private boolean jvmPipe;

  private RunEvents() {}

  private static String hex(MemorySegment s) {
    return HexFormat.of().formatHex(s.toArray(ValueLayout.JAVA_BYTE));
  }

  /** True when {@code prog} calls bpf_trace_printk or bpf_trace_vprintk. */
  static boolean printsTrace(ObjectSpec spec, String prog) {
    for (ProgramSpec p : spec.programs()) {
      if (p.name().equals(prog)) {
        for (Insn i : p.insns()) {
          if (i.isHelperCall()
              && (i.imm() == HelperId.TRACE_PRINTK || i.imm() == HelperId.TRACE_VPRINTK)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Readers for a JVM-backend run; lines already in this process's trace pipe are dropped. */
  static RunEvents start(Map<String, BpfMap> maps) {
    RunEvents e = new RunEvents();
    e.jvmPipe = true;
    TracePipe.global().drain();
    for (Map.Entry<String, BpfMap> m : maps.entrySet()) {
      String name = m.getKey();
      if (m.getValue().type() == MapType.PERF_EVENT_ARRAY) {
        PerfBufferReader r = new PerfBufferReader(m.getValue(), 1 << 20,
            (cpu, d) -> e.records.add(new Rec(name, hex(d))), (cpu, n) -> { });
        e.open.add(r);
        e.readAfter.add(r::consume);
      } else if (m.getValue().type() == MapType.RINGBUF) {
        RingBufferConsumer c = new RingBufferConsumer(m.getValue(), d -> {
          e.records.add(new Rec(name, hex(d)));
          return 0;
        });
        e.readAfter.add(c::consume);
      }
    }
    return e;
  }

  /**
   * Readers for a kernel run: the kernel's trace pipe when the program prints (reading it
   * consumes its lines, as {@code bpftool prog tracelog} does), a perf buffer per perf event
   * array and a consumer per ring buffer.
   */
  static RunEvents start(KernelObject obj, boolean printsTrace) {
    RunEvents e = new RunEvents();
    try {
      if (printsTrace) {
        e.kernelPipe = io.bpf4j.kernel.TracePipe.open();
        e.open.add(e.kernelPipe);
      }
      for (Map.Entry<String, KernelMap> m : obj.maps().entrySet()) {
        String name = m.getKey();
        MapType t = m.getValue().info().type();
        if (t == MapType.PERF_EVENT_ARRAY) {
          PerfBuffer pb = PerfBuffer.open(m.getValue(), 8);
          e.open.add(pb);
          e.readAfter.add(() -> pb.poll(0, d -> e.records.add(new Rec(name, hex(d))), n -> { }));
        } else if (t == MapType.RINGBUF) {
          RingBuffer rb = RingBuffer.open(m.getValue());
          e.open.add(rb);
          e.readAfter.add(() -> rb.consume(d -> e.records.add(new Rec(name, hex(d)))));
        }
      }
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
    return e;
  }

  /** Reads what the run produced and closes the readers. */
  Events collect() {
    List<String> trace = new ArrayList<>();
    try {
      readAfter.forEach(Runnable::run);
      if (jvmPipe) {
        trace.addAll(TracePipe.global().drain());
      }
      if (kernelPipe != null) {
        kernelPipe.poll(trace::add);
      }
    } finally {
      close();
    }
    return new Events(trace, List.copyOf(records));
  }

  /** Closes the readers (also when the run failed). */
  void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception ignored) {
        // a reader that cannot close has nothing more to give
      }
    }
    open.clear();
  }
}
