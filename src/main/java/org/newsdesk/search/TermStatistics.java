package org.newsdesk.search;

import org.newsdesk.index.SentenceTerms;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What answer and chat ask of the live index about words: how often it holds each term, and how it analyses text
 * ({@link TermAnalysis}, the same for every implementation). {@link HybridSearcher} answers from the live index.
 */
public interface TermStatistics {
    /** The {@link TermStats} of {@code terms}; null without an index. */
    TermStats termStats(Set<String> terms);

    /**
     * Inverse document frequency of each term over the live index's passages (BM25's idf), so that rare words
     * (names, places) count for more than common ones when judging whether a sentence answers a question; 1 for
     * every term without an index.
     */
    default Map<String, Double> idf(Set<String> terms) {
        TermStats stats = termStats(terms);
        Map<String, Double> idf = new HashMap<>();
        terms.forEach(t -> idf.put(t, stats == null ? 1.0 : stats.idf(t)));
        return idf;
    }

    /** {@link TermAnalysis#analyze}. */
    default Set<String> analyze(String text) {
        return TermAnalysis.analyze(text);
    }

    /** {@link TermAnalysis#questionTerms}. */
    default Set<String> questionTerms(String question) {
        return TermAnalysis.questionTerms(question);
    }

    /** {@link TermAnalysis#sentenceTerms}. */
    default SentenceTerms sentenceTerms(Hit hit) {
        return TermAnalysis.sentenceTerms(hit);
    }

    /**
     * What the live index says of a question's words, from one view (one round trip per kind on Solr): its passage
     * count, each term's document frequency, and the words of the outlets it holds.
     *
     * @param docFreqs    passages holding each asked term (0 for a term no passage writes)
     * @param outletWords the words of the outlets' names ("cbssports", "com", "guardian")
     */
    record TermStats(int passages, Map<String, Integer> docFreqs, Set<String> outletWords) {
        /** BM25's idf of an asked term. */
        public double idf(String term) {
            int n = Math.max(1, passages);
            int f = docFreqs.getOrDefault(term, 0);
            return Math.log(1 + (n - f + 0.5) / (f + 0.5));
        }
    }
}
