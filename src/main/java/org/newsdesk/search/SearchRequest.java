package org.newsdesk.search;

import java.time.LocalDate;

/**
 * A retrieval request.
 *
 * @param from        inclusive lower bound on the published date, or null
 * @param to          inclusive upper bound on the published date, or null
 * @param newestFirst among the passages that match about as well as the best one, the newest come first (the
 *                    question asked for the latest news: see {@link TimeExpressions})
 * @param origins     the chat's archive: only passages of these origins ({@code PassageDocuments.ORIGIN}); null for
 *                    no restriction
 */
public record SearchRequest(String query, int k, Mode mode, LocalDate from, LocalDate to, boolean newestFirst,
                            java.util.Set<String> origins) {
    public enum Mode { HYBRID, BM25, KNN;
        public static Mode parse(String s) {
            return Mode.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public SearchRequest {
        origins = origins == null ? null : java.util.Set.copyOf(origins);
    }

    public SearchRequest(String query, int k, Mode mode, LocalDate from, LocalDate to, boolean newestFirst) {
        this(query, k, mode, from, to, newestFirst, null);
    }

    public SearchRequest(String query, int k, Mode mode, LocalDate from, LocalDate to) {
        this(query, k, mode, from, to, false);
    }

    /** This request for another query, everything else (period, order, the chat's archive) kept. */
    public SearchRequest withQuery(String other) {
        return new SearchRequest(other, k, mode, from, to, newestFirst, origins);
    }

    /** This request within a chat's archive (null: unrestricted). */
    public SearchRequest within(java.util.Set<String> origins) {
        return new SearchRequest(query, k, mode, from, to, newestFirst, origins);
    }

    public static SearchRequest of(String query, int k, Mode mode) {
        return new SearchRequest(query, k, mode, null, null);
    }

    /** This request for another query, restricted to a period (null: none), newest first or not. */
    public SearchRequest scoped(String query, Period period, boolean newestFirst) {
        return new SearchRequest(query, k, mode, period == null ? null : period.from(), period == null ? null : period.to(),
                newestFirst, origins);
    }
}
