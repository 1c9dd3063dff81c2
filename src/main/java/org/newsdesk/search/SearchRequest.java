package org.newsdesk.search;

import java.time.LocalDate;

/**
 * A retrieval request.
 *
 * @param from inclusive lower bound on the published date, or null
 * @param to   inclusive upper bound on the published date, or null
 */
public record SearchRequest(String query, int k, Mode mode, LocalDate from, LocalDate to) {
    public enum Mode { HYBRID, BM25, KNN;
        public static Mode parse(String s) {
            return Mode.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static SearchRequest of(String query, int k, Mode mode) {
        return new SearchRequest(query, k, mode, null, null);
    }
}
