package io.bpf4j.cli;

import io.bpf4j.hooks.TracepointFormat;
import io.bpf4j.hooks.TracepointFormatException;
import io.bpf4j.hooks.TracepointRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j tracepoint record --format FILE field=value ... [-o OUT]}: a tracepoint record
 * in the kernel's layout (from tracefs's {@code format} file), for {@code bpf4j prog run
 * --ctx-in OUT} of a tracepoint program on the JVM backend.
 */
final class TracepointRecordCommand implements Command {
  private static final Path TRACEFS = Path.of("/sys/kernel/tracing/events");

  @Override
  public String name() {
    return "tracepoint record";
  }

  @Override
  public String summary() {
    return "build a tracepoint record from a tracefs format file, as a tracepoint program's context";
  }

  @Override
  public String usage() {
    return "bpf4j tracepoint record --format FILE|CATEGORY/NAME [FIELD=VALUE ...] [-o OUT] [-j]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--format", "-o", "--output"), Set.of());
    String fmt = args.value("--format");
    if (fmt == null) {
      throw CliException.usage("'tracepoint record' needs --format FILE (a tracefs format file)");
    }
    String output = args.value("-o", args.value("--output"));
    Path file = Path.of(fmt);
    if (!Files.exists(file) && fmt.matches("[A-Za-z0-9_]+/[A-Za-z0-9_]+")
        && Files.exists(TRACEFS.resolve(fmt).resolve("format"))) {
      file = TRACEFS.resolve(fmt).resolve("format");
    }
    TracepointFormat format;
    try {
      format = TracepointFormat.read(file);
    } catch (NoSuchFileException e) {
      throw CliException.failure(fmt + ": no such file");
    } catch (IOException e) {
      throw CliException.unreadable(fmt, e);
    } catch (TracepointFormatException e) {
      throw CliException.failure(e.getMessage());
    }
    byte[] rec;
    try {
      Map<String, String> values = TracepointRecord.parseAssignments(args.positional());
      rec = TracepointRecord.build(format, values);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(format.name() + ": " + e.getMessage());
    }
    if (output != null) {
      try {
        Files.write(Path.of(output), rec);
      } catch (IOException e) {
        throw CliException.unwritable(output, e);
      }
    }
    if (out.json()) {
      out.println("{\"name\":\"" + format.name() + "\",\"id\":" + format.id() + ",\"size\":" + rec.length
          + ",\"record\":\"" + HexFormat.of().formatHex(rec) + "\"}");
    } else if (output != null) {
      out.println("wrote " + rec.length + " bytes to " + output + " (" + format.name() + ", ID " + format.id() + ")");
    } else {
      out.println(HexFormat.ofDelimiter(" ").formatHex(rec));
    }
    return 0;
  }
}
