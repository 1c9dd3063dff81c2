package org.newsdesk.search;

/**
 * Cleans question text before it is searched. Format and control characters (U+200F, U+202E, U+0000...) pass
 * {@code isBlank()}, and a question of nothing else reached the embedder as an empty string and failed with a stack
 * trace (issue 16); they are removed here, and a question with no letter or digit left is not searched at all.
 */
public final class QueryText {
    private QueryText() {
    }

    /**
     * The text without format and control characters (U+200F, U+202E, zero-width spaces, BOM, U+0000 ...), unpaired
     * surrogates and private-use characters; every run of whitespace becomes one space and the ends are trimmed. One
     * pass, linear in the input. Both the chat (before reading a command or question) and the searcher use it. A
     * terminal escape sequence goes whole: removing only its ESC left words like "31mred" that made the question
     * abstain.
     */
    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int esc = escapeLength(s, i);
            if (esc > 0) {
                i += esc;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
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

    /** Whether there is anything to search for: at least one letter or digit. */
    public static boolean hasWords(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
