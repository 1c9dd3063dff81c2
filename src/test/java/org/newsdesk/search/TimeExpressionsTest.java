package org.newsdesk.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TimeExpressionsTest {
    /** Wednesday 2 December 2026, 23:30 UTC: the day comes from the clock, not from the machine. */
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 12, 2).atTime(23, 30).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    private static LocalDate today() {
        return LocalDate.now(CLOCK);
    }

    /** question | today (blank: the clock's) | from | to (blank from and to: no period) | newest first */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', nullValues = "", value = {
            "What happened today?                         |            | 2026-12-02 | 2026-12-02 | false",
            "Who resigned yesterday?                      |            | 2026-12-01 | 2026-12-01 | false",
            "What did the council decide this week?       |            | 2026-11-30 | 2026-12-02 | false",
            "What did the council decide last week?       |            | 2026-11-23 | 2026-11-29 | false",
            "Any strikes in the past week?                |            | 2026-11-26 | 2026-12-02 | false",
            "Any strikes in the last 3 days?              |            | 2026-11-30 | 2026-12-02 | false",
            "Floods this month                            |            | 2026-12-01 | 2026-12-02 | false",
            "Floods last month                            |            | 2026-11-01 | 2026-11-30 | false",
            // last month in January is December of the year before
            "Floods last month                            | 2027-01-15 | 2026-12-01 | 2026-12-31 | false",
            // leap years: February has 29 days in 2024, 28 in 2023
            "Floods last month                            | 2024-03-31 | 2024-02-01 | 2024-02-29 | false",
            "Floods last month                            | 2023-03-31 | 2023-02-01 | 2023-02-28 | false",
            "Floods in the past month                     | 2024-03-31 | 2024-03-01 | 2024-03-31 | false",
            "Floods in the past month                     | 2024-03-30 | 2024-03-01 | 2024-03-30 | false",
            "Elections this year                          |            | 2026-01-01 | 2026-12-02 | false",
            "Elections last year                          |            | 2025-01-01 | 2025-12-31 | false",
            "Elections last year                          | 2027-01-01 | 2026-01-01 | 2026-12-31 | false",
            // weeks run Monday to Sunday, across the turn of the year
            "What happened this week?                     | 2027-01-03 | 2026-12-28 | 2027-01-03 | false",
            "What happened last week?                     | 2027-01-03 | 2026-12-21 | 2026-12-27 | false",
            "What happened this week?                     | 2027-01-04 | 2027-01-04 | 2027-01-04 | false",
            "What happened yesterday?                     | 2024-03-01 | 2024-02-29 | 2024-02-29 | false",
            "What happened in March 2024?                 |            | 2024-03-01 | 2024-03-31 | false",
            "Rail strikes in February 2024                |            | 2024-02-01 | 2024-02-29 | false",
            "Rail strikes in February 2023                |            | 2023-02-01 | 2023-02-28 | false",
            "Rail strikes during Sept 2023                |            | 2023-09-01 | 2023-09-30 | false",
            "Rail strikes in December of 2022             |            | 2022-12-01 | 2022-12-31 | false",
            "What did the March 2024 report say?          |            | 2024-03-01 | 2024-03-31 | false",
            // a month without a year: the latest one up to today
            "What happened in March?                      |            | 2026-03-01 | 2026-03-31 | false",
            "What happened in December?                   | 2026-11-15 | 2025-12-01 | 2025-12-31 | false",
            "In May, who won?                             |            | 2026-05-01 | 2026-05-31 | false",
            "What happened in 2023?                       |            | 2023-01-01 | 2023-12-31 | false",
            "Rates since 2023                             |            | 2023-01-01 | 2026-12-02 | false",
            "Rates since March 2024                       |            | 2024-03-01 | 2026-12-02 | false",
            "Rates since October 6, 2023                  |            | 2023-10-06 | 2026-12-02 | false",
            "Rates since 6 October 2023                   |            | 2023-10-06 | 2026-12-02 | false",
            "Rates since 2023-10-06                       |            | 2023-10-06 | 2026-12-02 | false",
            "Rates since yesterday                        |            | 2026-12-01 | 2026-12-02 | false",
            "Rates since last month                       |            | 2026-11-01 | 2026-12-02 | false",
            // a 29 February without a year: the latest leap year's
            "Rates since February 29                      |            | 2024-02-29 | 2026-12-02 | false",
            "Rates since March 5th                        |            | 2026-03-05 | 2026-12-02 | false",
            "What is the latest on the port strike?       |            |            |            | true",
            "Latest news about the port strike            |            |            |            | true",
            "Show me the most recent reports about Gaza   |            |            |            | true",
            "Newest articles on the election?             |            |            |            | true",
            "What is the latest?                          |            |            |            | true",
            "What is the latest on the strike this week?  |            | 2026-11-30 | 2026-12-02 | true",
            // no time asked about: left as today
            "Why did Obama cancel his trip to Moscow?     |            |            |            | false",
            "What was Dunzo's latest funding round?       |            |            |            | false",
            "Which is the newest Chromebook model?        |            |            |            | false",
            "Who did she face in her most recent match?   |            |            |            | false",
            "What did Business Today report on Israel?    |            |            |            | false",
            "Did Business Today, Latest Stock Market News report it?|  |      |            | false",
            "What did Last Week Tonight say about it?     |            |            |            | false",
            "Which article was published on October 6, 2023?|          |            |            | false",
            "What happened since the election?            |            |            |            | false",
            "What happened in the 2023 season?            |            |            |            | false",
            "How many people march in may?                |            |            |            | false",
            "What may happen to the 2024 budget?          |            |            |            | false",
            "Highest rate since his early twenties        |            |            |            | false",
            // not days at all
            "What happened on February 30, 2024?          |            |            |            | false",
            "Rates since February 30, 2024                |            |            |            | false",
            "Rates since February 30                      |            |            |            | false",
            "Rates since April 31                         |            |            |            | false",
            "Rates in the last 5000 days                  |            |            |            | false",
            "Rates since 2999                             |            |            |            | false",
            "What happened in 0300?                       |            |            |            | false",
    })
    void resolvesAgainstTheClock(String question, LocalDate day, LocalDate from, LocalDate to, boolean newest) {
        QuestionTime t = TimeExpressions.resolve(question, day != null ? day : today());
        if (from == null) {
            assertThat(t.period()).as("period").isNull();
        } else {
            assertThat(t.period()).as("period").isEqualTo(new Period(from, to));
        }
        assertThat(t.newestFirst()).as("newest first").isEqualTo(newest);
        assertThat(t.any()).isEqualTo(from != null || newest);
        if (!t.any()) {
            assertThat(t.query()).isEqualTo(question);
        }
    }

    @Test
    void relativeWordsLeaveTheQueryButDatesStay() {
        LocalDate today = today();
        assertThat(TimeExpressions.resolve("What did the council decide in the past week?", today).query())
                .isEqualTo("What did the council decide?");
        assertThat(TimeExpressions.resolve("What is the latest on the port strike?", today).query())
                .isEqualTo("What is on the port strike?");
        assertThat(TimeExpressions.resolve("Who resigned yesterday?", today).query()).isEqualTo("Who resigned?");
        assertThat(TimeExpressions.resolve("Most recent reports about Gaza", today).query()).isEqualTo("reports about Gaza");
        // month and year names are also content words: they stay
        assertThat(TimeExpressions.resolve("What happened in March 2024?", today).query())
                .isEqualTo("What happened in March 2024?");
        // nothing left but the time words: the question as it was
        assertThat(TimeExpressions.resolve("Today?", today).query()).isEqualTo("Today?");
    }

    @Test
    void timesThatMeetFormOnePeriodAndTimesApartNone() {
        QuestionTime t = TimeExpressions.resolve("Floods in March 2024 and in April 2024", today());
        assertThat(t.period()).isEqualTo(new Period(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 30)));
        assertThat(TimeExpressions.resolve("Floods last week and this week", today()).period())
                .isEqualTo(new Period(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 2)));
        // compared, not searched in: the question is left as it is
        String compared = "Were the floods in March 2024 worse than in May 2024?";
        assertThat(TimeExpressions.resolve(compared, today())).isEqualTo(QuestionTime.none(compared));
        String told = "Did he score his first goals in 2020 and lose to Argentina last year?";
        assertThat(TimeExpressions.resolve(told, today())).isEqualTo(QuestionTime.none(told));
        // the newest-first request stays
        QuestionTime latest = TimeExpressions.resolve("The latest on floods in March 2024 and May 2024", today());
        assertThat(latest.period()).isNull();
        assertThat(latest.newestFirst()).isTrue();
        assertThat(latest.query()).isEqualTo("on floods in March 2024 and May 2024");
    }

    @ParameterizedTest(name = "{0} .. {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-02 | 2026-12-02 | 2 December 2026",
            "2026-12-01 | 2026-12-07 | 1–7 December 2026",
            "2026-11-30 | 2026-12-02 | 30 November – 2 December 2026",
            "2026-12-28 | 2027-01-03 | 28 December 2026 – 3 January 2027",
            "2024-02-01 | 2024-02-29 | February 2024",
            "2023-01-01 | 2023-12-31 | 2023",
            "2023-01-01 | 2024-12-31 | 1 January 2023 – 31 December 2024",
    })
    void periodsAreLabelledAsAReaderWritesThem(LocalDate from, LocalDate to, String label) {
        assertThat(new Period(from, to).label()).isEqualTo(label);
    }

    @Test
    void aPeriodCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new Period(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024-03-01");
    }

    @Test
    void hostileQuestionsOfOneMegabyteResolveInLinearTime() {
        String[] units = {"since ", "in March ", "January ", "1 January ", "latest ", "last 3 ", "the the ",
                "October 6, ", "2023-10-", "since since 2023 ", "March 5th ", " ", "9", "Today "};
        for (String unit : units) {
            String hostile = unit.repeat(1_000_000 / unit.length() + 1);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TimeExpressions.resolve(hostile, today()),
                    () -> "'" + unit.strip() + "' repeated");
        }
        // a month name, then a megabyte of spaces before something that is not a day
        String spaces = "January" + " ".repeat(1_000_000) + "x";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TimeExpressions.resolve(spaces, today()));
        String digits = "in March " + "1".repeat(1_000_000);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TimeExpressions.resolve(digits, today())).period())
                .isEqualTo(new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
    }
}
