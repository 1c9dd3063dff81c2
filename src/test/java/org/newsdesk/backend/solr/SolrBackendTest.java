package org.newsdesk.backend.solr;

import org.apache.lucene.analysis.Analyzer;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.FieldAnalysisResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.TestFixtures;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.embedded.JettySolrRunner;
import org.newsdesk.answer.Answer;
import org.newsdesk.app.App;
import org.newsdesk.backend.solr.SolrArchive;
import org.newsdesk.backend.solr.SolrCollectionStore;
import org.newsdesk.chat.ChatType;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusReader;
import org.newsdesk.eval.QaItem;
import org.newsdesk.index.ArchiveUnavailableException;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.FakeEmbeddingServer;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.PassageSplitter;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.index.SentenceTerms;
import org.newsdesk.search.Hit;
import org.newsdesk.search.SearchRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SolrCloud backend against a real 2-node SolrCloud (embedded ZooKeeper + two Jetty nodes), started once for
 * all these tests and stopped at the end. Every collection has 2 shards x 2 replicas, so each shard has a replica on
 * both nodes.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SolrBackendTest {
    private LocalSolrCloud cloud;
    private Path work;
    /** The seed corpus indexed through the product's reindex into alias "seed". */
    private App seed;

    @BeforeAll
    void startCluster() throws Exception {
        work = Files.createTempDirectory("newsdesk-solr-test");
        cloud = LocalSolrCloud.start(2, work.resolve("cluster"));
        seed = app("seed", work.resolve("seed-data"), TestFixtures.SEED_CORPUS, Map.of());
        seed.reindex().run(false, ReindexListener.NONE);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (seed != null) {
            seed.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    /** The product's configuration, through its environment path, pointed at the local cluster. */
    private NewsdeskConfig config(String alias, Path data, Path corpus, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("NEWSDESK_SEARCH_BACKEND", "solr",
                "NEWSDESK_SOLR_ZK_HOSTS", cloud.zkHost(), "NEWSDESK_SOLR_ZK_CHROOT", cloud.zkChroot(),
                "NEWSDESK_SOLR_COLLECTION", alias, "NEWSDESK_SOLR_SHARDS", "2", "NEWSDESK_SOLR_REPLICAS", "2",
                "NEWSDESK_SOLR_TIMEOUT_SECONDS", "10",
                "NEWSDESK_DATA_DIR", data.toString(), "NEWSDESK_CORPUS_DIR", corpus.toString()));
        env.putAll(more);
        return new ConfigLoader().load(null, env);
    }

    private App app(String alias, Path data, Path corpus, Map<String, String> more) {
        return TestFixtures.app(config(alias, data, corpus, more));
    }

    @Test
    @Order(1)
    void seedCorpusIsInTheAliasWithTheLuceneBackendsPassages() {
        assertThat(seed.archive().exists()).isTrue();
        assertThat(seed.archive().passageCount()).isEqualTo(TestFixtures.seedApp().index().passageCount());
        assertThat(seed.archive().describe()).contains("seed_");
    }
    @Test
    @Order(2)
    void textAnalysisEqualsTheLuceneBackendsTokenForToken() throws Exception {
        NewsdeskConfig c = seed.config();
        CorpusReader corpus = new CorpusReader(TestFixtures.SEED_CORPUS);
        PassageSplitter splitter = PassageSplitter.of(c.index());
        Analyzer lucene = PassageDocuments.analyzer();
        String collection = liveCollection("seed");
        int texts = 0;
        int tokens = 0;
        for (var file : corpus.listFiles()) {
            for (Article a : corpus.parse(file).articles()) {
                for (var p : splitter.split(a)) {
                    // What the text field holds: the metadata header line, then the passage.
                    String text = p.header() + "\n" + p.text();
                    List<String> expected = new ArrayList<>();
                    SentenceTerms.forEachTerm(lucene, text, expected::add);
                    FieldAnalysisResponse r = new FieldAnalysisRequest().setFieldTypes(List.of("text_en"))
                            .setFieldValue(text).process(cloud.cluster().getSolrClient(), collection);
                    List<String> actual = new ArrayList<>();
                    AnalysisResponseBase.AnalysisPhase last = null;
                    for (AnalysisResponseBase.AnalysisPhase phase : r.getFieldTypeAnalysis("text_en").getIndexPhases()) {
                        last = phase;
                    }
                    last.getTokens().forEach(t -> actual.add(t.getText()));
                    assertThat(actual).as(p.id()).isEqualTo(expected);
                    texts++;
                    tokens += expected.size();
                }
            }
        }
        assertThat(texts).isGreaterThan(10);
        assertThat(tokens).isGreaterThan(1000);
    }

    @Test
    @Order(3)
    void seedQuestionsCiteTheSameArticlesAsTheLuceneBackend() throws Exception {
        App lucene = TestFixtures.seedApp();
        List<QaItem> items = QaItem.read(TestFixtures.SEED_QA);
        assertThat(items).hasSizeGreaterThan(10);
        List<String> differ = new ArrayList<>();
        for (QaItem q : items) {
            Answer l = lucene.answers().ask(q.query());
            Answer s = seed.answers().ask(q.query());
            assertThat(s.abstained()).as(q.query()).isEqualTo(l.abstained());
            assertThat(s.citedArticleIds()).as(q.query()).isEqualTo(l.citedArticleIds());
            List<String> lh = ids(lucene.searcher().search(SearchRequest.of(q.query(), 10, SearchRequest.Mode.HYBRID)));
            List<String> sh = ids(seed.searcher().search(SearchRequest.of(q.query(), 10, SearchRequest.Mode.HYBRID)));
            if (!lh.equals(sh)) {
                differ.add(q.query() + "\n  lucene " + lh + "\n  solr   " + sh);
            }
        }
        // Global BM25 statistics (ExactStatsCache), ties in write order and the same fusion code: the same rankings,
        // not just the same citations.
        assertThat(differ).isEmpty();
        // The time filter and the newest-first order run above the engine too.
        for (var range : List.of(new java.time.LocalDate[]{java.time.LocalDate.of(1990, 1, 1), java.time.LocalDate.of(2100, 1, 1)},
                new java.time.LocalDate[]{java.time.LocalDate.of(1990, 1, 1), java.time.LocalDate.of(1990, 1, 2)})) {
            SearchRequest r = new SearchRequest("What did Kerry and Lavrov discuss?", 10, SearchRequest.Mode.HYBRID,
                    range[0], range[1], true);
            List<String> got = ids(seed.searcher().search(r));
            assertThat(got).isEqualTo(ids(lucene.searcher().search(r)));
            // The wide range holds the seed articles, the one day in 1990 none.
            assertThat(got.isEmpty()).isEqualTo(range[0].plusDays(1).equals(range[1]));
        }
        // A chat's archive is a filter in the engine (an fq on origin): corpus-dir's passages are "corpus".
        SearchRequest all = SearchRequest.of("What did Kerry and Lavrov discuss?", 10, SearchRequest.Mode.HYBRID);
        List<String> unrestricted = ids(seed.searcher().search(all));
        assertThat(unrestricted).isNotEmpty();
        assertThat(ids(seed.searcher().search(all.within(java.util.Set.of("corpus", "sport"))))).isEqualTo(unrestricted)
                .isEqualTo(ids(lucene.searcher().search(all.within(java.util.Set.of("corpus")))));
        assertThat(seed.searcher().search(all.within(java.util.Set.of("sport")))).isEmpty();
        assertThat(lucene.searcher().search(all.within(java.util.Set.of("sport")))).isEmpty();
    }

    @Test
    @Order(4)
    void hostileQueryTextChangesNothing() {
        App lucene = TestFixtures.seedApp();
        List<String> hostile = List.of("{!lucene}*:*", "*:*", "Kerry Moscow {!lucene}*:*", "\"unbalanced quote Lavrov",
                "AND OR NOT", "Lavrov AND OR NOT Kerry", "title:* OR id:*", "Putin)) AND (", "\\", "{!knn f=vector topK=1}[1]",
                "Obama^100 Moscow~2 meta:[* TO *]");
        for (String q : hostile) {
            for (SearchRequest.Mode mode : List.of(SearchRequest.Mode.BM25, SearchRequest.Mode.HYBRID)) {
                List<String> expected = ids(lucene.searcher().search(SearchRequest.of(q, 10, mode)));
                assertThat(ids(seed.searcher().search(SearchRequest.of(q, 10, mode)))).as(q + " " + mode).isEqualTo(expected);
            }
        }
        // Parsed as syntax, "*:*" would match every passage; as text it is nothing.
        assertThat(seed.searcher().search(SearchRequest.of("{!lucene}*:*", 10, SearchRequest.Mode.BM25)).size())
                .isLessThan(seed.archive().passageCount());
    }

    @Test
    @Order(5)
    void fullReindexMovesTheAliasWhileAReaderKeepsGettingAnswers() throws Exception {
        String before = liveCollection("seed");
        String question = "Which airport did Kerry's plane land at in Moscow?";
        List<String> expected = ids(seed.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)));
        assertThat(expected).isNotEmpty();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    List<String> got = ids(seed.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)));
                    if (got.equals(expected)) {
                        answered.incrementAndGet();
                    } else {
                        wrong.add(got.toString());
                    }
                } catch (RuntimeException e) {
                    wrong.add(e.toString());
                }
            }
        });
        reader.start();
        ReindexResult result;
        try {
            result = seed.reindex().run(true, ReindexListener.NONE);
        } finally {
            stop.set(true);
            reader.join();
        }
        String after = liveCollection("seed");
        assertThat(after).isNotEqualTo(before).isEqualTo(result.generation());
        assertThat(wrong).isEmpty();
        assertThat(answered.get()).isGreaterThan(0);
        assertThat(collections()).contains(after).doesNotContain(before);
        assertThat(new SolrCollectionStore(seed.db()).live("seed").orElseThrow().collection()).isEqualTo(after);
        assertThat(ids(seed.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))).isEqualTo(expected);
    }

    @Test
    @Order(6)
    void aFailureMidBuildLeavesTheOldCollectionLive() throws Exception {
        String before = liveCollection("seed");
        List<String> collectionsBefore = collections();
        Embedder failing = Embedder.of(TestFixtures.embedder().name(), new FailingAfterFirstBatch(TestFixtures.embedder()));
        NewsdeskConfig c = config("seed", seed.config().dataDir(), TestFixtures.SEED_CORPUS,
                Map.of("NEWSDESK_INDEX_EMBED_BATCH_SIZE", "8"));
        try (App broken = new App(c, Clock.systemUTC(), failing)) {
            assertThatThrownBy(() -> broken.reindex().run(true, ReindexListener.NONE))
                    .isInstanceOf(IndexException.class).hasMessageContaining("model server gone");
        }
        assertThat(liveCollection("seed")).isEqualTo(before);
        assertThat(collections()).isEqualTo(collectionsBefore);
        assertThat(new SolrCollectionStore(seed.db()).live("seed").orElseThrow().collection()).isEqualTo(before);
        assertThat(seed.answers().ask("Which airport did Kerry's plane land at in Moscow?").abstained()).isFalse();
    }

    @Test
    @Order(7)
    void incrementalReindexUpdatesInPlaceAndMatchesTheLuceneBackend() throws Exception {
        Path corpus = work.resolve("incr-corpus");
        TestFixtures.copySeedCorpus(corpus);
        try (App solr = app("incr", work.resolve("incr-data"), corpus, Map.of())) {
            solr.reindex().run(false, ReindexListener.NONE);
            String collection = liveCollection("incr");
            List<Path> files;
            try (var list = Files.list(corpus)) {
                files = list.sorted().toList();
            }
            Files.delete(files.get(0));
            Files.writeString(files.get(1), Files.readString(files.get(1))
                    + "\n\nThe zorblaxian delegation arrived at the summit late on Tuesday evening.\n");
            ReindexResult r = solr.reindex().run(false, ReindexListener.NONE);
            assertThat(r.full()).isFalse();
            assertThat(r.removed()).isEqualTo(1);
            assertThat(r.updated()).isEqualTo(1);
            assertThat(liveCollection("incr")).isEqualTo(collection); // in place: no new collection
            try (App lucene = TestFixtures.app(TestFixtures.config(work.resolve("incr-lucene"), corpus))) {
                lucene.reindex().run(false, ReindexListener.NONE);
                assertThat(solr.archive().passageCount()).isEqualTo(lucene.index().passageCount()).isEqualTo(r.passages());
                String q = "Which delegation arrived at the summit late on Tuesday evening?";
                assertThat(ids(solr.searcher().search(SearchRequest.of(q, 10, SearchRequest.Mode.HYBRID))))
                        .isEqualTo(ids(lucene.searcher().search(SearchRequest.of(q, 10, SearchRequest.Mode.HYBRID))));
            }
            List<Hit> zorblax = solr.searcher().search(SearchRequest.of("zorblaxian delegation", 3, SearchRequest.Mode.BM25));
            assertThat(zorblax).isNotEmpty();
            assertThat(zorblax.get(0).passage().text()).contains("zorblaxian");
        }
    }

    @Test
    @Order(8)
    void stoppingOneNodeKeepsQuestionsAnsweredAndALostShardSaysUnavailableThenRecovers() throws Exception {
        Path oneFile = work.resolve("one-file-corpus");
        Files.createDirectories(oneFile);
        try (var list = Files.list(TestFixtures.SEED_CORPUS)) {
            Path first = list.sorted().findFirst().orElseThrow();
            Files.copy(first, oneFile.resolve(first.getFileName()));
        }
        String question = "Which airport did Kerry's plane land at in Moscow?";
        List<String> expected = ids(seed.searcher().search(SearchRequest.of(question, 10, SearchRequest.Mode.HYBRID)));
        try (App single = app("single", work.resolve("single-data"), oneFile,
                Map.of("NEWSDESK_SOLR_SHARDS", "1", "NEWSDESK_SOLR_REPLICAS", "1", "NEWSDESK_CHAT_ADMINS", "7"))) {
            single.reindex().run(false, ReindexListener.NONE);
            // /reindex and /stats from the chat work as on the Lucene backend.
            String first = liveCollection("single");
            Captured admin = new Captured();
            single.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, "/reindex full", 10, false), admin);
            await().atMost(java.time.Duration.ofSeconds(120)).until(() -> admin.texts.get(0).startsWith("Reindex finished"));
            assertThat(admin.texts.get(0)).startsWith("Reindex finished. Full rebuild");
            assertThat(liveCollection("single")).isNotEqualTo(first);
            single.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, "/stats", 11, false), admin);
            assertThat(admin.texts.get(1)).contains("Index: 1 articles, " + single.archive().passageCount() + " passages");
            assertThat(single.archive().passageCount()).isPositive();
            String singleCollection = liveCollection("single");
            CloudSolrClient client = cloud.cluster().getSolrClient();
            DocCollection state = client.getClusterState().getCollection(singleCollection);
            String node = state.getReplicas().get(0).getNodeName();
            JettySolrRunner jetty = cloud.cluster().getJettySolrRunners().stream()
                    .filter(j -> node.equals(j.getNodeName())).findFirst().orElseThrow();
            cloud.cluster().stopJettySolrRunner(jetty);
            cloud.cluster().waitForJettyToStop(jetty);
            try {
                // Each shard of the 2x2 collection still has a replica on the other node.
                assertThat(ids(seed.searcher().search(SearchRequest.of(question, 10, SearchRequest.Mode.HYBRID))))
                        .isEqualTo(expected);
                assertThat(seed.answers().ask(question).abstained()).isFalse();
                // The 1x1 collection's only replica is gone: the user gets one plain sentence, the admin the cause.
                assertThatThrownBy(() -> single.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))
                        .isInstanceOf(ArchiveUnavailableException.class);
                Captured out = new Captured();
                single.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, question, 1, false), out);
                assertThat(out.texts).hasSize(1);
                assertThat(out.texts.get(0)).isEqualTo("The archive is temporarily unavailable. Please try again in a minute.");
                assertThat(out.texts.get(0)).doesNotContain("Exception").doesNotContain("\tat ");
                single.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, "/stats", 2, false), out);
                assertThat(out.texts.get(1)).contains("Archive last unavailable");
            } finally {
                cloud.cluster().startJettySolrRunner(jetty);
            }
            cloud.cluster().waitForActiveCollection(singleCollection, 60, TimeUnit.SECONDS, 1, 1);
            // Nothing restarted on our side: the next question simply works again.
            List<Hit> hits = await().atMost(java.time.Duration.ofSeconds(60)).ignoreException(ArchiveUnavailableException.class)
                    .until(() -> single.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)),
                            java.util.Objects::nonNull);
            assertThat(hits).isNotEmpty();
            Captured out = new Captured();
            single.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, question, 3, false), out);
            assertThat(out.texts.get(0)).doesNotContain("temporarily unavailable");
        }
        cloud.cluster().waitForActiveCollection(liveCollection("seed"), 60, TimeUnit.SECONDS, 2, 4);
    }

    @Test
    @Order(9)
    void badConfigurationStopsStartUpWithOneLineNamingTheSetting() throws Exception {
        Path data = work.resolve("bad-data");
        // ZooKeeper unreachable.
        assertThatThrownBy(() -> app("seed", data, TestFixtures.SEED_CORPUS,
                Map.of("NEWSDESK_SOLR_ZK_HOSTS", "127.0.0.1:1", "NEWSDESK_SOLR_TIMEOUT_SECONDS", "2")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("solr.zk-hosts").hasMessageNotContaining("\n");
        // Wrong credentials; the right ones pass.
        assertThatThrownBy(() -> app("seed", data, TestFixtures.SEED_CORPUS,
                Map.of("NEWSDESK_SOLR_USERNAME", LocalSolrCloud.USER, "NEWSDESK_SOLR_PASSWORD", "wrong-secret")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("NEWSDESK_SOLR_USERNAME")
                .hasMessageNotContaining("wrong-secret").hasMessageNotContaining("\n");
        try (App ok = app("seed", data, TestFixtures.SEED_CORPUS,
                Map.of("NEWSDESK_SOLR_USERNAME", LocalSolrCloud.USER, "NEWSDESK_SOLR_PASSWORD", LocalSolrCloud.PASSWORD))) {
            assertThat(ok.archive().passageCount()).isEqualTo(seed.archive().passageCount());
            assertThat(ok.config().solr().toString()).doesNotContain(LocalSolrCloud.PASSWORD);
        }
        // The alias went away although the bookkeeping says it was live.
        Path oneFile = work.resolve("one-file-corpus");
        Path vanishData = work.resolve("vanish-data");
        try (App vanish = app("vanish", vanishData, oneFile, Map.of("NEWSDESK_SOLR_SHARDS", "1", "NEWSDESK_SOLR_REPLICAS", "1"))) {
            vanish.reindex().run(false, ReindexListener.NONE);
        }
        CollectionAdminRequest.deleteAlias("vanish").process(cloud.cluster().getSolrClient());
        assertThatThrownBy(() -> app("vanish", vanishData, oneFile, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("solr.collection").hasMessageContaining("vanish")
                .hasMessageNotContaining("\n");
        // An existing collection with another vector dimension.
        Path conf = work.resolve("dim16-conf");
        Files.createDirectories(conf);
        for (String f : List.of("solrconfig.xml", "schema.xml")) {
            try (var in = SolrArchive.class.getResourceAsStream("/solr/newsdesk/conf/" + f)) {
                Files.writeString(conf.resolve(f), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("vectorDimension=\"384\"", "vectorDimension=\"16\""));
            }
        }
        cloud.cluster().uploadConfigSet(conf, "dim16");
        CollectionAdminRequest.createCollection("dim16_c", "dim16", 1, 1).process(cloud.cluster().getSolrClient());
        CollectionAdminRequest.createAlias("dim16", "dim16_c").process(cloud.cluster().getSolrClient());
        assertThatThrownBy(() -> app("dim16", work.resolve("dim16-data"), oneFile, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("solr.collection").hasMessageContaining("16-d")
                .hasMessageContaining("index.embedding-dimensions 16").hasMessageNotContaining("\n");
    }

    @Test
    @Order(10)
    void growthBenchmarkGainsASolrColumn() throws Exception {
        NewsdeskConfig c = config("bench", work.resolve("bench-data"), TestFixtures.SEED_CORPUS, Map.of());
        Path outDir = work.resolve("bench-out");
        new org.newsdesk.bench.GrowthBench(c, null, new org.newsdesk.bench.GrowthBench.Options(List.of(120),
                TestFixtures.SEED_QA, outDir, work.resolve("bench-work"), 2, 10, 0, 7L, false),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8)).run();
        var row = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(outDir.resolve("growth.json")))
                .get("sizes").get(0);
        assertThat(row.has("solrError")).as(row.toString()).isFalse();
        assertThat(row.get("solrPassages").asInt()).isEqualTo(120);
        assertThat(row.get("solrBuildSeconds").asDouble()).isPositive();
        assertThat(row.get("solrIndexBytes").asLong()).isPositive();
        assertThat(row.get("solrQueryP95Ms").asDouble()).isGreaterThanOrEqualTo(row.get("solrQueryP50Ms").asDouble()).isPositive();
        assertThat(row.get("solrKnnQueryP95Ms").asDouble()).isPositive();
        // The benchmark's collection and alias are gone afterwards.
        assertThat(CollectionAdminRequest.listCollections(cloud.cluster().getSolrClient())).noneMatch(n -> n.startsWith("bench-growth"));
    }

    /** A model server's settings (the fake OpenAI-compatible server of the remote embedding tests). */
    private static Map<String, String> remote(FakeEmbeddingServer server, String provider, String model, int dims) {
        return Map.of("NEWSDESK_INDEX_EMBEDDING_PROVIDER", provider,
                "NEWSDESK_INDEX_EMBEDDING_BASE_URL", provider.equals("ollama") ? server.ollamaUrl() : server.openAiUrl(),
                "NEWSDESK_INDEX_EMBEDDING_REMOTE_MODEL", model, "NEWSDESK_INDEX_EMBEDDING_DIMENSIONS", String.valueOf(dims),
                "NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "0",
                "NEWSDESK_SOLR_SHARDS", "1", "NEWSDESK_SOLR_REPLICAS", "1", "NEWSDESK_CHAT_ADMINS", "7");
    }

    /** The vectorDimension of a collection's vector field, as the cluster has it. */
    private int schemaDimension(String collection) throws Exception {
        var client = cloud.cluster().getSolrClient();
        String type = String.valueOf(new SchemaRequest.Field(PassageDocuments.VECTOR).process(client, collection)
                .getField().get("type"));
        return Integer.parseInt(new SchemaRequest.FieldType(type).process(client, collection).getFieldType()
                .getAttributes().get("vectorDimension").toString());
    }

    @Test
    @Order(11)
    void remoteEmbeddingsOfAnotherSizeMakeTheirOwnCollectionsAndAChangeRebuildsInFull() throws Exception {
        Path data = work.resolve("remote-data");
        String question = "Which airport did Kerry's plane land at in Moscow?";
        // 1536-d (OpenAI's text-embedding-3-small size) is above Lucene's default limit of 1024 dimensions.
        try (FakeEmbeddingServer server = new FakeEmbeddingServer(1536)) {
            String first;
            try (App app = new App(config("remote", data, TestFixtures.SEED_CORPUS, remote(server, "openai", "fake-embed", 1536)),
                    Clock.systemUTC())) {
                assertThat(app.embedder().dimension()).isEqualTo(1536).isEqualTo(Embedder.dimensionOf(app.config().index()));
                ReindexResult r = app.reindex().run(false, ReindexListener.NONE);
                first = liveCollection("remote");
                assertThat(schemaDimension(first)).isEqualTo(1536);
                assertThat(r.passages()).isEqualTo(TestFixtures.seedApp().index().passageCount());
                assertThat(new SolrCollectionStore(app.db()).live("remote").orElseThrow().settings())
                        .containsEntry("embedding-model", "openai:fake-embed:1536d");
                assertThat(app.searcher().vectorSearchOff()).isEmpty();
                assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))
                        .anySatisfy(h -> assertThat(h.knnRank()).isPositive());
                assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.KNN))).isNotEmpty();
                assertThat(app.answers().ask(question).abstained()).isFalse();
            }
            // Another provider at the same size, and the local 384-d model over the 1536-d collection: each starts,
            // answers from BM25 alone without sending the question anywhere, and /stats says why.
            for (Map<String, String> changed : List.of(remote(server, "ollama", "fake-embed", 1536),
                    Map.of("NEWSDESK_CHAT_ADMINS", "7"))) {
                try (App app = changed.containsKey("NEWSDESK_INDEX_EMBEDDING_PROVIDER")
                        ? new App(config("remote", data, TestFixtures.SEED_CORPUS, changed), Clock.systemUTC())
                        : app("remote", data, TestFixtures.SEED_CORPUS, changed)) {
                    String configured = app.embedder().name();
                    assertThat(app.searcher().vectorSearchOff()).get().asString()
                            .contains("openai:fake-embed:1536d").contains(configured).contains("index.embedding-dimensions");
                    int before = server.requests().size();
                    assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))
                            .isNotEmpty().allSatisfy(h -> assertThat(h.knnRank()).isZero());
                    assertThat(server.requests()).as(configured).hasSize(before);
                    Captured out = new Captured();
                    app.chat().handle(new IncomingMessage(7, 7, ChatType.PRIVATE, "/stats", 1, false), out);
                    assertThat(out.texts.get(0)).contains("Vector search: off").contains(configured);
                }
            }
            // Another size: the next reindex (asked for as incremental) is a full one into a new 32-d collection.
            server.dimensions(32);
            try (App app = new App(config("remote", data, TestFixtures.SEED_CORPUS, remote(server, "openai", "fake-embed", 32)),
                    Clock.systemUTC())) {
                assertThat(app.searcher().vectorSearchOff()).get().asString().contains("openai:fake-embed:32d");
                ReindexResult r = app.reindex().run(false, ReindexListener.NONE);
                assertThat(r.full()).isTrue();
                assertThat(r.reason()).contains("embedding model changed");
                String second = liveCollection("remote");
                assertThat(second).isNotEqualTo(first);
                assertThat(schemaDimension(second)).isEqualTo(32);
                assertThat(CollectionAdminRequest.listCollections(cloud.cluster().getSolrClient())).doesNotContain(first);
                assertThat(app.searcher().vectorSearchOff()).isEmpty();
                assertThat(app.searcher().search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID)))
                        .anySatisfy(h -> assertThat(h.knnRank()).isPositive());
            }
        }
    }

    /** Embeds the first batch, then fails as a model server that went away would. */
    private static final class FailingAfterFirstBatch implements EmbeddingModel {
        private final Embedder real;
        private int calls;

        FailingAfterFirstBatch(Embedder real) {
            this.real = real;
        }

        @Override
        public synchronized Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (++calls > 1) {
                throw new IllegalStateException("model server gone");
            }
            List<Embedding> out = new ArrayList<>();
            for (float[] v : real.embedAll(segments.stream().map(TextSegment::text).toList())) {
                out.add(Embedding.from(v));
            }
            return Response.from(out);
        }
    }

    private static final class Captured implements Outbox {
        final List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public long send(OutgoingMessage message) {
            texts.add(message.text());
            return texts.size();
        }

        @Override
        public void edit(long handle, OutgoingMessage message) {
            texts.set((int) handle - 1, message.text());
        }
    }

    private String liveCollection(String alias) {
        return cloud.cluster().getSolrClient().getClusterStateProvider().resolveAlias(alias).get(0);
    }

    private List<String> collections() throws Exception {
        return CollectionAdminRequest.listCollections(cloud.cluster().getSolrClient()).stream()
                .filter(c -> c.startsWith("seed_")).sorted().toList();
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.passage().id()).toList();
    }
}
