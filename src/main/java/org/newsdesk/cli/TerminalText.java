package org.newsdesk.cli;

/**
 * Text made safe to print on a terminal. Corpus text (and a file name) may hold escape sequences that recolour,
 * retitle or rewrite the operator's terminal, or hide text; the console printed them raw (issue 16). Removed here:
 * ESC sequences (CSI {@code ESC [ ... final}, OSC/DCS/APC/PM/SOS strings up to BEL or {@code ESC \}, two-character
 * escapes), the 8-bit C1 controls (CSI U+009B and the rest of U+0080..U+009F) and C0 controls other than line feed
 * and tab, and DEL. A single pass: linear on any input.
 */
final class TerminalText {
    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;

    private TerminalText() {
    }

    static String safe(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        StringBuilder out = null;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int skip = controlLength(s, i);
            if (skip == 0) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n).append(s, 0, i);
            }
            i += skip;
        }
        return out == null ? s : out.toString();
    }

    /** How many characters of unsafe control starting at {@code i}; 0 if the character is printable. */
    private static int controlLength(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (c == '\n' || c == '\t') {
            return 0;
        }
        if (c == ESC) {
            if (i + 1 >= n) {
                return 1;
            }
            char k = s.charAt(i + 1);
            if (k == '[') {
                return csiEnd(s, i + 2) - i;
            }
            if (k == ']' || k == 'P' || k == '_' || k == '^' || k == 'X') {
                return stringEnd(s, i + 2) - i;
            }
            return 2; // ESC and one character: ESC c (reset), ESC 7, ...
        }
        if (c == '\u009B') {
            return csiEnd(s, i + 1) - i;
        }
        if (c == '\u009D' || c == '\u0090' || c == '\u009F' || c == '\u009E' || c == '\u0098') {
            return stringEnd(s, i + 1) - i;
        }
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ? 1 : 0;
    }

    /** Past a CSI's parameter and intermediate bytes and its final byte (0x40..0x7E), or to the end of the text. */
    private static int csiEnd(String s, int j) {
        while (j < s.length()) {
            char c = s.charAt(j++);
            if (c >= 0x40 && c <= 0x7E) {
                return j;
            }
            if (c < 0x20 || c > 0x7E) {
                return j - 1; // malformed: the sequence ends here; that character is judged on its own
            }
        }
        return j;
    }

    /** Past a control string's terminator (BEL, ESC \ or ST U+009C), or to the end of the text. */
    private static int stringEnd(String s, int j) {
        while (j < s.length()) {
            char c = s.charAt(j++);
            if (c == BEL || c == '\u009C') {
                return j;
            }
            if (c == ESC) {
                // ESC \ is the terminator; any other ESC ends the string and starts a sequence of its own
                return j < s.length() && s.charAt(j) == '\\' ? j + 1 : j - 1;
            }
        }
        return j;
    }
}
