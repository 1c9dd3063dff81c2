package org.newsdesk.answer;

import org.newsdesk.search.Hit;

import java.util.List;

/**
 * A composed reply to a question.
 *
 * @param text      the answer; every sentence carries {@code [n]} markers that refer to {@code citations}. When
 *                  {@code abstained}, a plain "not found" message with no markers.
 * @param composer  which composer wrote it ("extractive", "openai", ...; "extractive-fallback" when the LLM failed)
 * @param evidence  the composer's confidence that the passages answer the question (0..1), compared with the
 *                  abstention threshold
 * @param retrieved the passages the answer was composed from, in rank order
 */
public record Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                     String composer, double evidence, Timings timings) {
    /** Milliseconds spent retrieving, composing, and in all. */
    public record Timings(long retrieveMs, long composeMs, long totalMs) {
        public static final Timings NONE = new Timings(0, 0, 0);
    }

    public Answer {
        citations = List.copyOf(citations);
        retrieved = List.copyOf(retrieved);
        timings = timings == null ? Timings.NONE : timings;
    }

    public Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                  String composer, double evidence) {
        this(question, text, abstained, citations, retrieved, composer, evidence, Timings.NONE);
    }

    public Answer withTimings(Timings t) {
        return new Answer(question, text, abstained, citations, retrieved, composer, evidence, t);
    }

    public List<String> citedArticleIds() {
        return citations.stream().map(Citation::articleId).toList();
    }
}
