package org.newsdesk.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens answer candidates and names are read from, with their offsets in the text: news text's own units
 * ("A.J.", "Bankman-Fried", "7.4-inch", "$9.3"), which Lucene's analysers split or drop. One left-to-right pass,
 * no regular expressions: linear in the text's length whatever it holds.
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
}
