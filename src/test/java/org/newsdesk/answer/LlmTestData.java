package org.newsdesk.answer;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for the LLM tests: hand-made hits, settings, a clock the test moves. */
public final class LlmTestData {
    public static final String KEY = "sk-test-SECRET-4f9c2e7d1b";

    private LlmTestData() {
    }

    public static Hit hit(String articleId, int ordinal, String title, String text) {
        Passage p = new Passage(Passage.idOf(articleId, ordinal), articleId, ordinal, 0, text.length(), text, title,
                "Outlet " + articleId, "https://example.org/" + articleId, LocalDate.of(2013, 8, 8));
        return new Hit(p, 1.0, 1, 1, 1f, 1f);
    }

    /** {@code n} hits, each from its own article a1..an. */
    public static List<Hit> hits(int n) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hits.add(hit("a" + i, 0, "Title " + i, "Passage number " + i + " says something. It has two sentences."));
        }
        return hits;
    }

    public static NewsdeskConfig.Llm settings(String baseUrl, int timeoutSeconds, boolean stream, String uncited,
                                              int failuresBeforeCooldown) {
        return new NewsdeskConfig.Llm("fake-model", baseUrl, 0.0, timeoutSeconds, 200, KEY, 6000, uncited, stream,
                failuresBeforeCooldown, 60);
    }

    /**
     * The first words of passage {@code n}'s text in a grounded prompt (at most {@code count}, no sentence end among
     * them): a reply made of them is supported by {@code [n]}, whichever article the search put there.
     */
    public static String passageWords(String prompt, int n, int count) {
        int open = prompt.indexOf("<passage n=\"" + n + "\">");
        int header = prompt.indexOf('\n', open) + 1;
        int bodyStart = prompt.indexOf('\n', header) + 1;
        String body = prompt.substring(bodyStart, prompt.indexOf("\n</passage>", bodyStart));
        StringBuilder sb = new StringBuilder();
        String[] words = body.split("\\s+");
        for (int i = 0; i < Math.min(count, words.length); i++) {
            String w = words[i].replaceAll("[.!?]+$", "");
            sb.append(sb.length() == 0 ? "" : " ").append(w);
        }
        return sb.toString();
    }

    /** A clock that only moves when told to. */
    public static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        public synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }
    }
}
