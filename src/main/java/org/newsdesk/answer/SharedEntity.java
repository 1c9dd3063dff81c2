package org.newsdesk.answer;

import org.newsdesk.search.Hit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * For a "who/which/what" question, the name that the retrieved articles have in common and the question does not
 * mention: in a question that needs several articles, that shared name is usually what is asked for. The extractive
 * composer then prefers a sentence that contains it, so the quoted evidence names the answer.
 */
final class SharedEntity {
    private static final Pattern ASKS_FOR_A_NAME = Pattern.compile(
            "^\\s*(who|whom|whose|which|what)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Capitalised words that are not names (sentence starts, days, months, pronouns). */
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "in", "on", "at", "but", "and", "or", "he",
            "she", "it", "they", "we", "i", "this", "that", "these", "those", "his", "her", "its", "their", "our", "as",
            "for", "if", "when", "while", "after", "before", "with", "by", "from", "to", "of", "so", "yet", "also",
            "there", "here", "what", "who", "which", "how", "why", "mr", "ms", "mrs", "dr", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
            "june", "july", "august", "september", "october", "november", "december", "today", "yesterday", "update");

    private SharedEntity() {
    }

    /** The name shared by the most distinct articles among the hits (at least two), absent from the question. */
    static Optional<String> find(String question, List<Hit> hits) {
        if (!ASKS_FOR_A_NAME.matcher(question).find()) {
            return Optional.empty();
        }
        Set<String> questionWords = new HashSet<>(words(question));
        Map<String, Set<String>> articlesByName = new HashMap<>();
        Map<String, Integer> mentions = new HashMap<>();
        for (Hit h : hits) {
            for (String found : names(h.passage().text())) {
                String name = trim(found);
                List<String> w = words(name);
                if (w.isEmpty() || (w.size() == 1 && (NOT_NAMES.contains(w.get(0)) || w.get(0).length() < 3))
                        || questionWords.containsAll(w)) {
                    continue;
                }
                articlesByName.computeIfAbsent(name, k -> new HashSet<>()).add(h.passage().articleId());
                mentions.merge(name, 1, Integer::sum);
            }
        }
        String best = null;
        for (Map.Entry<String, Set<String>> e : articlesByName.entrySet()) {
            int n = e.getValue().size();
            if (n < 2) {
                continue;
            }
            if (best == null || n > articlesByName.get(best).size()
                    || (n == articlesByName.get(best).size() && mentions.get(e.getKey()) > mentions.get(best))) {
                best = e.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Capitalised word runs, joined by spaces and the connectors "of", "de", "and" ("Bank of England"): what the
     * pattern {@code \p{Lu}W*(?:\s+(?:of\s+|de\s+|and\s+)?\p{Lu}W*)*} (W: letters, digits, ’'&.-) finds. A scanner,
     * because Java's regex engine recurses once per repetition of that group and overflowed the stack on a long run
     * of names in a passage (issue 16 audit); this is linear and uses no stack.
     */
    static List<String> names(String text) {
        List<String> names = new java.util.ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.getType(cp) != Character.UPPERCASE_LETTER) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int end = wordEnd(text, i);
            while (true) {
                int j = spacesEnd(text, end);
                if (j == end) {
                    break;
                }
                int next = -1;
                for (String connector : CONNECTORS) {
                    if (text.startsWith(connector, j)) {
                        int k = spacesEnd(text, j + connector.length());
                        if (k > j + connector.length() && startsName(text, k)) {
                            next = k;
                            break;
                        }
                    }
                }
                if (next < 0 && startsName(text, j)) {
                    next = j;
                }
                if (next < 0) {
                    break;
                }
                end = wordEnd(text, next);
            }
            names.add(text.substring(start, end));
            i = end;
        }
        return names;
    }

    private static final List<String> CONNECTORS = List.of("of", "de", "and");

    private static boolean startsName(String text, int i) {
        return i < text.length() && Character.getType(text.codePointAt(i)) == Character.UPPERCASE_LETTER;
    }

    /** The end of the word starting with the capital at {@code i}. */
    private static int wordEnd(String text, int i) {
        int j = i + Character.charCount(text.codePointAt(i));
        while (j < text.length()) {
            int cp = text.codePointAt(j);
            int type = Character.getType(cp);
            boolean word = Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
                    || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER || "’'&.-".indexOf(cp) >= 0;
            if (!word) {
                break;
            }
            j += Character.charCount(cp);
        }
        return j;
    }

    /** Past a run of regex {@code \s} (ASCII whitespace). */
    private static int spacesEnd(String text, int i) {
        while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static String trim(String name) {
        // A loop, not "[’'.-]+$": that pattern re-scans a long run of punctuation from each of its positions.
        int end = name.length();
        while (end > 0 && "’'.-".indexOf(name.charAt(end - 1)) >= 0) {
            end--;
        }
        String n = name.substring(0, end);
        if (n.endsWith("’s") || n.endsWith("'s")) {
            n = n.substring(0, n.length() - 2);
        }
        return n.startsWith("The ") ? n.substring(4) : n;
    }

    private static List<String> words(String s) {
        return List.of(NOT_WORD.split(s.toLowerCase(Locale.ROOT))).stream().filter(w -> !w.isEmpty()).toList();
    }
}
