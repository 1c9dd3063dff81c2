package org.newsdesk.chat;

/**
 * Normalises what a user typed before it is read as a command or a question: format characters (U+200F RIGHT-TO-LEFT
 * MARK, U+202E RIGHT-TO-LEFT OVERRIDE, zero-width spaces, BOM), control characters, unpaired surrogates and
 * private-use characters are removed, every run of whitespace becomes one space, and the ends are trimmed. One
 * pass, linear in the input. A text of nothing but such characters becomes empty: "please ask a question".
 */
public final class QuestionText {
    private QuestionText() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int esc = org.newsdesk.search.QueryText.escapeLength(text, i);
            if (esc > 0) { // a terminal escape sequence goes whole, not just its ESC
                i += esc;
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = sb.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.CONTROL || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
