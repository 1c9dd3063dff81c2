package org.newsdesk.corpus;

/**
 * Terminal escape sequences and control characters in text from outside (a corpus file, a fetched page, a
 * question). An article body with "ESC[31m" reached Telegram and the console as is; questions with them searched
 * "31mwho" (issue 16).
 */
public final class TextControls {
    private TextControls() {
    }

    /**
     * Length of the terminal escape sequence at {@code i} (0 if none): CSI {@code ESC [ ... final byte}, an OSC/DCS/
     * APC/PM/SOS string up to BEL or {@code ESC \\} (or the end), else ESC and one character. Linear: each character
     * is looked at once.
     */
    public static int escapeLength(String s, int i) {
        int n = s.length();
        if (s.charAt(i) != 0x1B) {
            return 0;
        }
        if (i + 1 >= n) {
            return 1;
        }
        char k = s.charAt(i + 1);
        if (k == '[') {
            int j = i + 2;
            while (j < n && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E)) {
                j++;
            }
            return Math.min(j + 1, n) - i;
        }
        if (k == ']' || k == 'P' || k == '_' || k == '^' || k == 'X') {
            for (int j = i + 2; j < n; j++) {
                char c = s.charAt(j);
                if (c == 0x07) {
                    return j + 1 - i;
                }
                if (c == 0x1B && j + 1 < n && s.charAt(j + 1) == '\\') {
                    return j + 2 - i;
                }
            }
            return n - i;
        }
        return 2;
    }

    /**
     * The text without terminal escape sequences and control characters other than line breaks and tabs ("\r" goes
     * too). One pass, linear in the input.
     */
    public static String withoutControls(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            int esc = escapeLength(s, i);
            boolean drop = esc > 0 || (Character.isISOControl(c) && c != '\n' && c != '\t');
            if (drop && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (esc > 0) {
                i += esc;
                continue;
            }
            if (!drop && out != null) {
                out.append(c);
            }
            i++;
        }
        return out == null ? s : out.toString();
    }
}
