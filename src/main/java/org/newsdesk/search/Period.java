package org.newsdesk.search;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A range of publication days a question asks about, both ends inclusive.
 */
public record Period(LocalDate from, LocalDate to) {
    public Period {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a period needs both ends");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Whether the two overlap or one starts the day after the other ends. */
    public boolean touches(Period other) {
        return !from.isAfter(other.to.plusDays(1)) && !other.from.isAfter(to.plusDays(1));
    }

    /** The smallest period holding both. */
    public Period span(Period other) {
        return new Period(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
    }

    /**
     * How a reader would write it: "2 December 2026", "March 2024", "2023", "1–7 December 2026",
     * "30 November – 6 December 2026", "28 December 2026 – 3 January 2027".
     */
    public String label() {
        if (from.equals(to)) {
            return day(from) + " " + from.getYear();
        }
        boolean sameYear = from.getYear() == to.getYear();
        boolean sameMonth = sameYear && from.getMonth() == to.getMonth();
        if (sameMonth && from.getDayOfMonth() == 1 && to.getDayOfMonth() == to.lengthOfMonth()) {
            return month(from) + " " + from.getYear();
        }
        if (sameYear && from.getDayOfYear() == 1 && to.getDayOfYear() == to.lengthOfYear()) {
            return String.valueOf(from.getYear());
        }
        if (sameMonth) {
            return from.getDayOfMonth() + "–" + to.getDayOfMonth() + " " + month(to) + " " + to.getYear();
        }
        if (sameYear) {
            return day(from) + " – " + day(to) + " " + to.getYear();
        }
        return day(from) + " " + from.getYear() + " – " + day(to) + " " + to.getYear();
    }

    private static String day(LocalDate d) {
        return d.getDayOfMonth() + " " + month(d);
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
