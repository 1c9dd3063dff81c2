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
 * @param time      the publication days searched when the question named a time, else null (see {@link TimeScope})
 * @param shortAnswer the answer itself when the composer found one with enough support ("£99", "Sam Altman"), which
 *                  {@code text} then starts with; null otherwise
 * @param answerType the kind of answer the question asks for ({@link AnswerType#label()}); null when not analysed
 * @param about     the conversation's subject when a follow-up was answered with it ("Activision Blizzard"), shown as
 *                  a line before the answer so the asker sees why; null when the message was answered as asked
 */
public record Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                     String composer, double evidence, Timings timings, TimeScope time, String shortAnswer,
                     String answerType, String about) {
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
                  String composer, double evidence, Timings timings, TimeScope time, String shortAnswer,
                  String answerType) {
        this(question, text, abstained, citations, retrieved, composer, evidence, timings, time, shortAnswer, answerType,
                null);
    }

    public Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                  String composer, double evidence, Timings timings, TimeScope time) {
        this(question, text, abstained, citations, retrieved, composer, evidence, timings, time, null, null);
    }

    public Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                  String composer, double evidence, Timings timings) {
        this(question, text, abstained, citations, retrieved, composer, evidence, timings, null);
    }

    public Answer(String question, String text, boolean abstained, List<Citation> citations, List<Hit> retrieved,
                  String composer, double evidence) {
        this(question, text, abstained, citations, retrieved, composer, evidence, Timings.NONE);
    }

    public Answer withTimings(Timings t) {
        return new Answer(question, text, abstained, citations, retrieved, composer, evidence, t, time, shortAnswer,
                answerType, about);
    }

    public Answer withTime(TimeScope scope) {
        return new Answer(question, text, abstained, citations, retrieved, composer, evidence, timings, scope,
                shortAnswer, answerType, about);
    }

    /** The same answer to the question as the user wrote it (when it was composed from a rewritten one). */
    public Answer withQuestion(String q) {
        return new Answer(q, text, abstained, citations, retrieved, composer, evidence, timings, time, shortAnswer,
                answerType, about);
    }

    /** The same answer, marked as resolved with the conversation's subject {@code subject}. */
    public Answer withAbout(String subject) {
        return new Answer(question, text, abstained, citations, retrieved, composer, evidence, timings, time, shortAnswer,
                answerType, subject);
    }

    public Answer withCitations(List<Citation> c) {
        return new Answer(question, text, abstained, c, retrieved, composer, evidence, timings, time, shortAnswer,
                answerType, about);
    }


    public List<String> citedArticleIds() {
        return citations.stream().map(Citation::articleId).toList();
    }
}
