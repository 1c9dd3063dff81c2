package org.newsdesk.search;

/**
 * Cleans question text before it is searched. Format and control characters (U+200F, U+202E, U+0000...) pass
 * {@code isBlank()}, and a question of nothing else reached the embedder as an empty string and failed with a stack
 * trace (issue 16); they are removed here, and a question with no letter or digit left is not searched at all.
 */
public final class QueryText {
    private QueryText() {
    }

    /** The text without format and control characters (tabs and line breaks become spaces), stripped. */
    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || type == Character.SPACE_SEPARATOR) {
                out.append(' ');
            } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                    && type != Character.UNASSIGNED && type != Character.PRIVATE_USE) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().strip();
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
