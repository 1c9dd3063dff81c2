package org.newsdesk.search;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The best-sentence rerank over a real index whose passages are one sentence each. */
class SentenceRerankTest {
    private static final String QUESTION = "What did engineers find beneath the eastern ramp of the Riverton bridge after the Riverton flood?";
    private static Path dir;
    private static App app;

    @BeforeAll
    static void index() throws IOException {
        dir = Files.createTempDirectory("newsdesk-rerank");
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        // One article of five one-sentence passages: four share its topic words, one holds the fact asked about.
        Files.writeString(corpus.resolve("riverton.txt"), String.join("\n\n",
                "Riverton flood closes bridge",
                "The Riverton flood closed the Riverton bridge on Monday, and Mayor Alvarez said the Riverton flood was the worst the town had seen in decades.",
                "Volunteers filled sandbags along the river all night while the Riverton flood kept rising toward the bridge and the old mill district.",
                "Engineers later found a cracked pylon beneath the eastern ramp, according to a county report released on Friday afternoon to residents.",
                "Schools near the Riverton bridge stayed closed for a week after the Riverton flood, and buses took a long detour around the town.",
                "Insurers expect claims from the Riverton flood to exceed last year's, and the Riverton bridge will stay shut until repairs are finished."));
        // Other articles use the fact's words, so by idf alone they weigh less than the article's topic words.
        for (int i = 0; i < 3; i++) {
            Files.writeString(corpus.resolve("highway" + i + ".txt"), String.join("\n\n",
                    "Highway works " + i,
                    "Engineers working beneath the eastern ramp of the highway interchange found old cables that had to be moved before the paving could start.",
                    "The eastern ramp will reopen next month, engineers said, after crews finish the drainage work found necessary beneath the road surface."));
        }
        app = TestFixtures.app(config(Map.of()));
        app.reindex().run(false, p -> { });
    }

    @AfterAll
    static void close() throws IOException {
        app.close();
    }

    private static NewsdeskConfig config(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("NEWSDESK_INDEX_PASSAGE_WORDS", "20");
        all.put("NEWSDESK_INDEX_PASSAGE_MAX_WORDS", "40");
        NewsdeskConfig c = new ConfigLoader().load(null, all);
        return new NewsdeskConfig(dir.resolve("data"), dir.resolve("corpus"), c.index(), c.search(), c.answer(), c.chat(),
                c.telegram(), c.llm());
    }

    private static List<Hit> search(Map<String, String> env) {
        HybridSearcher searcher = new HybridSearcher(new LuceneEngine(app.index(), config(env).search()), app.embedder(), config(env).search());
        return searcher.search(SearchRequest.of(QUESTION, 5, SearchRequest.Mode.BM25));
    }

    @Test
    void thePassageHoldingTheFactBeatsThoseSharingOnlyTheArticlesTopic() {
        List<Hit> hits = search(Map.of());
        assertThat(hits.get(0).passage().text()).contains("cracked pylon");
    }

    @Test
    void withoutArticleContrastTheTopicWordsWin() {
        List<Hit> hits = search(Map.of("NEWSDESK_SEARCH_ARTICLE_CONTRAST", "false", "NEWSDESK_SEARCH_SENTENCE_WEIGHT", "1.0"));
        assertThat(hits.get(0).passage().articleId()).isEqualTo(hits.get(1).passage().articleId());
        assertThat(hits.get(0).passage().text()).doesNotContain("cracked pylon");
    }

    @Test
    void articleContrastWeighsTopicWordsBelowFactWordsAndLeavesOnePassageArticlesToIdf() {
        Map<String, Double> idf = Map.of("riverton", 2.0, "pylon", 1.0);
        RetrievalEngine.Spread fivePassages = new RetrievalEngine.Spread(5, Map.of("riverton", 5, "pylon", 1));
        SentenceRerank.TermWeights w = SentenceRerank.TermWeights.of(idf, 3.0, fivePassages);
        assertThat(w.weight().get("pylon")).isGreaterThan(w.weight().get("riverton"));
        assertThat(w.weight().get("pylon") / w.norm()).isCloseTo(1.0 / 3.0, org.assertj.core.data.Offset.offset(1e-9));

        SentenceRerank.TermWeights one = SentenceRerank.TermWeights.of(idf, 3.0, new RetrievalEngine.Spread(1, Map.of("riverton", 1, "pylon", 1)));
        assertThat(one.weight().get("riverton") / one.norm()).isCloseTo(2.0 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SentenceRerank.TermWeights.of(idf, 3.0, null).weight()).isEqualTo(idf);
    }
}
