package org.newsdesk.index;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates written the ways questions name them ("November 27, 2023", "2023-11-27"), for lexical matching. */
public final class DateWords {
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private DateWords() {
    }

    public static String of(LocalDate date) {
        return LONG.format(date) + " " + date;
    }
}
