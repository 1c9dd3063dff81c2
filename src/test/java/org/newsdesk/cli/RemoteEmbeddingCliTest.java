package org.newsdesk.cli;

import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.eval.QaItem;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.FakeEmbeddingServer;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.testkit.LocalServer;
import org.newsdesk.testkit.LogCapture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's own commands with embeddings from a model server: a local server speaking OpenAI's
 * {@code /v1/embeddings}, the seed corpus, and 1536-d vectors (wider than Lucene's default limit of 1024).
 */
@Timeout(120)
class RemoteEmbeddingCliTest {
    private static final int DIMS = 1536;
    private static final String IDENTITY = "openai:fake-embed:1536d";

    @TempDir
    Path tmp;
    @RegisterExtension
    final StdStreams std = new StdStreams();

    @LocalServer
    private FakeEmbeddingServer server;
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeEach
    void start() {
        server.dimensions(DIMS);
    }

    private Path configFile(String model, int dims) throws IOException {
        return Files.writeString(tmp.resolve("newsdesk-" + model + "-" + dims + ".yaml"), """
                index:
                  embedding-provider: openai
                  embedding-base-url: %s
                  embedding-remote-model: %s
                  embedding-dimensions: %d
                  embed-batch-size: 8
                  embedding-concurrency: 2
                  embedding-max-retries: 1
                """.formatted(server.openAiUrl(), model, dims));
    }

    /** The file's settings over this test's data directory and the seed corpus. */
    private NewsdeskConfig load(Path file) {
        NewsdeskConfig c = new ConfigLoader().load(file);
        return new NewsdeskConfig(tmp.resolve("data"), TestFixtures.SEED_CORPUS, c.index(), c.search(), c.answer(),
                c.chat(), c.telegram(), c.llm());
    }

    private String[] withPlace(Path config, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--config", config.toString(), "--data-dir", tmp.resolve("data").toString(),
                "--corpus", TestFixtures.SEED_CORPUS.toString()));
        return args.toArray(String[]::new);
    }

    private List<JsonNode> askAll(Path config, List<String> questions) throws IOException {
        int before = std.out().length();
        System.setIn(new ByteArrayInputStream((String.join("\n", questions) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run(withPlace(config, "ask", "--json", "-"))).as(std.err()).isZero();
        List<JsonNode> answers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : std.out().substring(before).split("\n")) {
            if (!line.isBlank()) {
                answers.add(json.readTree(line));
            }
        }
        assertThat(answers).hasSize(questions.size());
        return answers;
    }

    private static Set<String> cited(JsonNode answer) {
        Set<String> ids = new java.util.HashSet<>();
        answer.get("citations").forEach(c -> ids.add(c.get("articleId").asText()));
        return ids;
    }

    private static boolean anyKnn(JsonNode answer) {
        for (JsonNode r : answer.get("retrieved")) {
            if (r.get("knnRank").asInt() > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void indexAndAskOverTheSeedCorpusWithTheRemoteProvider() throws IOException {
        Path config = configFile("fake-embed", DIMS);
        assertThat(Main.run(withPlace(config, "index"))).as(std.err()).isZero();
        List<FakeEmbeddingServer.Request> indexing = server.requests();
        int passages;
        try (App app = new App(load(config), Clock.systemUTC())) {
            passages = app.index().passageCount();
            assertThat(app.index().userData()).containsEntry("embedding-model", IDENTITY);
        }
        assertThat(indexing).isNotEmpty().allSatisfy(r -> assertThat(r.inputs().size()).isBetween(1, 8));
        assertThat(indexing.stream().mapToInt(r -> r.inputs().size()).sum()).isEqualTo(passages);

        List<QaItem> items = QaItem.read(TestFixtures.SEED_QA).stream().filter(QaItem::answerable).toList();
        List<JsonNode> answers = askAll(config, items.stream().map(QaItem::query).toList());
        for (int i = 0; i < items.size(); i++) {
            QaItem q = items.get(i);
            assertThat(answers.get(i).get("abstained").asBoolean()).as(q.query()).isFalse();
            assertThat(cited(answers.get(i))).as(q.query()).containsAnyElementsOf(q.goldArticles());
            assertThat(anyKnn(answers.get(i))).as("vector search used for " + q.query()).isTrue();
        }
        // Each question was embedded by the same server, as one text.
        List<FakeEmbeddingServer.Request> asking = server.requests().subList(indexing.size(), server.requests().size());
        assertThat(asking).hasSize(items.size()).allSatisfy(r -> assertThat(r.inputs()).hasSize(1));
    }

    @Test
    void anIncrementalReindexEmbedsOnlyTheNewFileAndKeepsTheWideVectors() throws IOException {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        NewsdeskConfig c = load(configFile("fake-embed", DIMS));
        c = new NewsdeskConfig(c.dataDir(), corpus, c.index(), c.search(), c.answer(), c.chat(), c.telegram(), c.llm());
        try (App app = new App(c, Clock.systemUTC())) {
            app.reindex().run(false, ReindexListener.NONE);
            int before = server.requests().size();
            Files.writeString(corpus.resolve("harbour.txt"),
                    "Harbour reopens\n\nThe harbour in Tromsø reopened on Monday after the storm.\n");
            ReindexResult r = app.reindex().run(false, ReindexListener.NONE);
            assertThat(r.full()).isFalse();
            assertThat(r.added()).isEqualTo(1);
            List<FakeEmbeddingServer.Request> added = server.requests().subList(before, server.requests().size());
            assertThat(added).singleElement().satisfies(q -> assertThat(q.inputs()).singleElement().asString()
                    .contains("Tromsø"));
            List<Hit> hits = app.searcher().search(SearchRequest.of("When did the harbour in Tromsø reopen?", 5,
                    SearchRequest.Mode.KNN));
            assertThat(hits).isNotEmpty();
            assertThat(hits.get(0).knnRank()).isEqualTo(1);
            assertThat(hits.get(0).passage().text()).contains("Tromsø");
            assertThat(hits).anySatisfy(h -> assertThat(h.passage().articleId()).isNotEqualTo(hits.get(0).passage().articleId()));
        }
    }

    @Test
    void aFailingServerCostsAQuestionItsVectorsAndFailsAReindexCleanly() throws IOException {
        Path config = configFile("fake-embed", DIMS);
        assertThat(Main.run(withPlace(config, "index"))).as(std.err()).isZero();
        String question = "Who heads the State Duma's International Affairs Committee?";
        JsonNode healthy = askAll(config, List.of(question)).get(0);
        assertThat(anyKnn(healthy)).isTrue();

        server.failAlways(500);
        JsonNode degraded = askAll(config, List.of(question)).get(0);
        assertThat(degraded.get("abstained").asBoolean()).isFalse();
        assertThat(cited(degraded)).isEqualTo(cited(healthy));
        assertThat(anyKnn(degraded)).isFalse();
        assertThat(logs.events()).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("answered from BM25 alone").contains("HTTP 500"));
        assertThat(std.err()).doesNotContain("\tat ");
        // A KNN-only search falls back to BM25 too, rather than to nothing.
        try (App app = new App(load(config), Clock.systemUTC())) {
            assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.KNN)))
                    .isNotEmpty().allSatisfy(h -> {
                        assertThat(h.knnRank()).isZero();
                        assertThat(h.bm25Rank()).isPositive();
                    });
        }

        std.resetErr();
        assertThat(Main.run(withPlace(config, "index", "--full"))).isEqualTo(1);
        assertThat(std.err()).contains("the previous index keeps serving").contains("HTTP 500")
                .doesNotContain("\tat ");
        assertThat(std.err().strip().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:.*")).count())
                .as("lines other than log lines: " + std.err()).isEqualTo(1);

        // The old generation still answers, with its vectors once the server is back.
        server.failAlways(0);
        JsonNode recovered = askAll(config, List.of(question)).get(0);
        assertThat(cited(recovered)).isEqualTo(cited(healthy));
        assertThat(anyKnn(recovered)).isTrue();
    }

    @Test
    void aProviderModelOrSizeChangeSwitchesVectorSearchOffUntilTheReindex() throws IOException {
        Path config = configFile("fake-embed", DIMS);
        assertThat(Main.run(withPlace(config, "index"))).as(std.err()).isZero();
        String question = "Who heads the State Duma's International Affairs Committee?";

        // Another remote model, and the same model at another size.
        for (Path changed : List.of(configFile("fake-embed-v2", DIMS), configFile("fake-embed", 768))) {
            NewsdeskConfig c = load(changed);
            try (App app = new App(c, Clock.systemUTC())) {
                assertThat(app.searcher().vectorSearchOff()).get().asString()
                        .contains(IDENTITY).contains(Embedder.identity(c.index())).contains("BM25 alone");
                int before = server.requests().size();
                List<Hit> hits = app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID));
                assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(h.knnRank()).isZero());
                assertThat(server.requests()).as("no question embedded for an index of another model").hasSize(before);
            }
        }

        // The local model over this index, and a remote model over the local seed index.
        try (App local = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), TestFixtures.SEED_CORPUS))) {
            assertThat(local.searcher().vectorSearchOff()).get().asString()
                    .contains(IDENTITY).contains(TestFixtures.embedder().name());
        }
        App seed = TestFixtures.seedApp();
        NewsdeskConfig remote = load(config);
        try (Embedder embedder = Embedder.load(remote.index())) {
            HybridSearcher searcher = new HybridSearcher(new LuceneEngine(seed.index(), seed.config().search()), embedder, seed.config().search());
            assertThat(searcher.vectorSearchOff()).get().asString().contains(TestFixtures.embedder().name()).contains(IDENTITY);
        }

        // The reindex after a change is a full one, and brings vector search back.
        NewsdeskConfig v2 = load(configFile("fake-embed-v2", DIMS));
        try (App app = new App(v2, Clock.systemUTC())) {
            ReindexResult r = app.reindex().run(false, ReindexListener.NONE);
            assertThat(r.full()).isTrue();
            assertThat(r.reason()).contains("embedding model changed");
            assertThat(app.searcher().vectorSearchOff()).isEmpty();
            assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))
                    .anySatisfy(h -> assertThat(h.knnRank()).isPositive());
            assertThat(server.requests()).extracting(FakeEmbeddingServer.Request::model)
                    .contains("fake-embed-v2");
        }
        assertThat(server.requests().stream().map(FakeEmbeddingServer.Request::model).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("fake-embed", "fake-embed-v2");
    }
}
