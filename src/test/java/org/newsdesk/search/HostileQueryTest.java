package org.newsdesk.search;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Question text on the search side (issue 16, items 5 and 12): linear patterns, and nothing empty embedded. */
class HostileQueryTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int MB = 1 << 20;

    @Test
    void invisibleAndControlCharactersAreRemoved() {
        assertThat(QueryText.normalize("\u200F\u202E \u200B\u0000\t")).isEmpty();
        assertThat(QueryText.hasWords(QueryText.normalize("\u200F\u202E"))).isFalse();
        assertThat(QueryText.normalize("Who\u202E is\tMasha\u0007 Lipman?\u200F")).isEqualTo("Who is Masha Lipman?");
        assertThat(QueryText.hasWords("?!…")).isFalse();
        assertThat(QueryText.hasWords("Лавров")).isTrue();
    }

    @Test
    void terminalEscapeSequencesGoWhole() {
        assertThat(QueryText.normalize("\u001B[31mWho\u001B[0m is \u001B]0;title\u0007Masha \u001B]8;;http://x\u001B\\Lipman?\u001Bc"))
                .isEqualTo("Who is Masha Lipman?");
        assertThat(QueryText.normalize("\u001B[2J Kerry")).isEqualTo("Kerry");
        assertThat(QueryText.normalize("Kerry \u001B[")).isEqualTo("Kerry");
        assertThat(QueryText.normalize("Kerry \u001B]unterminated")).isEqualTo("Kerry");
        String hostile = "\u001B[".repeat(MB / 2) + "\u001B]".repeat(MB / 2);
        assertThat(assertTimeoutPreemptively(BOUND, () -> QueryText.normalize(hostile))).isEmpty();
        assertThat(QueryText.normalize("\u001B[1;31mWho is Lavrov?\u001B[0m"))
                .isEqualTo("Who is Lavrov?");
    }

    @Test
    void anInvisibleOnlyQuestionFindsNothingInsteadOfFailing() {
        App app = TestFixtures.seedApp();
        for (String q : new String[] {"\u200F", "\u202E\u202E", "\u0000 \u200B", "?!"}) {
            for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                assertThat(app.searcher().search(SearchRequest.of(q, 5, mode))).as("%s %s", q, mode).isEmpty();
            }
        }
        assertThat(app.searcher().search(SearchRequest.of("\u202EPompeo\u200F Sochi", 5, SearchRequest.Mode.HYBRID)))
                .isNotEmpty();
    }

    @Test
    void datePatternsAndContentWordsAreLinearOnAMegabyte() {
        for (String unit : new String[] {"January ", "1 of ", "12th ", "2023-", "1 January, ", "may  "}) {
            String text = unit.repeat(MB / unit.length());
            assertThat(assertTimeoutPreemptively(BOUND, () -> QueryDates.find(text), unit)).isNotNull();
            assertThat(assertTimeoutPreemptively(BOUND, () -> TermAnalysis.contentWords(text), unit)).isNotNull();
        }
        assertThat(QueryDates.find("published on October 6, 2023")).contains(LocalDate.of(2023, 10, 6));
    }

    @Test
    void aHugeOrSyntaxLadenQuestionIsSearchedSafely() {
        App app = TestFixtures.seedApp();
        String lucene = "title:(Pompeo AND \"Sochi) {!lucene}*:* ~2^3 \\\\ OR NOT";
        assertThat(assertTimeoutPreemptively(BOUND, () -> app.searcher().search(
                SearchRequest.of(lucene, 5, SearchRequest.Mode.HYBRID)))).isNotNull();
        String long4001 = "Pompeo Sochi ".repeat(308);
        assertThat(long4001.length()).isGreaterThan(4000);
        assertThat(assertTimeoutPreemptively(BOUND, () -> app.searcher().search(
                SearchRequest.of(long4001, 5, SearchRequest.Mode.HYBRID)))).isNotEmpty();
        StringBuilder distinct = new StringBuilder("Pompeo");
        for (int i = 0; distinct.length() < 4001; i++) {
            distinct.append(" w").append(i);
        }
        assertThat(assertTimeoutPreemptively(BOUND, () -> app.searcher().search(
                SearchRequest.of(distinct.toString(), 5, SearchRequest.Mode.HYBRID)))).isNotNull();
    }
}
