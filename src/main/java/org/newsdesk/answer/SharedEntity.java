package org.newsdesk.answer;

import org.newsdesk.search.Hit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a "who/which/what" question, the name that the retrieved articles have in common and the question does not
 * mention: in a question that needs several articles, that shared name is usually what is asked for. The extractive
 * composer then prefers a sentence that contains it, so the quoted evidence names the answer.
 */
final class SharedEntity {
    private static final Pattern NAME = Pattern.compile(
            "\\p{Lu}[\\p{L}\\p{N}’'&.-]*(?:\\s+(?:of\\s+|de\\s+|and\\s+)?\\p{Lu}[\\p{L}\\p{N}’'&.-]*)*");
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
            Matcher m = NAME.matcher(h.passage().text());
            while (m.find()) {
                String name = trim(m.group());
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
