package io.bpf4j.hooks;

/**
 * One {@code field:} line of a tracefs {@code format} file.
 *
 * @param type the C type with any array suffix: {@code "unsigned long"}, {@code "char[16]"},
 *     {@code "__data_loc char[]"}
 * @param name the field's name
 * @param offset bytes from the start of the record
 * @param size bytes of the field (4 for {@code __data_loc} and {@code __rel_loc} fields)
 * @param signed whether the value is signed
 */
public record TracepointField(String type, String name, int offset, int size, boolean signed) {
  /** Whether the field is a {@code __data_loc}: {@code (length << 16) | offset from the record}. */
  public boolean isDataLoc() {
    return type.startsWith("__data_loc ");
  }

  /** Whether the field is a {@code __rel_loc}: like data_loc, offset from the field's end. */
  public boolean isRelLoc() {
    return type.startsWith("__rel_loc ");
  }

  /** Whether the field holds characters: {@code char[N]} or a dynamic {@code char[]}. */
  public boolean isString() {
    String t = type.replace("__data_loc ", "").replace("__rel_loc ", "");
    return t.startsWith("char[") || t.startsWith("const char[") || t.startsWith("unsigned char[");
  }

  /** Whether the field is one of the {@code common_*} header fields every record starts with. */
  public boolean isCommon() {
    return name.startsWith("common_");
  }

  /** The field as tracefs prints it. */
  public String formatLine() {
    int b = type.indexOf('[');
    String decl = b < 0 || isDataLoc() || isRelLoc() ? type + " " + name
        : type.substring(0, b) + " " + name + type.substring(b);
    return "\tfield:" + decl + ";\toffset:" + offset + ";\tsize:" + size + ";\tsigned:"
        + (signed ? 1 : 0) + ";";
  }
}
