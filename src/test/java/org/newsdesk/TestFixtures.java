package org.newsdesk;

import org.newsdesk.app.App;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Embedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Expensive fixtures built once per test run and shared: the embedding model and an index of the seed corpus.
 * Surefire runs the whole suite in one JVM, so these statics are built once.
 */
public final class TestFixtures {
    /** The project's committed seed corpus (Maven runs tests from the project root). */
    public static final Path SEED_CORPUS = Path.of("corpus");
    public static final Path SEED_QA = Path.of("src/test/resources/seed-qa.jsonl");

    private static Embedder embedder;
    private static App seedApp;

    private TestFixtures() {
    }

    /** The built-in defaults, with no environment overrides, pointed at the given directories. */
    public static NewsdeskConfig config(Path dataDir, Path corpusDir) {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        return new NewsdeskConfig(dataDir, corpusDir, c.index(), c.search(), c.answer(), c.chat(), c.telegram(), c.llm());
    }

    public static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = Embedder.load(config(Path.of("unused"), SEED_CORPUS).index());
        }
        return embedder;
    }

    /** A fresh app over {@code dataDir} and {@code corpusDir} sharing the loaded model. */
    public static App app(NewsdeskConfig config) {
        return new App(config, Clock.systemUTC(), embedder());
    }

    /** An app whose index holds the seed corpus; shared, read-only: do not reindex it. */
    public static synchronized App seedApp() {
        if (seedApp == null) {
            try {
                Path data = Files.createTempDirectory("newsdesk-seed");
                seedApp = app(config(data, SEED_CORPUS));
                seedApp.reindex().run(false, p -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seedApp;
    }

    /**
     * An app over a small corpus of its own, indexed: {@code articles} are JSONL lines (see {@link #article}) written
     * to {@code dir}/corpus/articles.jsonl, the index under {@code dir}/data. For a test class's own fixture.
     */
    public static App appOver(Path dir, String... articles) throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("articles.jsonl"), String.join("\n", articles));
        App app = app(config(dir.resolve("data"), corpus));
        app.reindex().run(false, p -> { });
        return app;
    }

    /** One article as a corpus JSONL line; {@code published} an ISO date-time ("2023-10-05T10:00:00Z"). */
    public static String article(String id, String title, String source, String published, String body) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("id", id)
                .put("title", title).put("source", source).put("url", "https://" + id + ".example/" + id)
                .put("published", published).put("body", body);
        return json.toString();
    }

    /** An unrelated article, so that a fixture's questions have something to tell their article from. */
    public static String gardeningArticle() {
        return article("x1", "Gardening in winter", "Wired", "2023-10-01T10:00:00Z", "Frost covers the beds in "
                + "winter, and gardeners cover their plants with fleece every night.");
    }

    /** Copies the seed corpus into {@code dir} (for tests that change files). */
    public static void copySeedCorpus(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(SEED_CORPUS)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
