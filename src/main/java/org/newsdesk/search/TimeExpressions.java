package org.newsdesk.search;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves what a question says about time against the current day: "today", "yesterday", "this week", "last
 * month", "in the past 3 days", "this year", "in March 2024", "in March", "in 2023", "since October 6, 2023",
 * "since last week" become a {@link Period} of publication days; "the latest on ...", "newest articles about ...",
 * "most recent reports" ask for the newest articles first. A token scanner over the question (no regular expressions
 * of its own; full dates come from {@link QueryDates}), so it runs in time linear in the question's length.
 *
 * <p>Written to leave questions that only mention time alone: relative words capitalised inside a sentence are
 * taken as part of a name ("Business Today", "Latest Stock Market News"); "latest" asks for recency only before a
 * news noun or a preposition, or at the end ("the latest on X", not "Dunzo's latest funding round"); a bare year
 * or month counts only after "in", "during", "throughout", "from" or "since"; a full date on its own ("published on
 * October 6, 2023") is left to the searcher's date focus, as before. "since" followed by anything that is not a
 * date ("since the election") names no period. Times that neither overlap nor adjoin ("in 2020 ... last year") are
 * told or compared, not a period to search in: they name none.
 */
public final class TimeExpressions {
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final Set<String> MONTH_ABBREVIATIONS = Set.of("jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec");
    /** Before a year or a month name, these make it a time the question is about rather than a detail in it. */
    private static final Set<String> PERIOD_PREPOSITIONS = Set.of("in", "during", "throughout", "from");
    /** Before a relative expression: dropped from the query with it ("over the past week"). */
    private static final Set<String> RELATIVE_PREPOSITIONS = Set.of("in", "during", "throughout", "from", "over",
            "for", "within", "of");
    /** After "latest" / "newest" / "most recent", these make it a request for the newest articles. */
    private static final Set<String> NEWS_NOUNS = Set.of("news", "article", "articles", "report", "reports",
            "reporting", "story", "stories", "update", "updates", "development", "developments", "coverage",
            "headline", "headlines", "piece", "pieces", "post", "posts");
    private static final Set<String> AFTER_LATEST = Set.of("on", "about", "in", "from", "regarding", "concerning",
            "with", "around", "over");
    private static final int MIN_YEAR = 1800;
    private static final int MAX_YEAR = 2199;
    /** "in the past N days": larger counts are not a period anyone means. */
    private static final int MAX_COUNT = 1000;

    private TimeExpressions() {
    }

    /** What {@code question} says about time, on {@code today}. */
    public static QuestionTime resolve(String question, LocalDate today) {
        if (question == null || question.isBlank()) {
            return QuestionTime.none(question);
        }
        List<Token> tokens = tokens(question);
        Period period = null;
        boolean apart = false;
        boolean newest = false;
        List<int[]> strip = new ArrayList<>();
        List<int[]> stripNewest = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match m = match(tokens, i, today);
            if (m == null) {
                i++;
                continue;
            }
            if (m.period() != null) {
                apart |= period != null && !period.touches(m.period());
                period = period == null ? m.period() : period.span(m.period());
            }
            newest |= m.newest();
            if (m.relative()) {
                int[] range = {tokens.get(m.stripFrom()).start(), tokens.get(m.end() - 1).end()};
                strip.add(range);
                if (m.newest()) {
                    stripNewest.add(range);
                }
            }
            i = m.end();
        }
        if (apart) {
            // "after his first goals in 2020 and a defeat last year": times compared or told, not one to search in
            period = null;
            strip = stripNewest;
        }
        if (period == null && !newest) {
            return QuestionTime.none(question);
        }
        return new QuestionTime(period, newest, without(question, strip));
    }

    /**
     * One expression found at a token: what it means, where it ends (exclusive), whether it is relative (then the
     * tokens from {@code stripFrom} to the end are dropped from the search query).
     */
    private record Match(Period period, boolean newest, int end, boolean relative, int stripFrom) {
    }

    /**
     * A word of the question. {@code date} is set for a full date (one token for its whole span; its {@code found}
     * date is null when it names no real day).
     *
     * @param nameLike capitalised like a name inside a sentence ("Business Today"): not a time word
     */
    private record Token(String word, int start, int end, boolean nameLike, boolean capitalised,
                         QueryDates.Found date) {
        boolean is(String w) {
            return date == null && word.equals(w);
        }
    }

    private static Match match(List<Token> t, int i, LocalDate today) {
        int j = i;
        boolean since = false;
        boolean preposition = false;
        boolean the = false;
        if (t.get(j).is("since")) {
            since = true;
            j++;
        } else if (t.get(j).date() == null && RELATIVE_PREPOSITIONS.contains(t.get(j).word())) {
            preposition = PERIOD_PREPOSITIONS.contains(t.get(j).word());
            j++;
        }
        if (j < t.size() && t.get(j).is("the")) {
            the = true;
            j++;
        }
        if (j >= t.size()) {
            return null;
        }
        Match relative = relative(t, j, today);
        if (relative != null) {
            if (relative.period() == null) {
                // "the latest on": the words and their "the" are dropped from the query, not "in" before them
                return new Match(null, true, relative.end(), true, the ? j - 1 : j);
            }
            Period p = since ? sinceStart(relative.period().from(), today) : relative.period();
            return p == null ? null : new Match(p, false, relative.end(), true, i);
        }
        if (the) {
            return null; // "in the 2023 season", "since the election": no date to go by
        }
        Token w = t.get(j);
        if (w.date() != null) {
            // a full date counts as a period only after "since"; otherwise the searcher's date focus handles it
            if (since && w.date().date() != null) {
                Period p = sinceStart(w.date().date(), today);
                return p == null ? null : new Match(p, false, j + 1, false, i);
            }
            return null;
        }
        if (MONTHS.contains(w.word()) || MONTH_ABBREVIATIONS.contains(w.word())) {
            return month(t, i, j, today, since, since || preposition);
        }
        int year = year(w);
        if (year > 0 && (since || preposition)) {
            LocalDate first = LocalDate.of(year, 1, 1);
            Period p = since ? sinceStart(first, today) : new Period(first, first.withDayOfYear(first.lengthOfYear()));
            return p == null ? null : new Match(p, false, j + 1, false, i);
        }
        return null;
    }

    /** "in March 2024", "March of 2024", "since March 5", "in March" (the latest March up to today). */
    private static Match month(List<Token> t, int i, int j, LocalDate today, boolean since, boolean wordBefore) {
        Token w = t.get(j);
        int month = QueryDates.month(w.word());
        int k = j + 1 < t.size() && t.get(j + 1).is("of") ? j + 2 : j + 1;
        int year = k < t.size() ? year(t.get(k)) : 0;
        if (year > 0) {
            LocalDate first = LocalDate.of(year, month, 1);
            Period p = since ? sinceStart(first, today) : new Period(first, first.withDayOfMonth(first.lengthOfMonth()));
            return p == null ? null : new Match(p, false, k + 1, false, i);
        }
        int day = j + 1 < t.size() ? dayOfMonth(t.get(j + 1)) : 0;
        if (day > 0) {
            // "since March 5": that day in the latest year it has been; "February 30" is no day, and no month either
            LocalDate d = latestDay(month, day, today);
            Period p = since && d != null ? sinceStart(d, today) : null;
            return new Match(p, false, j + 2, false, i);
        }
        boolean modalOrVerb = (w.word().equals("may") || w.word().equals("march")) && !w.capitalised();
        if (!wordBefore || modalOrVerb || !MONTHS.contains(w.word())) {
            return null;
        }
        LocalDate first = LocalDate.of(today.getYear(), month, 1);
        if (first.isAfter(today)) {
            first = first.minusYears(1);
        }
        Period p = since ? sinceStart(first, today) : new Period(first, first.withDayOfMonth(first.lengthOfMonth()));
        return new Match(p, false, j + 1, false, i);
    }

    /** Relative expressions at token j: the period (null for "latest"), whether newest first, and the end. */
    private static Match relative(List<Token> t, int j, LocalDate today) {
        Token w = t.get(j);
        if (w.date() != null || w.nameLike()) {
            return null;
        }
        Token next = j + 1 < t.size() ? t.get(j + 1) : null;
        switch (w.word()) {
            case "today":
                return new Match(new Period(today, today), false, j + 1, true, j);
            case "yesterday":
                return new Match(new Period(today.minusDays(1), today.minusDays(1)), false, j + 1, true, j);
            case "latest":
            case "newest":
                return asksForNewest(next) ? new Match(null, true, j + 1, true, j) : null;
            case "most":
                return next != null && next.is("recent") && asksForNewest(j + 2 < t.size() ? t.get(j + 2) : null)
                        ? new Match(null, true, j + 2, true, j) : null;
            case "this":
            case "last":
            case "past":
                return next == null || next.date() != null ? null : lastOrThis(w.word(), t, j, today);
            default:
                return null;
        }
    }

    /** "this week", "last month", "past year", "last night", "this morning", "the last 3 days". */
    private static Match lastOrThis(String which, List<Token> t, int j, LocalDate today) {
        String unit = t.get(j + 1).word();
        Period p = switch (which + " " + unit) {
            case "this week" -> new Period(today.with(DayOfWeek.MONDAY), today);
            case "last week" -> {
                LocalDate monday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
                yield new Period(monday, monday.plusDays(6));
            }
            case "past week" -> new Period(today.minusDays(6), today);
            case "this month" -> new Period(today.withDayOfMonth(1), today);
            case "last month" -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(first, first.withDayOfMonth(first.lengthOfMonth()));
            }
            case "past month" -> new Period(today.minusMonths(1).plusDays(1), today);
            case "this year" -> new Period(today.withDayOfYear(1), today);
            case "last year" -> {
                LocalDate first = today.withDayOfYear(1).minusYears(1);
                yield new Period(first, first.withDayOfYear(first.lengthOfYear()));
            }
            case "past year" -> new Period(today.minusYears(1).plusDays(1), today);
            case "this morning", "this afternoon", "this evening" -> new Period(today, today);
            case "last night" -> new Period(today.minusDays(1), today);
            default -> null;
        };
        if (p != null) {
            return new Match(p, false, j + 2, true, j);
        }
        if (which.equals("this") || j + 2 >= t.size()) {
            return null;
        }
        // "last 3 days", "past 2 weeks"
        int n = count(t.get(j + 1));
        ChronoUnit u = switch (t.get(j + 2).word()) {
            case "day", "days" -> ChronoUnit.DAYS;
            case "week", "weeks" -> ChronoUnit.WEEKS;
            case "month", "months" -> ChronoUnit.MONTHS;
            case "year", "years" -> ChronoUnit.YEARS;
            default -> null;
        };
        if (n <= 0 || u == null || t.get(j + 2).date() != null) {
            return null;
        }
        return new Match(new Period(today.minus(n, u).plusDays(1), today), false, j + 3, true, j);
    }

    private static boolean asksForNewest(Token next) {
        return next == null || (next.date() == null
                && (NEWS_NOUNS.contains(next.word()) || AFTER_LATEST.contains(next.word())));
    }

    /** From {@code from} to today; null when it lies in the future. */
    private static Period sinceStart(LocalDate from, LocalDate today) {
        return from.isAfter(today) ? null : new Period(from, today);
    }

    /** The latest {@code month}/{@code day} up to today (a 29 February up to eight years back), or null. */
    private static LocalDate latestDay(int month, int day, LocalDate today) {
        for (int y = today.getYear(); y >= today.getYear() - 8; y--) {
            try {
                LocalDate d = LocalDate.of(y, month, day);
                if (!d.isAfter(today)) {
                    return d;
                }
            } catch (DateTimeException e) {
                if (day > 29 || month != 2) {
                    return null; // "February 30", "April 31": not a day in any year
                }
            }
        }
        return null;
    }

    /** A four-digit year in range, or 0. */
    private static int year(Token t) {
        if (t.date() != null || t.word().length() != 4 || !digits(t.word())) {
            return 0;
        }
        int y = Integer.parseInt(t.word());
        return y >= MIN_YEAR && y <= MAX_YEAR ? y : 0;
    }

    /** "5", "05", "5th", "31st": the number, or 0. */
    private static int dayOfMonth(Token t) {
        if (t.date() != null) {
            return 0;
        }
        String w = t.word();
        int n = 0;
        while (n < w.length() && Character.isDigit(w.charAt(n))) {
            n++;
        }
        String suffix = w.substring(n);
        if (n == 0 || n > 2 || !(suffix.isEmpty() || Set.of("st", "nd", "rd", "th").contains(suffix))) {
            return 0;
        }
        return Integer.parseInt(w.substring(0, n));
    }

    /** A count of days/weeks/months/years: digits up to MAX_COUNT, or 0. */
    private static int count(Token t) {
        String w = t.word();
        if (t.date() != null || w.isEmpty() || w.length() > 4 || !digits(w)) {
            return 0;
        }
        int n = Integer.parseInt(w);
        return n <= MAX_COUNT ? n : 0;
    }

    private static boolean digits(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return !w.isEmpty();
    }

    /**
     * The question's words (runs of letters and digits, lower-cased), a full date being one token. A word is
     * name-like when it starts with a capital followed by a small letter and does not start a sentence.
     */
    private static List<Token> tokens(String text) {
        List<QueryDates.Found> dates = new ArrayList<>(QueryDates.spans(text));
        dates.sort(Comparator.comparingInt(QueryDates.Found::start));
        List<Token> tokens = new ArrayList<>();
        int d = 0;
        int i = 0;
        boolean sentenceStart = true;
        while (i < text.length()) {
            while (d < dates.size() && dates.get(d).end() <= i) {
                d++;
            }
            if (d < dates.size() && dates.get(d).start() <= i) {
                QueryDates.Found f = dates.get(d);
                int end = f.end();
                // overlapping matches of the same date ("6 October 6, 2023") form one span
                while (d + 1 < dates.size() && dates.get(d + 1).start() < end) {
                    d++;
                    end = Math.max(end, dates.get(d).end());
                }
                tokens.add(new Token("", i, end, false, false, f));
                sentenceStart = false;
                i = end;
                continue;
            }
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))
                        && !(d < dates.size() && dates.get(d).start() == i)) {
                    i++;
                }
                String raw = text.substring(start, i);
                boolean capitalised = Character.isUpperCase(raw.charAt(0));
                boolean nameLike = capitalised && !sentenceStart && raw.length() > 1 && Character.isLowerCase(raw.charAt(1));
                tokens.add(new Token(raw.toLowerCase(Locale.ROOT), start, i, nameLike, capitalised, null));
                sentenceStart = false;
                continue;
            }
            if (c == '.' || c == '?' || c == '!' || c == ':' || c == ';' || c == '\n') {
                sentenceStart = true;
            }
            i++;
        }
        return tokens;
    }

    /** The question with the given character ranges removed and the spaces left behind tidied. */
    private static String without(String question, List<int[]> ranges) {
        if (ranges.isEmpty()) {
            return question;
        }
        StringBuilder sb = new StringBuilder(question.length());
        int at = 0;
        for (int[] r : ranges) {
            sb.append(question, at, r[0]);
            at = r[1];
        }
        sb.append(question, at, question.length());
        StringBuilder tidy = new StringBuilder(sb.length());
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            boolean space = c == ' ';
            if (space && (tidy.length() == 0 || tidy.charAt(tidy.length() - 1) == ' ')) {
                continue;
            }
            if ((c == '?' || c == ',' || c == '.' || c == '!') && tidy.length() > 0 && tidy.charAt(tidy.length() - 1) == ' ') {
                tidy.setLength(tidy.length() - 1);
            }
            tidy.append(c);
        }
        String s = tidy.toString().strip();
        return s.isEmpty() || s.chars().noneMatch(Character::isLetterOrDigit) ? question : s;
    }
}
