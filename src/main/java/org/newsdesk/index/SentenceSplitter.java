package org.newsdesk.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into sentences with their offsets. Rule-based rather than {@link java.text.BreakIterator}, which
 * breaks after abbreviations that news text is full of ("U.S. Secretary", "Mr. Lavrov", "Jan. 5").
 */
public final class SentenceSplitter {
    /** A sentence: {@code text.substring(start, end)}. */
    public record Span(int start, int end) {
    }

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
            "maj", "adm", "rev", "hon", "pres", "no", "vs", "etc", "inc", "co", "corp", "ltd", "dept", "univ", "est",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig",
            "approx", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "d.c", "ph.d");

    private SentenceSplitter() {
    }

    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int n = text.length();
        int start = skipSpace(text, 0);
        int i = start;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                // A paragraph break always ends a sentence.
                add(spans, text, start, i);
                start = skipSpace(text, i);
                i = start;
                continue;
            }
            if ((c == '.' || c == '!' || c == '?') && isBoundary(text, i)) {
                int end = i + 1;
                while (end < n && isCloser(text.charAt(end))) {
                    end++;
                }
                add(spans, text, start, end);
                start = skipSpace(text, end);
                i = start;
                continue;
            }
            i++;
        }
        add(spans, text, start, n);
        return spans;
    }

    private static boolean isBoundary(String text, int i) {
        int n = text.length();
        int j = i + 1;
        while (j < n && isCloser(text.charAt(j))) {
            j++;
        }
        if (j >= n) {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(j))) {
            return false; // "3.5", "U.S.-Russia", "example.com"
        }
        while (j < n && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j >= n) {
            return true;
        }
        char next = text.charAt(j);
        if (!(Character.isUpperCase(next) || Character.isDigit(next) || isOpener(next))) {
            return false;
        }
        if (text.charAt(i) != '.') {
            return true;
        }
        String word = wordBefore(text, i);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false; // an initial: "Robert S. Mueller"
        }
        return !ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static String wordBefore(String text, int dot) {
        int s = dot;
        while (s > 0 && (Character.isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
            s--;
        }
        return text.substring(s, dot);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']';
    }

    private static boolean isOpener(char c) {
        return c == '"' || c == '“' || c == '‘' || c == '\'' || c == '(' || c == '[' || c == '—' || c == '-';
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void add(List<Span> spans, String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }
}
