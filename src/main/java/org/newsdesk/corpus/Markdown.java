package org.newsdesk.corpus;

/**
 * Turns the inline Markdown of scraped pages into plain text, one line at a time.
 *
 * <p>Hand-written scanners rather than regexes: the lazy {@code (.+?)} emphasis patterns this replaces took
 * quadratic time on a line of unclosed markers (a 64 KB line of {@code "**a "} spent 20 s in a reindex, issue 16).
 * Each pass here is linear: the closing delimiter for every position is precomputed right to left, so no opener
 * scans ahead. The rules are the ones the regexes had (the test compares them on random lines):
 * <ul>
 * <li>image {@code ![alt](url)}: removed; link {@code [text](url)}: its text. The text runs to the first {@code ]},
 * which must be followed by {@code (}, and the URL to the first {@code )}.</li>
 * <li>strong {@code **x**} / {@code __x__}, then emphasis {@code *x*} / {@code _x_}: the content, shortest match
 * first. An opener is not preceded by a word character or {@code *} and is followed by a non-space; a closer is
 * preceded by a non-space and not followed by a word character or {@code *}. That keeps snake_case words, URLs and
 * arithmetic like 2*3*4 untouched.</li>
 * <li>heading: a leading {@code #}..{@code ######} plus spaces and trailing spaces plus {@code #}s are removed.</li>
 * </ul>
 */
final class Markdown {
    private Markdown() {
    }

    static String toPlainText(String line) {
        String text = links(line, true);
        text = links(text, false);
        text = emphasis(text, 2);
        text = emphasis(text, 1);
        return heading(text).strip();
    }

    /** Removes images ({@code images}) or replaces links by their text, in one pass. */
    private static String links(String s, boolean images) {
        int n = s.length();
        if (s.indexOf('[') < 0) {
            return s;
        }
        int[] nextBracket = nextIndex(s, ']');
        int[] nextParen = nextIndex(s, ')');
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int open = images ? (s.charAt(i) == '!' && i + 1 < n && s.charAt(i + 1) == '[' ? i + 1 : -1)
                    : (s.charAt(i) == '[' ? i : -1);
            if (open >= 0) {
                int close = nextBracket[open + 1];
                if (close + 1 < n && s.charAt(close + 1) == '(') {
                    int end = nextParen[close + 2];
                    if (end < n) {
                        if (!images) {
                            out.append(s, open + 1, close);
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
            out.append(s.charAt(i));
            i++;
        }
        return out.toString();
    }

    /** Strong (width 2: {@code **}, {@code __}) or emphasis (width 1: {@code *}, {@code _}) replaced by its content. */
    private static String emphasis(String s, int width) {
        int n = s.length();
        if (s.indexOf('*') < 0 && s.indexOf('_') < 0) {
            return s;
        }
        char[] delimiters = {'*', '_'};
        // closer[c][j]: the first valid closer of delimiter c at or after j, or n
        int[][] closer = new int[2][n + 2];
        for (int c = 0; c < 2; c++) {
            closer[c][n] = n;
            closer[c][n + 1] = n;
            for (int j = n - 1; j >= 0; j--) {
                closer[c][j] = isCloser(s, j, delimiters[c], width) ? j : closer[c][j + 1];
            }
        }
        // lineBreak[j]: the first line break at or after j, or n ('.' never matched one, so no match spans it)
        int[] lineBreak = new int[n + 1];
        lineBreak[n] = n;
        for (int j = n - 1; j >= 0; j--) {
            lineBreak[j] = isLineBreak(s.charAt(j)) ? j : lineBreak[j + 1];
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int c = s.charAt(i) == '*' ? 0 : s.charAt(i) == '_' ? 1 : -1;
            if (c >= 0 && isOpener(s, i, delimiters[c], width)) {
                int j = closer[c][i + width + 1]; // the content is at least one character
                if (j < n && lineBreak[i + width] >= j) {
                    out.append(s, i + width, j);
                    i = j + width;
                    continue;
                }
            }
            out.append(s.charAt(i));
            i++;
        }
        return out.toString();
    }

    private static boolean isOpener(String s, int i, char d, int width) {
        int n = s.length();
        if (i + width >= n) {
            return false;
        }
        for (int k = 0; k < width; k++) {
            if (s.charAt(i + k) != d) {
                return false;
            }
        }
        return (i == 0 || !isWordOrStar(s.charAt(i - 1))) && !isSpace(s.charAt(i + width));
    }

    private static boolean isCloser(String s, int j, char d, int width) {
        int n = s.length();
        if (j == 0 || j + width > n) {
            return false;
        }
        for (int k = 0; k < width; k++) {
            if (s.charAt(j + k) != d) {
                return false;
            }
        }
        return !isSpace(s.charAt(j - 1)) && (j + width == n || !isWordOrStar(s.charAt(j + width)));
    }

    /** next[i]: the first index at or after i holding {@code ch}, or n; next has n + 2 entries so i may be n + 1. */
    private static int[] nextIndex(String s, char ch) {
        int n = s.length();
        int[] next = new int[n + 2];
        next[n] = n;
        next[n + 1] = n;
        for (int j = n - 1; j >= 0; j--) {
            next[j] = s.charAt(j) == ch ? j : next[j + 1];
        }
        return next;
    }

    /** A heading's leading {@code #{1,6}} and spaces, and trailing spaces and {@code #}s. */
    private static String heading(String s) {
        int n = s.length();
        int start = 0;
        int hashes = 0;
        while (hashes < n && s.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes >= 1 && hashes <= 6 && hashes < n && isSpace(s.charAt(hashes))) {
            start = hashes;
            while (start < n && isSpace(s.charAt(start))) {
                start++;
            }
        }
        int end = n;
        int k = n;
        while (k > start && s.charAt(k - 1) == '#') {
            k--;
        }
        if (k < n) {
            int spaceEnd = k;
            while (k > start && isSpace(s.charAt(k - 1))) {
                k--;
            }
            if (k < spaceEnd) {
                end = k;
            }
        }
        return s.substring(start, Math.max(start, end));
    }

    /** Java regex {@code \s}: ASCII whitespace only. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Java regex {@code [\w*]}: ASCII letters, digits, underscore, and the star. */
    private static boolean isWordOrStar(char c) {
        return c == '*' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** What regex {@code .} does not match. */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
