package org.newsdesk.search;

/**
 * What a question says about time, resolved against a day: see {@link TimeExpressions}.
 *
 * @param period      the publication days it asks about, or null when it names none
 * @param newestFirst whether it asks for the newest articles ("the latest on ...", "most recent reports about ...")
 * @param query       the question without its relative time words ("latest", "this week", "yesterday"), which no
 *                    article contains in the sense meant and which would only add noise to the search; dates and
 *                    month or year names stay, as they are also content words
 */
public record QuestionTime(Period period, boolean newestFirst, String query) {
    /** A question that says nothing about time. */
    public static QuestionTime none(String question) {
        return new QuestionTime(null, false, question);
    }

    /** Whether the question changes how the archive is searched. */
    public boolean any() {
        return period != null || newestFirst;
    }
}
