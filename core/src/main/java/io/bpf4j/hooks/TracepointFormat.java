package io.bpf4j.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracepoint's record layout as tracefs describes it in {@code
 * /sys/kernel/tracing/events/CATEGORY/NAME/format}: its name, its event id and its fields
 * ({@code common_*} header first) with offsets, sizes and signedness.
 *
 * {@snippet :
 * TracepointFormat f = TracepointFormat.read(Path.of("/sys/kernel/tracing/events/kmem/kmem_cache_alloc/format"));
 * int off = f.field("bytes_alloc").offset(); // 40
 * }
 *
 * @param name the event's name ({@code name:} line)
 * @param id the kernel's event id ({@code ID:} line), which records carry as {@code common_type}
 * @param fields the fields in file order
 */
public record TracepointFormat(String name, int id, List<TracepointField> fields) {
  private static final Pattern FIELD = Pattern.compile(
      "field:(.+);\\s*offset:(\\d+);\\s*size:(\\d+);\\s*signed:([01]);");
  private static final Pattern DECL = Pattern.compile("(.*?)\\s*\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(\\[[^\\]]*\\])?");

  /** Copies the field list. */
  public TracepointFormat {
    fields = List.copyOf(fields);
  }

  /** Reads a format file. */
  public static TracepointFormat read(Path file) throws IOException, TracepointFormatException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the text of a format file; {@code source} names it in errors ({@code
   * source:line: message}).
   */
  public static TracepointFormat parse(String text, String source) throws TracepointFormatException {
    String name = null;
    Integer id = null;
    boolean inFormat = false;
    List<TracepointField> fields = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int ln = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("name:")) {
        name = line.substring(5).strip();
        if (name.isEmpty()) {
          throw new TracepointFormatException(source, ln, "empty name");
        }
      } else if (line.startsWith("ID:")) {
        try {
          id = Integer.parseInt(line.substring(3).strip());
        } catch (NumberFormatException e) {
          throw new TracepointFormatException(source, ln, "ID is not a number: '" + line.substring(3).strip() + "'");
        }
      } else if (line.equals("format:")) {
        inFormat = true;
      } else if (line.startsWith("field:")) {
        if (!inFormat) {
          throw new TracepointFormatException(source, ln, "field before 'format:'");
        }
        fields.add(field(line, source, ln, fields));
      } else if (line.startsWith("print fmt:")) {
        inFormat = false;
      } else {
        throw new TracepointFormatException(source, ln, "unexpected line: '" + line + "'");
      }
    }
    int end = lines.length;
    if (name == null) {
      throw new TracepointFormatException(source, end, "no 'name:' line");
    }
    if (id == null) {
      throw new TracepointFormatException(source, end, "no 'ID:' line");
    }
    if (fields.isEmpty()) {
      throw new TracepointFormatException(source, end, "no fields");
    }
    return new TracepointFormat(name, id, fields);
  }

  private static TracepointField field(String line, String source, int ln, List<TracepointField> seen)
      throws TracepointFormatException {
    Matcher m = FIELD.matcher(line);
    if (!m.matches()) {
      throw new TracepointFormatException(source, ln,
          "expected 'field:TYPE NAME; offset:N; size:N; signed:0|1;', got '" + line + "'");
    }
    String decl = m.group(1).strip();
    int offset;
    int size;
    try {
      offset = Integer.parseInt(m.group(2));
      size = Integer.parseInt(m.group(3));
    } catch (NumberFormatException e) {
      throw new TracepointFormatException(source, ln, "offset or size out of range");
    }
    boolean signed = m.group(4).equals("1");
    String type;
    String fname;
    if (decl.startsWith("__data_loc ") || decl.startsWith("__rel_loc ")) {
      int sp = decl.lastIndexOf(' ');
      type = decl.substring(0, sp).strip();
      fname = decl.substring(sp + 1);
      if (size != 4) {
        throw new TracepointFormatException(source, ln, "dynamic field '" + fname + "' must have size 4, not " + size);
      }
    } else {
      Matcher d = DECL.matcher(decl);
      if (!d.matches() || d.group(1).isBlank()) {
        throw new TracepointFormatException(source, ln, "cannot read the declaration '" + decl + "'");
      }
      fname = d.group(2);
      type = d.group(1).strip() + (d.group(3) == null ? "" : d.group(3));
    }
    if (!fname.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new TracepointFormatException(source, ln, "bad field name '" + fname + "'");
    }
    for (TracepointField f : seen) {
      if (f.name().equals(fname)) {
        throw new TracepointFormatException(source, ln, "field '" + fname + "' appears twice");
      }
    }
    if (size == 0 && !type.endsWith("[]")) {
      throw new TracepointFormatException(source, ln, "field '" + fname + "' has size 0");
    }
    return new TracepointField(type, fname, offset, size, signed);
  }

  /** The field with that name. */
  public TracepointField field(String fieldName) {
    for (TracepointField f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    throw new NoSuchElementException("tracepoint " + name + " has no field '" + fieldName + "'");
  }

  /** Whether a field has that name. */
  public boolean hasField(String fieldName) {
    return fields.stream().anyMatch(f -> f.name().equals(fieldName));
  }

  /** Bytes of the fixed part of a record: the end of its last field. */
  public int fixedSize() {
    int end = 0;
    for (TracepointField f : fields) {
      end = Math.max(end, f.offset() + f.size());
    }
    return end;
  }

  /** The {@code format:} part as tracefs prints it. */
  public String formatText() {
    StringBuilder b = new StringBuilder("name: " + name + "\nID: " + id + "\nformat:\n");
    boolean common = true;
    for (TracepointField f : fields) {
      if (common && !f.isCommon()) {
        b.append('\n');
        common = false;
      }
      b.append(f.formatLine()).append('\n');
    }
    return b.toString();
  }
}
