package org.newsdesk.answer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.Hit;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.testkit.LocalServer;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsdesk.answer.LlmTestData.KEY;
import static org.newsdesk.answer.LlmTestData.settings;

/** The LLM composer against a fake OpenAI-compatible (and Ollama) server, with the real LangChain4j clients. */
@Timeout(30)
class LlmComposerTest {
    static final String QUESTION = "Where did Pompeo and Lavrov meet?";
    static final String SOCHI_ARTICLE = "002_bdb2fb7eb406ee43";

    @LocalServer
    private FakeLlmServer server;
    private App seed;
    private List<Hit> hits;
    /** 1-based number of the Sochi article's first passage in the prompt. */
    private int sochi;

    @BeforeEach
    void setUp() throws Exception {
        seed = TestFixtures.seedApp();
        hits = seed.searcher().search(SearchRequest.of(QUESTION, 5, SearchRequest.Mode.HYBRID));
        sochi = 0;
        for (int i = 0; i < hits.size() && sochi == 0; i++) {
            if (hits.get(i).passage().articleId().equals(SOCHI_ARTICLE)) {
                sochi = i + 1;
            }
        }
        assertThat(sochi).as("the seed index retrieves the Sochi article").isPositive();
    }

    private LlmComposer composer(NewsdeskConfig.Llm settings, Clock clock) {
        return LlmProviders.create("openai", settings, seed.answers().composer(), clock);
    }

    private LlmComposer composer(int timeoutSeconds, boolean stream, String uncited) {
        return composer(settings(server.openAiUrl(), timeoutSeconds, stream, uncited, 3), Clock.systemUTC());
    }

    @Test
    void citedAnswerIsParsedRenumberedAndOutOfRangeMarkersDropped() {
        server.enqueue(FakeLlmServer.Reply.text("They met in Sochi [" + sochi + "]. Iran was not the focus [9]."));
        Answer a = composer(5, false, "fallback").compose(QUESTION, hits);
        assertThat(a.composer()).isEqualTo("openai");
        assertThat(a.abstained()).isFalse();
        // The sentence whose only marker named no passage is unsupported: marked (issue 15's support check).
        assertThat(a.text()).isEqualTo("They met in Sochi [1]. Iran was not the focus " + SupportCheck.UNSUPPORTED_MARK
                + ".");
        assertThat(a.citations()).singleElement().satisfies(c -> {
            assertThat(c.n()).isEqualTo(1);
            assertThat(c.articleId()).isEqualTo(SOCHI_ARTICLE);
        });
        FakeLlmServer.Request r = server.requests().get(0);
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.json().path("model").asText()).isEqualTo("fake-model");
        assertThat(r.prompt()).contains("[1] Title: ").contains("Question: " + QUESTION).contains("NOT_IN_ARCHIVE")
                .contains("Sochi");
        // The key travels only in the Authorization header.
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.body()).doesNotContain(KEY);
        assertThat(r.path()).doesNotContain(KEY);
    }

    @Test
    void uncitedAnswerFallsBackToTheExtractiveAnswer() {
        server.enqueue(FakeLlmServer.Reply.text("They met in Sochi, I believe."));
        LlmComposer c = composer(5, false, "fallback");
        Answer a = c.compose(QUESTION, hits);
        assertThat(a.composer()).isEqualTo(LlmComposer.FALLBACK_COMPOSER);
        assertThat(a.text()).doesNotContain("I believe").contains(LlmComposer.UNCITED_NOTE);
        assertThat(a.citedArticleIds()).contains(SOCHI_ARTICLE);
        assertThat(c.failures()).isZero();
    }

    @Test
    void uncitedAnswerAbstainsWhenConfigured() {
        server.enqueue(FakeLlmServer.Reply.text("They met in Sochi [42]."));
        Answer a = composer(5, false, "abstain").compose(QUESTION, hits);
        assertThat(a.abstained()).isTrue();
        assertThat(a.citations()).isEmpty();
        assertThat(a.text()).isEqualTo(ExtractiveComposer.NOT_FOUND);
    }

    @Test
    void notInArchiveBecomesAnAbstention() {
        server.enqueue(FakeLlmServer.Reply.text("NOT_IN_ARCHIVE"));
        Answer a = composer(5, false, "fallback").compose("What did the archive say about Mars rovers?", hits);
        assertThat(a.abstained()).isTrue();
        assertThat(a.composer()).isEqualTo("openai");
        assertThat(a.text()).doesNotContain("NOT_IN_ARCHIVE");
    }

    @Test
    void timeoutFallsBackWithinTheTimeoutPlusAMargin() {
        server.respondWith(r -> FakeLlmServer.Reply.text("too late [1]").delayed(6000));
        LlmComposer c = composer(1, false, "fallback");
        long t0 = System.nanoTime();
        Answer a = c.compose(QUESTION, hits);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(1000 + 1500);
        assertThat(a.composer()).isEqualTo("extractive-fallback");
        assertThat(a.text()).endsWith("(LLM unavailable — extractive answer)");
        assertThat(a.citedArticleIds()).contains(SOCHI_ARTICLE);
        assertThat(c.failures()).isEqualTo(1);
    }

    @Test
    void streamingTimeoutAlsoFallsBack() {
        server.respondWith(r -> FakeLlmServer.Reply.streamed(List.of("They ", "met ", "in ", "Sochi [1]."), 2500));
        LlmComposer c = composer(1, true, "fallback");
        List<String> partials = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        Answer a = c.compose(QUESTION, hits, partials::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int seen = partials.size();
        assertThat(ms).isLessThan(2500);
        assertThat(a.composer()).isEqualTo("extractive-fallback");
        assertThat(partials).containsExactly("They");
        sleep(3000);
        assertThat(partials).as("nothing is delivered after compose returned").hasSize(seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "429", "malformed", "empty"})
    void serverErrorsAndMalformedRepliesFallBack(String kind) {
        server.respondWith(r -> switch (kind) {
            case "500" -> FakeLlmServer.Reply.status(500, "{\"error\":{\"message\":\"boom\"}}");
            case "429" -> FakeLlmServer.Reply.status(429, "{\"error\":{\"message\":\"rate limited\"}}");
            case "malformed" -> FakeLlmServer.Reply.malformed();
            default -> FakeLlmServer.Reply.text("");
        });
        LlmComposer c = composer(5, false, "fallback");
        long t0 = System.nanoTime();
        Answer a = c.compose(QUESTION, hits);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        assertThat(a.composer()).isEqualTo("extractive-fallback");
        assertThat(a.text()).contains(LlmComposer.FALLBACK_NOTE).doesNotContain("Exception").doesNotContain("boom");
        assertThat(c.failures()).isEqualTo(1);
        assertThat(server.requests()).as("no retries").hasSize(1);
    }

    @Test
    void refusedConnectionFallsBack() {
        LlmComposer c = composer(5, false, "fallback");
        server.close();
        Answer a = c.compose(QUESTION, hits);
        assertThat(a.composer()).isEqualTo("extractive-fallback");
        assertThat(c.failures()).isEqualTo(1);
    }

    @Test
    void circuitBreakerSkipsTheLlmAfterConsecutiveFailuresUntilTheCooldownEnds() {
        server.respondWith(r -> FakeLlmServer.Reply.status(503, "{}"));
        LlmTestData.MutableClock clock = new LlmTestData.MutableClock();
        LlmComposer c = composer(settings(server.openAiUrl(), 5, false, "fallback", 2), clock);
        c.compose(QUESTION, hits);
        c.compose(QUESTION, hits);
        assertThat(server.requests()).hasSize(2);
        Answer skipped = c.compose(QUESTION, hits);
        assertThat(skipped.composer()).isEqualTo("extractive-fallback");
        assertThat(server.requests()).as("breaker open: the LLM is not called").hasSize(2);
        assertThat(c.failures()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        server.respondWith(r -> FakeLlmServer.Reply.text("Sochi [" + sochi + "]."));
        Answer back = c.compose(QUESTION, hits);
        assertThat(back.composer()).isEqualTo("openai");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void streamingDeliversGrowingTextThenTheCheckedAnswer() {
        server.respondWith(r -> FakeLlmServer.Reply.streamed(
                List.of("They ", "met ", "in ", "Sochi ", "[", String.valueOf(sochi), "]", ". Really [9]."), 20));
        List<String> partials = new CopyOnWriteArrayList<>();
        Answer a = composer(5, true, "fallback").compose(QUESTION, hits, partials::add);
        assertThat(server.requests().get(0).streaming()).isTrue();
        assertThat(partials).contains("They met in Sochi", "They met in Sochi [1]");
        assertThat(partials).noneMatch(p -> p.contains("[" + sochi) && sochi != 1);
        assertThat(a.text()).isEqualTo("They met in Sochi [1]. Really.");
        assertThat(a.citedArticleIds()).containsExactly(SOCHI_ARTICLE);
        assertThat(a.composer()).isEqualTo("openai");
    }

    @Test
    void apiKeyIsNeverLoggedNorPutInAnError() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("org.newsdesk");
        Level rootLevel = root.getLevel();
        Level ourLevel = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        ours.setLevel(Level.DEBUG);
        try {
            // Error bodies echo the Authorization header, as some proxies do.
            server.respondWith(r -> FakeLlmServer.Reply.status(500, "{\"error\":{\"message\":\"bad auth "
                    + r.header("Authorization") + "\"}}"));
            LlmComposer c = composer(5, false, "fallback");
            c.compose(QUESTION, hits);
            server.respondWith(r -> FakeLlmServer.Reply.status(401, "{\"error\":{\"message\":\"invalid key "
                    + r.header("Authorization") + "\"}}"));
            c.compose(QUESTION, hits);
            server.respondWith(r -> FakeLlmServer.Reply.text("Sochi [1]."));
            c.compose(QUESTION, hits);
            assertThat(c.failures()).isEqualTo(2);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).contains(KEY));
            String unreachable = "http://127.0.0.1:" + closedPort() + "/v1";
            assertThatThrownBy(() -> composer(settings(unreachable, 5, false, "fallback", 3), Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
            assertThat(settings(server.openAiUrl(), 5, false, "fallback", 3).toString()).doesNotContain(KEY);
        } finally {
            root.detachAppender(appender);
            root.setLevel(rootLevel);
            ours.setLevel(ourLevel);
        }
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            logged.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.add(t.getMessage());
            }
        }
        assertThat(logged).as("the failures were logged").anyMatch(m -> m.contains("LLM call failed (HTTP 500)"));
        assertThat(logged).noneMatch(m -> m != null && m.contains(KEY));
    }

    @Test
    void misconfiguredProviderIsOneLineNamingTheSetting() {
        NewsdeskConfig.Llm noKey = settings("", 5, false, "fallback", 3).withApiKey(null);
        assertThatThrownBy(() -> composer(noKey, Clock.systemUTC())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEWSDESK_OPENAI_API_KEY").hasMessageContaining("llm.base-url");
        String unreachable = "http://127.0.0.1:" + closedPort() + "/v1";
        assertThatThrownBy(() -> composer(settings(unreachable, 5, false, "fallback", 3), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("llm.base-url " + unreachable)
                .hasMessageContaining("unreachable").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> composer(settings("ftp://host/v1", 5, false, "fallback", 3), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("llm.base-url");
        // A local OpenAI-compatible server needs no key.
        LlmComposer local = composer(settings(server.openAiUrl(), 5, false, "fallback", 3).withApiKey(null),
                Clock.systemUTC());
        server.enqueue(FakeLlmServer.Reply.text("Sochi [1]."));
        assertThat(local.compose(QUESTION, hits).composer()).isEqualTo("openai");
    }

    @Test
    void ollamaProviderAnswersFromApiChat() {
        server.enqueue(FakeLlmServer.Reply.text("They met in Sochi [" + sochi + "]."));
        LlmComposer c = LlmProviders.create("ollama", settings(server.ollamaUrl(), 5, false, "fallback", 3),
                seed.answers().composer(), Clock.systemUTC());
        Answer a = c.compose(QUESTION, hits);
        assertThat(server.requests().get(0).path()).isEqualTo("/api/chat");
        assertThat(server.requests().get(0).prompt()).contains("Question: " + QUESTION);
        assertThat(a.composer()).isEqualTo("ollama");
        assertThat(a.text()).isEqualTo("They met in Sochi [1].");
        assertThat(a.citedArticleIds()).containsExactly(SOCHI_ARTICLE);
    }

    @Test
    void ollamaStreamingDeliversPartialText() {
        server.respondWith(r -> FakeLlmServer.Reply.streamed(List.of("They met ", "in Sochi [" + sochi + "]."), 10));
        LlmComposer c = LlmProviders.create("ollama", settings(server.ollamaUrl(), 5, true, "fallback", 3),
                seed.answers().composer(), Clock.systemUTC());
        List<String> partials = new CopyOnWriteArrayList<>();
        Answer a = c.compose(QUESTION, hits, partials::add);
        assertThat(server.requests().get(0).streaming()).isTrue();
        assertThat(partials).startsWith("They met");
        assertThat(a.text()).isEqualTo("They met in Sochi [1].");
    }

    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
