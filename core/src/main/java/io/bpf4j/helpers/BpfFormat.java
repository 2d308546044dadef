package io.bpf4j.helpers;

import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;

/**
 * The printf dialect of {@code bpf_trace_printk} and {@code bpf_snprintf}: {@code %d %i %u
 * %x %X %c %s %p %px %pK %pI4 %pi4 %%} with flags {@code - + space 0 #}, width, precision and
 * lengths {@code hh h l ll}; an int conversion without {@code l} uses the low 32 bits, as
 * the kernel's does. Anything else makes the format invalid (the helpers return -EINVAL).
 */
final class BpfFormat {
  private BpfFormat() {}

  /** The formatted text, or null when {@code fmt} is invalid or uses more than {@code args}. */
  static String format(RunState state, String fmt, long[] args, int nargs) {
    StringBuilder out = new StringBuilder();
    int a = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (++i >= fmt.length()) {
        return null;
      }
      if (fmt.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      String flags = "";
      while (i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0) {
        flags += fmt.charAt(i++);
      }
      int width = 0;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        width = width * 10 + (fmt.charAt(i++) - '0');
      }
      int prec = -1;
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        i++;
        prec = 0;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          prec = prec * 10 + (fmt.charAt(i++) - '0');
        }
      }
      int bits = 32;
      if (fmt.startsWith("ll", i)) {
        bits = 64;
        i += 2;
      } else if (fmt.startsWith("hh", i)) {
        bits = 8;
        i += 2;
      } else if (i < fmt.length() && fmt.charAt(i) == 'l') {
        bits = 64;
        i++;
      } else if (i < fmt.length() && fmt.charAt(i) == 'h') {
        bits = 16;
        i++;
      }
      if (i >= fmt.length() || a >= nargs) {
        return null;
      }
      char conv = fmt.charAt(i);
      long v = args[a++];
      String body;
      switch (conv) {
        case 'd', 'i' -> {
          long s = bits == 64 ? v : bits == 32 ? (int) v : bits == 16 ? (short) v : (byte) v;
          body = digits(Long.toString(Math.abs(s)).replace("-", ""), prec);
          if (s == Long.MIN_VALUE) {
            body = "9223372036854775808";
          }
          body = (s < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "") + body;
        }
        case 'u', 'x', 'X' -> {
          long u = bits == 64 ? v : v & ((1L << bits) - 1);
          body = conv == 'u' ? Long.toUnsignedString(u) : Long.toHexString(u);
          body = digits(body, prec);
          if (conv == 'X') {
            body = body.toUpperCase();
          }
          if (flags.contains("#") && u != 0 && conv != 'u') {
            body = (conv == 'X' ? "0X" : "0x") + body;
          }
        }
        case 'c' -> body = String.valueOf((char) (v & 0xff));
        case 's' -> {
          body = ProbeMemory.string(state, v, 4096);
          if (prec >= 0 && body.length() > prec) {
            body = body.substring(0, prec);
          }
        }
        case 'p' -> {
          if (fmt.startsWith("I4", i + 1) || fmt.startsWith("i4", i + 1)) {
            boolean dots = fmt.charAt(i + 1) == 'I';
            i += 2;
            // an address that faults prints as 0.0.0.0, as the kernel's zeroed copy
            boolean ok = ProbeMemory.readable(state, v, 4);
            StringBuilder ip = new StringBuilder();
            for (int k = 0; k < 4; k++) {
              int b = ok ? Memory.ALL.get(Memory.U8, v + k) & 0xff : 0;
              ip.append(dots ? (k > 0 ? "." : "") + b : String.format("%03d", b));
            }
            body = ip.toString();
          } else {
            if (i + 1 < fmt.length() && (fmt.charAt(i + 1) == 'x' || fmt.charAt(i + 1) == 'K')) {
              i++;
            }
            body = "0x" + Long.toHexString(v);
          }
        }
        default -> {
          return null;
        }
      }
      out.append(pad(body, width, flags));
    }
    return out.toString();
  }

  private static String digits(String s, int prec) {
    StringBuilder b = new StringBuilder();
    for (int k = s.length(); k < prec; k++) {
      b.append('0');
    }
    return b.append(s).toString();
  }

  private static String pad(String body, int width, String flags) {
    if (body.length() >= width) {
      return body;
    }
    String fill = " ".repeat(width - body.length());
    if (flags.contains("-")) {
      return body + fill;
    }
    if (flags.contains("0")) {
      String zeros = "0".repeat(width - body.length());
      boolean sign = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0;
      return sign ? body.charAt(0) + zeros + body.substring(1) : zeros + body;
    }
    return fill + body;
  }
}
