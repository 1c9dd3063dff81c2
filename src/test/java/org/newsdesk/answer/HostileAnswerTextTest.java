package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.index.SentenceSplitter;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The patterns run over model output and passage text, on 1 MB hostile input (issue 16, item 5). */
class HostileAnswerTextTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int MB = 1 << 20;

    @Test
    void quotesAroundARewrittenQueryAreStrippedInLinearTime() {
        String quotes = "\"'".repeat(MB / 2) + "x";
        assertThat(assertTimeoutPreemptively(BOUND, () -> LlmComposer.stripQuotes(quotes))).isEqualTo("x");
        assertThat(LlmComposer.stripQuotes("“Who won?”")).isEqualTo("Who won?");
        assertThat(LlmComposer.stripQuotes("\"a \"b\" c'")).isEqualTo("a \"b\" c");
    }

    @Test
    void sentenceSplittingIsLinear() {
        for (String unit : new String[] {"a. ", "Mr. A", "a.a.a ", ". ", "\"\"\". ", " "}) {
            String text = unit.repeat(MB / unit.length());
            assertThat(assertTimeoutPreemptively(BOUND, () -> SentenceSplitter.split(text), unit)).isNotNull();
        }
    }

    @Test
    void citationMarkersAreCheckedInLinearTime() {
        for (String unit : new String[] {" ", " [", "[1,", " \t", "[1", " [1 - 2"}) {
            String raw = "Claim" + unit.repeat(MB / unit.length()) + " x [1].";
            CitationChecker.Result r = assertTimeoutPreemptively(BOUND,
                    () -> CitationChecker.check(raw, LlmTestData.hits(3)), unit);
            assertThat(r.text()).as(unit).isNotNull();
            assertThat(assertTimeoutPreemptively(BOUND, () -> CitationChecker.partial(raw + unit.repeat(1000),
                    LlmTestData.hits(3)), unit)).isNotNull();
        }
        assertThat(CitationChecker.check("A claim   [1] and more .", LlmTestData.hits(3)).text())
                .isEqualTo("A claim [1] and more.");
    }

    @Test
    void sharedNamesAreFoundInLinearTime() {
        String punct = "Anna" + ".-'".repeat(MB / 3) + "x";
        String names = "Alpha of Beta ".repeat(MB / 14);
        String caps = "A".repeat(MB);
        var hits = java.util.List.of(LlmTestData.hit("a1", 0, "T", punct), LlmTestData.hit("a2", 0, "T", names),
                LlmTestData.hit("a3", 0, "T", caps), LlmTestData.hit("a4", 0, "T", "Vladimir Putin met him."),
                LlmTestData.hit("a5", 0, "T", "Vladimir Putin’s plan."));
        var found = assertTimeoutPreemptively(BOUND, () -> SharedEntity.find("Who met him?", hits,
                p -> AnswerCandidates.extract(p.text())));
        assertThat(found).contains("Vladimir Putin");
    }
}
