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
            int esc = org.newsdesk.corpus.TextControls.escapeLength(s, i);
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
