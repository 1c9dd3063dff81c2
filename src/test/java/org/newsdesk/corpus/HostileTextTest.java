package org.newsdesk.corpus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every pattern the parsers run over corpus text, on 1 MB hostile input: each must finish in well under a second. */
class HostileTextTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int MB = 1 << 20;

    @Test
    void anAmbiguousBylineIsRejectedAtOnceAndARealOneIsRead() {
        // "and" is both a separator and letters: the ambiguous reading a backtracking engine could explore.
        String line = "By A" + "andA".repeat(40) + "!";
        String page = "Title\n\n" + line + "\n\nText of the article.";
        Article a = assertTimeoutPreemptively(BOUND, () -> new ScrapedTextParser().parse("x", page));
        assertThat(a.author()).isNull();
        assertThat(a.body()).startsWith(line);
        Article named = assertTimeoutPreemptively(BOUND, () -> new ScrapedTextParser()
                .parse("y", "Title\n\nBy John Smith and Jane Doe\n\nText."));
        assertThat(named.author()).isEqualTo("John Smith and Jane Doe");
    }

    @Test
    void megabyteHeaderLinesAreNotMatchedAgainstDateAndBylinePatterns() {
        for (String unit : new String[] {"By A ", "Published: ", "( ", "a (", "Monday, ", "1 "}) {
            String line = unit.repeat(MB / unit.length());
            String page = "Title\n\n" + line + "\n\nText.";
            Article a = assertTimeoutPreemptively(BOUND, () -> new ScrapedTextParser().parse("x", page), unit);
            assertThat(a.published()).isNull();
        }
        assertThat(Dates.parseDateLine("Published: May 8, 2013 (Issue # 1758)")).isEqualTo(LocalDate.of(2013, 5, 8));
    }

    @Test
    void boilerplateSpacesAndUrlPatternsAreLinear() {
        for (String unit : new String[] {"1", "1 ", "loading .", "click here to ", "\u00a0 \u200b", "https://", "h"}) {
            String line = unit.repeat(MB / unit.length());
            boolean boilerplate = assertTimeoutPreemptively(BOUND, () -> Boilerplate.isBoilerplate(line), unit);
            assertThat(boilerplate).as(unit).isFalse();
            assertThat(assertTimeoutPreemptively(BOUND, () -> Text.normalizeSpace(line))).isNotNull();
        }
        String page = "Title\n\nOriginal url: " + "https://x".repeat(MB / 9) + "\n\nText.";
        Article a = assertTimeoutPreemptively(BOUND, () -> new ScrapedTextParser().parse("x", page));
        assertThat(a.body()).isEqualTo("Text.");
    }

    @Test
    void aMegabyteJsonlLineAndHtmlPageParseFast() throws Exception {
        String body = "**a _b [c](".repeat(MB / 11);
        String jsonl = "{\"id\": \"big\", \"title\": \"T\", \"published\": \"" + "1 ".repeat(1000)
                + "\", \"body\": \"" + body + "\"}\n";
        JsonlArticleParser.Result r = assertTimeoutPreemptively(BOUND, () -> new JsonlArticleParser().parse(jsonl));
        assertThat(r.articles()).singleElement().satisfies(x -> assertThat(x.body()).isEqualTo(body));
        String html = "<html><head><title>T</title><meta name=\"date\" content=\"" + "May 8 ".repeat(MB / 6)
                + "\"></head><body><p class=\"" + "commentary ".repeat(1000) + "\">" + body + "</p></body></html>";
        Article h = assertTimeoutPreemptively(BOUND, () -> new HtmlArticleParser().parse("h", html));
        assertThat(h.published()).isNull();
    }
}
