package io.bpf4j.btf;

/**
 * {@code struct bpf_line_info}: the instruction at slot {@code slot} comes from this source
 * line.
 *
 * @param file the source file name
 * @param text the source line's text as the compiler recorded it
 * @param line 1-based line number
 * @param column 1-based column (0 when unknown)
 */
public record LineInfo(int slot, String file, String text, int line, int column) {
  /** The same record moved by {@code delta} slots. */
  public LineInfo shift(int delta) {
    return new LineInfo(slot + delta, file, text, line, column);
  }
}
