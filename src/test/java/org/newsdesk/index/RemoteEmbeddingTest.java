package org.newsdesk.index;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.testkit.LocalServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The remote embedding providers against a local server speaking the real OpenAI and Ollama protocols. */
@Timeout(60)
class RemoteEmbeddingTest {
    static final String KEY = "sk-test-7f3a9c1e5b2d4680";
    private static final Duration BACKOFF = Duration.ofMillis(100);

    @LocalServer
    private FakeEmbeddingServer server;
    private final List<Embedder> open = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.dimensions(256);
    }

    @AfterEach
    void stop() {
        open.forEach(Embedder::close);
    }

    /** Settings as a user would give them: through the environment, the key in NEWSDESK_EMBEDDING_API_KEY. */
    static NewsdeskConfig.Index settings(String provider, String url, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("NEWSDESK_INDEX_EMBEDDING_PROVIDER", provider);
        env.put("NEWSDESK_INDEX_EMBEDDING_BASE_URL", url);
        env.putIfAbsent("NEWSDESK_INDEX_EMBEDDING_REMOTE_MODEL", "fake-embed");
        env.putIfAbsent("NEWSDESK_INDEX_EMBEDDING_DIMENSIONS", "256");
        env.putIfAbsent("NEWSDESK_EMBEDDING_API_KEY", KEY);
        return new ConfigLoader().load(null, env).index();
    }

    private Embedder openAi(Map<String, String> more) {
        Embedder e = Embedder.remote(settings("openai", server.openAiUrl(), more), BACKOFF);
        open.add(e);
        return e;
    }

    private static List<String> texts(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("Passage " + i + " about harbour number " + (i * 7) + " and ferry " + (i % 3));
        }
        return texts;
    }

    private static void assertNormalisedVectorsOf(List<String> texts, List<float[]> vectors, int dims) {
        assertThat(vectors).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] raw = FakeEmbeddingServer.rawVector(texts.get(i), dims);
            double norm = 0;
            for (float x : raw) {
                norm += x * x;
            }
            float[] got = vectors.get(i);
            assertThat(got).hasSize(dims);
            double gotNorm = 0;
            for (int d = 0; d < dims; d++) {
                assertThat(got[d]).as("text %d dimension %d", i, d).isCloseTo((float) (raw[d] / Math.sqrt(norm)), within(1e-5f));
                gotNorm += got[d] * got[d];
            }
            assertThat(gotNorm).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void passagesGoInBatchesWithBoundedConcurrencyAndComeBackInOrder() {
        server.delay(150);
        Embedder embedder = openAi(Map.of("NEWSDESK_INDEX_EMBED_BATCH_SIZE", "4", "NEWSDESK_INDEX_EMBEDDING_CONCURRENCY", "2"));
        assertThat(embedder.name()).isEqualTo("openai:fake-embed:256d");
        assertThat(embedder.dimension()).isEqualTo(256);
        assertThat(embedder.parallelBatches()).isEqualTo(2);
        List<String> texts = texts(10);
        List<float[]> vectors = embedder.embedAll(texts);

        assertNormalisedVectorsOf(texts, vectors, 256);
        List<FakeEmbeddingServer.Request> requests = server.requests();
        assertThat(requests).extracting(r -> r.inputs().size()).containsExactlyInAnyOrder(4, 4, 2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/embeddings");
            assertThat(r.model()).isEqualTo("fake-embed");
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
        });
        assertThat(requests.stream().flatMap(r -> r.inputs().stream())).containsExactlyInAnyOrderElementsOf(texts);
        assertThat(server.maxInFlight()).as("requests in flight at once").isEqualTo(2);
    }

    @Test
    void openAiItselfNeedsAKeyAndOtherServersDoNot() {
        Map<String, String> noKey = Map.of("NEWSDESK_EMBEDDING_API_KEY", "");
        assertThatThrownBy(() -> Embedder.load(settings("openai", "", noKey)))
                .isInstanceOf(org.newsdesk.config.ConfigException.class)
                .hasMessageContaining("NEWSDESK_EMBEDDING_API_KEY").hasMessageContaining("index.embedding-base-url");
        Embedder keyless = Embedder.remote(settings("openai", server.openAiUrl() + "/", noKey), BACKOFF);
        open.add(keyless);
        assertThat(keyless.embedQuery("a question")).hasSize(256);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/embeddings");
            assertThat(r.authorization()).isEqualTo("Bearer not-needed");
        });
    }

    @Test
    void aQuestionIsOneRequestOfOneText() {
        Embedder embedder = openAi(Map.of());
        float[] v = embedder.embedQuery("Where did the ferry go?");
        assertNormalisedVectorsOf(List.of("Where did the ferry go?"), List.of(v), 256);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.inputs()).containsExactly("Where did the ferry go?"));
    }

    @Test
    void rateLimitedThenServed() {
        server.failNext(429);
        Embedder embedder = openAi(Map.of());
        List<String> texts = texts(3);
        assertNormalisedVectorsOf(texts, embedder.embedAll(texts), 256);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).inputs()).isEqualTo(server.requests().get(0).inputs());
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() {
        server.failNext(500, 503);
        Embedder embedder = openAi(Map.of());
        List<String> texts = texts(2);
        assertNormalisedVectorsOf(texts, embedder.embedAll(texts), 256);
        List<FakeEmbeddingServer.Request> r = server.requests();
        assertThat(r).hasSize(3);
        long firstGap = (r.get(1).arrivedNanos() - r.get(0).arrivedNanos()) / 1_000_000;
        long secondGap = (r.get(2).arrivedNanos() - r.get(1).arrivedNanos()) / 1_000_000;
        assertThat(firstGap).as("first wait, ms").isGreaterThanOrEqualTo(BACKOFF.toMillis());
        assertThat(secondGap).as("second wait, ms").isGreaterThanOrEqualTo(2 * BACKOFF.toMillis());
    }

    @Test
    void retriesEndAndTheErrorSaysHowManyAttempts() {
        server.failAlways(503);
        Embedder embedder = openAi(Map.of("NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "2"));
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("failed after 3 attempts")
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining(server.openAiUrl());
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aQuestionIsRetriedOnceOnly() {
        server.failAlways(503);
        Embedder embedder = openAi(Map.of("NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "5"));
        assertThatThrownBy(() -> embedder.embedQuery("Where did the ferry go?"))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("failed after 2 attempts");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aBadRequestIsNotRetriedAndSaysWhatTheServerSaid() {
        server.failNext(400);
        Embedder embedder = openAi(Map.of());
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("refused the request")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("scripted failure 400")
                .hasMessageContaining("model fake-embed");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aWrongKeyIsNotRetriedAndTheKeyIsNeverRepeated() {
        server.failNext(401).echoAuthorization();
        Embedder embedder = openAi(Map.of());
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("NEWSDESK_EMBEDDING_API_KEY")
                .hasMessageContaining("<redacted>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerWithAnotherVectorSizeIsAClearErrorNamingTheSetting() {
        server.dimensions(768);
        Embedder embedder = openAi(Map.of());
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("returned 768-d vectors but index.embedding-dimensions is 256")
                .hasMessageContaining("set index.embedding-dimensions to 768");
        assertThatThrownBy(() -> embedder.embedQuery("a question"))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("index.embedding-dimensions");
    }

    @Test
    void aSlowServerTimesOut() {
        server.delay(3000);
        Embedder embedder = openAi(Map.of("NEWSDESK_INDEX_EMBEDDING_TIMEOUT_SECONDS", "1",
                "NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "0"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("failed after 1 attempt: timed out");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until the error").isLessThan(2900);
    }

    @Test
    void aHungServerCostsOneQuestionItsTimeoutThenQuestionsSkipIt() {
        server.delay(4000);
        Embedder embedder = openAi(Map.of("NEWSDESK_INDEX_EMBEDDING_QUESTION_TIMEOUT_SECONDS", "1"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> embedder.embedQuery("Where did the ferry go?"))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("failed after 2 attempts");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for two 1-s attempts").isBetween(2000L, 3900L);
        assertThat(server.requests()).hasSize(2);

        long t1 = System.nanoTime();
        assertThatThrownBy(() -> embedder.embedQuery("And the harbour?"))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("questions skip it for another");
        assertThat((System.nanoTime() - t1) / 1_000_000).as("ms for a skipped question").isLessThan(500L);
        assertThat(server.requests()).as("the paused server is not asked").hasSize(2);
    }

    @Test
    void aRefusedQuestionDoesNotPauseTheNext() {
        server.failNext(400);
        Embedder embedder = openAi(Map.of());
        assertThatThrownBy(() -> embedder.embedQuery("a question")).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 400");
        assertThat(embedder.embedQuery("another question")).hasSize(256);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aMalformedReplyIsAClearErrorAndNotRetried() {
        server.malformed();
        Embedder embedder = openAi(Map.of());
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("the embedding server " + server.openAiUrl())
                .hasMessageContaining(" failed: ");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnreachableServerIsNamedAsSuch() throws IOException {
        String url = server.openAiUrl();
        server.close();
        Embedder embedder = Embedder.remote(settings("openai", url, Map.of("NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "1")), BACKOFF);
        open.add(embedder);
        assertThatThrownBy(() -> embedder.embedAll(texts(2)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("the embedding server " + url)
                .hasMessageContaining("failed after 2 attempts: cannot connect");
    }

    @Test
    void ollamaSpeaksItsOwnProtocol() {
        server.failNext(503);
        Embedder embedder = Embedder.remote(settings("ollama", server.ollamaUrl(),
                Map.of("NEWSDESK_INDEX_EMBED_BATCH_SIZE", "3", "NEWSDESK_INDEX_EMBEDDING_CONCURRENCY", "1")), BACKOFF);
        open.add(embedder);
        assertThat(embedder.name()).isEqualTo("ollama:fake-embed:256d");
        List<String> texts = texts(5);
        assertNormalisedVectorsOf(texts, embedder.embedAll(texts), 256);
        List<FakeEmbeddingServer.Request> requests = server.requests();
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/embed");
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
        });
        // One retried (503), then batches of three and two.
        assertThat(requests).extracting(r -> r.inputs().size()).containsExactly(3, 3, 2);

        server.dimensions(300);
        assertThatThrownBy(() -> embedder.embedQuery("a question")).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("300-d").hasMessageContaining("index.embedding-dimensions");
    }

    @Test
    void theKeyIsInNoLogLineNoErrorAndNoSettingsPrintout() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Map<String, Level> old = new HashMap<>();
        for (String name : List.of("dev.langchain4j", "org.newsdesk", "jdk.internal.httpclient")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            old.put(name, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        List<String> messages = new ArrayList<>();
        try {
            server.failNext(429, 500, 401).echoAuthorization();
            Embedder embedder = openAi(Map.of());
            try {
                embedder.embedAll(texts(2));
            } catch (EmbeddingException e) {
                messages.add(e.getMessage());
                messages.add(String.valueOf(e.getCause()));
            }
            server.failNext(503, 503);
            try {
                embedder.embedQuery("a question");
            } catch (EmbeddingException e) {
                messages.add(e.getMessage());
            }
            messages.add(settings("openai", server.openAiUrl(), Map.of()).toString());
        } finally {
            root.detachAppender(appender);
            old.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }
        // The key did travel (as a bearer token), and the retries were logged: the checks below look at real output.
        assertThat(server.requests()).hasSize(5).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
        assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("retry 1 of"));
        assertThat(messages).hasSize(4).anySatisfy(m -> assertThat(m).contains("HTTP 401"))
                .anySatisfy(m -> assertThat(m).contains("embeddingApiKey=<redacted>"));
        for (ILoggingEvent e : appender.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(KEY);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(KEY);
            }
        }
        assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(KEY));
    }
}
