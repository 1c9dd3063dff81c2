package org.newsdesk.corpus;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the publication dates found in the archive. Only whole strings that are a date are
 * accepted, and a date without a year (e.g. "MOSCOW, December 15.") is never completed by guessing.
 */
final class Dates {
    private static final String MONTH = "(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?"
            + "|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String DAY = "(?<day>\\d{1,2})(?:st|nd|rd|th)?";
    private static final String YEAR = "(?<year>\\d{4})";
    /** "August 08, 2013", "Aug. 8 2013" and "8 August 2013". */
    private static final List<Pattern> MONTH_NAME_FORMS = List.of(
            Pattern.compile(MONTH + "\\s+" + DAY + ",?\\s+" + YEAR, Pattern.CASE_INSENSITIVE),
            Pattern.compile(DAY + "\\s+" + MONTH + ",?\\s+" + YEAR, Pattern.CASE_INSENSITIVE));
    private static final List<String> MONTHS = List.of(
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /**
     * What may surround a date on a date line of a scraped page: a label ("Published:"), a weekday,
     * and a trailing parenthesis such as "(Issue # 1758)".
     */
    private static final Pattern DATE_LINE = Pattern.compile(
            "(?:(?:published|posted|updated|date)\\s*:?\\s*)?"
                    + "(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?"
                    + "(?<date>.+?)"
                    + "(?:\\s*\\([^()]*\\))?",
            Pattern.CASE_INSENSITIVE);

    /** No date line is longer than this ("Published: Wednesday, September 10th, 2014 (Issue # 1758)" is 57). */
    static final int MAX_DATE_LINE_CHARS = 200;

    private Dates() {
    }

    /**
     * A date from ISO date-time ("2023-11-27T08:45:59+00:00": the date as written, not converted
     * to UTC), ISO date, or a month-name form; null if the whole string is none of these.
     */
    static LocalDate parse(String s) {
        if (s == null || s.isBlank() || s.length() > MAX_DATE_LINE_CHARS) {
            return null;
        }
        String text = s.strip();
        for (DateTimeFormatter iso : List.of(DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_DATE)) {
            try {
                return LocalDate.from(iso.parse(text));
            } catch (DateTimeException e) {
                // not this form; try the next
            }
        }
        for (Pattern form : MONTH_NAME_FORMS) {
            Matcher m = form.matcher(text);
            if (m.matches()) {
                return of(m.group("year"), m.group("month"), m.group("day"));
            }
        }
        return null;
    }

    /** The date of a line that is nothing but a date, e.g. "Published: May 8, 2013 (Issue # 1758)". */
    static LocalDate parseDateLine(String line) {
        if (line.length() > MAX_DATE_LINE_CHARS) {
            return null; // text, not a date line; also keeps the lazy pattern's work small
        }
        Matcher m = DATE_LINE.matcher(line.strip());
        return m.matches() ? parse(m.group("date")) : null;
    }

    private static LocalDate of(String year, String monthName, String day) {
        int month = MONTHS.indexOf(monthName.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null; // "February 30, 2013" is not a date
        }
    }
}
