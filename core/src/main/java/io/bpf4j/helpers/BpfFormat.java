package io.bpf4j.helpers;

import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;

/**
 * The printf dialect of {@code bpf_trace_printk} and {@code bpf_snprintf}: {@code %d %i %u
 * %x %X %c %s %%}, pointers {@code %p %px %pK} (16 hex digits), {@code %ps %pS %pB} (a number:
 * there are no kernel symbols), {@code %pks %pus} (strings), {@code %pI4 %pi4 %pI6 %pi6}, with
 * flags {@code - + space 0}, width and lengths {@code l ll}; an int conversion without {@code
 * l} uses the low 32 bits, as the kernel's does. The helpers first refuse, with -EINVAL as the
 * kernel's, a format its printf does not take ({@link PrintfFormat}: no {@code #}, precision,
 * {@code h} or {@code hh}, which this class would format).
 */
final class BpfFormat {
  private BpfFormat() {}

  /** The formatted text, or null when {@code fmt} is invalid or uses more than {@code args}. */
  static String format(RunState state, String fmt, long[] args, int nargs) {
    return format(state, fmt, args, nargs, Integer.MAX_VALUE);
  }

  /**
   * The same for a buffer of {@code size} bytes: the conversions the kernel renders before it
   * formats ({@code %pI4 %pi4 %pI6 %pi6 %pks %pus %pB}) add nothing to the text once it has
   * reached the buffer's end, as the kernel's {@code bstr_printf} skips them there, so the
   * length {@code bpf_snprintf} returns is the kernel's.
   */
  static String format(RunState state, String fmt, long[] args, int nargs, long size) {
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
          char m = i + 1 < fmt.length() ? fmt.charAt(i + 1) : 0;
          char m2 = i + 2 < fmt.length() ? fmt.charAt(i + 2) : 0;
          if ((m == 'I' || m == 'i') && (m2 == '4' || m2 == '6')) {
            // an address: %pI4 1.2.3.4, %pi4 001.002.003.004, %pI6 0001:...:0008, %pi6 32
            // hex digits; one that faults prints as zeros, as the kernel's zeroed copy
            i += 2;
            int n = m2 == '4' ? 4 : 16;
            boolean ok = ProbeMemory.readable(state, v, n);
            StringBuilder ip = new StringBuilder();
            for (int k = 0; k < n; k += n == 4 ? 1 : 2) {
              int b = ok ? Memory.ALL.get(Memory.U8, v + k) & 0xff : 0;
              if (n == 4) {
                ip.append(k > 0 ? "." : "").append(m == 'I' ? String.valueOf(b) : String.format("%03d", b));
              } else {
                int g = (b << 8) | (ok ? Memory.ALL.get(Memory.U8, v + k + 1) & 0xff : 0);
                ip.append(k > 0 && m == 'I' ? ":" : "").append(String.format("%04x", g));
              }
            }
            body = ip.toString();
          } else if ((m == 'k' || m == 'u') && m2 == 's') {
            i += 2; // a kernel or user string, read as %s
            body = ProbeMemory.string(state, v, 4096);
            if (prec >= 0 && body.length() > prec) {
              body = body.substring(0, prec);
            }
          } else if (m == 'B') {
            i++;
            body = "0x" + Long.toHexString(v); // no kernel symbols: printed as a number
          } else if (m == 's' || m == 'S') {
            // a symbol: there are no kernel symbols here, and the kernel prints an address it
            // has none for as a number
            i++;
            body = "0x" + Long.toHexString(v);
          } else {
            // %px: the address in 16 hex digits, as the kernel; %p and %pK, which the kernel
            // prints hashed with a key of its boot, print the address itself in that shape
            if (m == 'x' || m == 'K') {
              i++;
            }
            body = String.format("%016x", v);
          }
        }
        default -> {
          return null;
        }
      }
      if (conv == 'p' && prerendered(fmt, i) && out.length() >= size) {
        continue;
      }
      out.append(pad(body, width, flags));
    }
    return out.toString();
  }

  /** True when the conversion ending at {@code end} is one the kernel renders beforehand. */
  private static boolean prerendered(String fmt, int end) {
    char last = fmt.charAt(end);
    return last == '4' || last == '6' || last == 'B'
        || last == 's' && end >= 2 && (fmt.charAt(end - 1) == 'k' || fmt.charAt(end - 1) == 'u')
        && fmt.charAt(end - 2) == 'p';
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
