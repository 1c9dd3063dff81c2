package org.newsdesk.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The recency prior of a question that asks for the latest news: among the candidates that match the question about
 * as well as the best one does, the newest comes first; the others keep their order after them. Relevance decides
 * what counts as matching, the date only the order among those, so an unrelated article is never put first for
 * being new.
 */
final class NewestFirst {
    /** "About as well": a relevance of at least this share of the best candidate's. */
    static final double MATCHING_SHARE = 0.75;

    private NewestFirst() {
    }

    /**
     * Reorders {@code ranked} in place. {@code relevance} is how well a candidate matches the question (higher is
     * better); candidates without a date count as oldest; equal dates keep their relevance order.
     */
    static <T> void reorder(List<T> ranked, ToDoubleFunction<T> relevance, Function<T, LocalDate> published) {
        if (ranked.size() < 2) {
            return;
        }
        double best = ranked.stream().mapToDouble(relevance).max().orElse(0);
        if (!(best > 0)) {
            return;
        }
        List<T> matching = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        for (T c : ranked) {
            (relevance.applyAsDouble(c) >= MATCHING_SHARE * best ? matching : rest).add(c);
        }
        // List.sort is stable: the same day keeps the relevance order
        matching.sort(Comparator.comparing(published, Comparator.nullsLast(Comparator.reverseOrder())));
        ranked.clear();
        ranked.addAll(matching);
        ranked.addAll(rest);
    }
}
