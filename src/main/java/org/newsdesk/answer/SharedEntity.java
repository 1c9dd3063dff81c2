package org.newsdesk.answer;

import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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

    private SharedEntity() {
    }

    /**
     * The name shared by the most distinct articles among the hits (at least two), absent from the question;
     * {@code candidates} gives a passage's answer candidates (the composer's cache, so no passage is read twice).
     */
    static Optional<String> find(String question, List<Hit> hits,
                                 Function<Passage, List<AnswerCandidates.Candidate>> candidates) {
        if (!ASKS_FOR_A_NAME.matcher(question).find()) {
            return Optional.empty();
        }
        Set<String> questionWords = new HashSet<>(words(question));
        Map<String, Set<String>> articlesByName = new HashMap<>();
        Map<String, Integer> mentions = new HashMap<>();
        for (Hit h : hits) {
            for (AnswerCandidates.Candidate found : candidates.apply(h.passage())) {
                if (found.kind() != AnswerCandidates.Kind.NAME) {
                    continue;
                }
                String name = found.text();
                List<String> w = words(name);
                if (w.isEmpty() || (w.size() == 1 && w.get(0).length() < 3) || questionWords.containsAll(w)) {
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

    private static List<String> words(String s) {
        return List.of(NOT_WORD.split(s.toLowerCase(Locale.ROOT))).stream().filter(w -> !w.isEmpty()).toList();
    }
}
