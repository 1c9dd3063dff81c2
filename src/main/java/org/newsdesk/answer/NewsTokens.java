package org.newsdesk.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens answer candidates and names are read from, with their offsets in the text: news text's own units
 * ("A.J.", "Bankman-Fried", "7.4-inch", "$9.3"), which Lucene's analysers split or drop. One left-to-right pass,
 * no regular expressions: linear in the text's length whatever it holds. Also the plainer splits the question
 * analysis compares by: a question's words ({@link #words}) and lower-case letter-or-digit runs ({@link #plainWords}).
 */
final class NewsTokens {
    private NewsTokens() {
    }

    enum TokenKind { WORD, NUMBER, SYMBOL }

    /**
     * A word (letters with inner hyphens, apostrophes, ampersands, and the dots of initials: "Bankman-Fried",
     * "O'Brien", "A.J."), a number (digits with inner "," or ".", and a unit glued to it: "7.4-inch", "3bn") or
     * one other character.
     */
    record Token(String text, TokenKind kind, int start, int end, String suffix) {
        boolean capitalised() {
            return kind == TokenKind.WORD && Character.isUpperCase(text.charAt(0));
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c)) {
                int start = i;
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (Character.isLetterOrDigit(d)) {
                        i++;
                    } else if ((d == '-' || d == '\'' || d == '’' || d == '.' || d == '&') && i + 1 < n
                            && Character.isLetter(s.charAt(i + 1))) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                // The dot of an initial: "J." or "A.J."
                if (i < n && s.charAt(i) == '.' && initials(s, start, i)) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), TokenKind.WORD, start, i, null));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(s.charAt(i)) || ((s.charAt(i) == ',' || s.charAt(i) == '.')
                        && i + 1 < n && Character.isDigit(s.charAt(i + 1))))) {
                    i++;
                }
                int numEnd = i;
                String suffix = null;
                int unitStart = i < n && s.charAt(i) == '-' && i + 1 < n && Character.isLetter(s.charAt(i + 1)) ? i + 1
                        : i < n && Character.isLetter(s.charAt(i)) ? i : -1;
                if (unitStart >= 0) {
                    int j = unitStart;
                    while (j < n && Character.isLetter(s.charAt(j))) {
                        j++;
                    }
                    if (j - unitStart <= 12) {
                        suffix = s.substring(unitStart, j);
                        i = j;
                    }
                }
                out.add(new Token(s.substring(start, numEnd), TokenKind.NUMBER, start, i, suffix));
            } else {
                out.add(new Token(String.valueOf(c), TokenKind.SYMBOL, i, i + 1, null));
                i++;
            }
        }
        return out;
    }

    /** Whether s[start, end) is one capital letter, or single letters separated by dots ("A.J"). */
    private static boolean initials(String s, int start, int end) {
        if (!Character.isUpperCase(s.charAt(start))) {
            return false;
        }
        for (int k = start; k < end; k++) {
            boolean letterSlot = (k - start) % 2 == 0;
            char c = s.charAt(k);
            if (letterSlot ? !Character.isLetter(c) : c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * For each of {@link #plainWords}: whether it is part of a name in the question (written with a capital, or
     * with one inside, like "iPhone", and not the question's first word).
     */
    static List<Boolean> namedWords(String s) {
        List<Boolean> out = new ArrayList<>();
        letterOrDigitRuns(s, (start, end, capital) -> out.add(capital && !out.isEmpty()));
        return out;
    }

    /** Lower-case runs of letters or digits ("16-inch" is "16", "inch"), in one pass. */
    static List<String> plainWords(String s) {
        List<String> out = new ArrayList<>();
        letterOrDigitRuns(s, (start, end, capital) -> out.add(s.substring(start, end).toLowerCase(Locale.ROOT)));
        return out;
    }

    /** A run of letters or digits, {@code [start, end)}; {@code capital}: it holds an upper-case letter. */
    private interface Run {
        void accept(int start, int end, boolean capital);
    }

    /** Each maximal run of letters or digits, left to right. */
    private static void letterOrDigitRuns(String s, Run sink) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                int start = i;
                boolean capital = false;
                while (i < n && Character.isLetterOrDigit(s.charAt(i))) {
                    capital |= Character.isUpperCase(s.charAt(i));
                    i++;
                }
                sink.accept(start, i, capital);
            } else {
                i++;
            }
        }
    }

    /** A word of the question: letters, digits and inner apostrophes or hyphens; whether a comma came before it. */
    record Word(String text, boolean afterComma) {
        boolean capitalised() {
            return Character.isUpperCase(text.charAt(0));
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** Splits into words in one pass (no regular expression). */
    static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        boolean comma = false;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || ((s.charAt(i) == '\'' || s.charAt(i) == '’'
                        || s.charAt(i) == '-') && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1))))) {
                    i++;
                }
                String w = s.substring(start, i);
                if (w.endsWith("'s") || w.endsWith("’s")) {
                    w = w.substring(0, w.length() - 2);
                }
                out.add(new Word(w, comma));
                comma = false;
            } else {
                comma |= c == ',' || c == ';' || c == ':';
                i++;
            }
        }
        return out;
    }
}
