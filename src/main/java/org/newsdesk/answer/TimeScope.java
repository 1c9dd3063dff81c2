package org.newsdesk.answer;

import org.newsdesk.search.Period;

/**
 * Which publication days an answer comes from, when the question named a time ("this week", "in March 2024",
 * "the latest on ..."): rendered as a line before the answer.
 *
 * @param period      the days the question asked about, or null when it only asked for the newest
 * @param newestFirst the newest matching articles were ranked first
 * @param otherDates  nothing from {@code period} answered the question, so the answer comes from the whole archive
 */
public record TimeScope(Period period, boolean newestFirst, boolean otherDates) {
    /** "Articles from 1–7 December 2026:", "Nothing from March 2024 answers this; from the whole archive:". */
    public String line() {
        if (period == null) {
            return "Newest articles first:";
        }
        if (otherDates) {
            return "Nothing from " + period.label() + " answers this; from the whole archive" + (newestFirst ? ", newest first:" : ":");
        }
        return "Articles from " + period.label() + (newestFirst ? ", newest first:" : ":");
    }

    /**
     * The line before an answer that may be an abstention: "... from the whole archive:" followed by "I could not
     * find this in the archive" contradicted itself, so an abstention only says where it looked.
     */
    public String line(boolean abstained) {
        if (abstained && period != null && otherDates) {
            return "Searched " + period.label() + ", then the whole archive:";
        }
        return line();
    }
}
