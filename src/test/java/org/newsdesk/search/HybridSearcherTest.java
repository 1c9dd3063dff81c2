package org.newsdesk.search;

import org.newsdesk.TestFixtures;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.bench.HashingEmbeddingModel;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.SentenceTerms;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridSearcherTest {
    private final App app = TestFixtures.seedApp();

    @Test
    void eachModeFindsTheArticleAQuestionIsAbout() {
        for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
            List<Hit> hits = app.searcher().search(SearchRequest.of(
                    "Which airport did Kerry's plane land at in Moscow?", 5, mode));
            assertThat(hits).as(mode.name()).isNotEmpty();
            assertThat(hits.get(0).passage().articleId()).as(mode.name()).isEqualTo("001_05998cf2b37d53ba");
        }
    }

    @Test
    void hybridReportsBothRetrieversRanksAndFusedOrder() {
        List<Hit> hits = app.searcher().search(SearchRequest.of("missile defense Poland Romania", 10, SearchRequest.Mode.HYBRID));
        assertThat(hits).hasSizeLessThanOrEqualTo(10);
        assertThat(hits.get(0).bm25Rank()).isPositive();
        assertThat(hits.get(0).knnRank()).isPositive();
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
        assertThat(hits.stream().map(h -> h.passage().id()).distinct().count()).isEqualTo(hits.size());
        // Sorted is not enough (all-equal scores in index order are sorted): the ranking must separate the passage
        // about the missile defence plans from the rest.
        assertThat(hits).hasSizeGreaterThan(2);
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(hits.size() - 1).score());
        assertThat(hits.get(0).passage().text()).containsIgnoringCase("missile");
    }

    @Test
    void hitsCarryTheSentenceTermsTheIndexStored() {
        List<Hit> hits = app.searcher().search(SearchRequest.of("missile defense Poland Romania", 10, SearchRequest.Mode.HYBRID));
        assertThat(hits).isNotEmpty().allSatisfy(h -> {
            assertThat(h.sentenceTerms()).isNotNull();
            assertThat(h.sentenceTerms()).isEqualTo(SentenceTerms.of(PassageDocuments.analyzer(), h.passage().text()));
        });
        // A hit from elsewhere has none: they are analysed on demand.
        Hit bare = new Hit(hits.get(0).passage(), 1, 0, 0, 0, 0);
        assertThat(app.searcher().sentenceTerms(bare)).isEqualTo(hits.get(0).sentenceTerms());
    }

    @Test
    void wordHashesSplitAsTheRegexDid() {
        // The duplicate collapse compared word sets made by lower-casing and splitting on \\W+; the hashes must be
        // those of exactly these words.
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ09_ .,-'\n\tÉéß€\u0130\u212A";
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            java.util.Set<Long> expected = new java.util.TreeSet<>();
            for (String w : text.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
                if (!w.isEmpty()) {
                    expected.add(WordHashes.hash(w));
                }
            }
            assertThat(WordHashes.of(text)).as(text).containsExactly(
                    expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Test
    void nearDuplicatesShareFourFifthsOfTheirWords() {
        long[] eight = WordHashes.of("a b c d e f g h");
        long[] ten = WordHashes.of("a b c d e f g h i j");
        assertThat(WordHashes.nearDuplicate(eight, ten)).isTrue(); // 8 / 10
        long[] eleven = WordHashes.of("a b c d e f g h i j k");
        assertThat(WordHashes.nearDuplicate(eleven, eight)).isFalse(); // 8 / 11
        assertThat(WordHashes.nearDuplicate(WordHashes.of(""), WordHashes.of("..."))).isTrue();
        assertThat(WordHashes.nearDuplicate(WordHashes.of(""), eight)).isFalse();
        long[] swapped = WordHashes.of("z b c d e f g h");
        assertThat(WordHashes.nearDuplicate(eight, swapped)).isFalse(); // 7 / 9, sizes equal
        assertThat(WordHashes.of("A a, A. b")).hasSize(2);
    }

    @Test
    void dateRangeFiltersBothRetrievers() {
        // Only 000 (2013-08-08) and 001 (2013-05-08) have dates.
        SearchRequest r = new SearchRequest("Kerry Lavrov talks Syria", 10, SearchRequest.Mode.HYBRID,
                LocalDate.of(2013, 8, 1), LocalDate.of(2013, 8, 31));
        List<Hit> hits = app.searcher().search(r);
        assertThat(hits).isNotEmpty();
        assertThat(hits).allSatisfy(h -> assertThat(h.passage().articleId()).isEqualTo("000_01b0abbf759fb5cc"));
    }

    @Test
    void vectorsWrittenByAnotherModelAreNotSearched() {
        String question = "Which airport did Kerry's plane land at in Moscow?";
        HybridSearcher otherModel = new HybridSearcher(new LuceneEngine(app.index(), app.config().search()),
                Embedder.of("some-other-model", new HashingEmbeddingModel(384, 1)), app.config().search());
        List<Hit> hits = otherModel.search(SearchRequest.of(question, 5, SearchRequest.Mode.KNN));
        assertThat(hits).isNotEmpty().allSatisfy(h -> {
            assertThat(h.knnRank()).isZero();
            assertThat(h.bm25Rank()).isPositive();
        });
        // The same vectors under the name the index records are searched.
        HybridSearcher sameName = new HybridSearcher(new LuceneEngine(app.index(), app.config().search()),
                Embedder.of(app.embedder().name(), new HashingEmbeddingModel(384, 1)), app.config().search());
        assertThat(sameName.search(SearchRequest.of(question, 5, SearchRequest.Mode.KNN)))
                .isNotEmpty().allSatisfy(h -> assertThat(h.knnRank()).isPositive());
    }

    @Test
    void theQuestionsVectorIsComputedFromItsContentWords() {
        assertThat(TermAnalysis.contentWords("Does 'The New York Times' article attribute the success of the "
                + "Buffalo Bills' defense to Jordan Poyer?"))
                .isEqualTo("'The New York Times' attribute success Buffalo Bills' defense Jordan Poyer?");
        // Nothing but function words: the question as it is.
        assertThat(TermAnalysis.contentWords("What is it?")).isEqualTo("What is it?");

        String question = "Which airport did Kerry's plane land at in Moscow?";
        List<String> embedded = new java.util.ArrayList<>();
        EmbeddingModel recording = new EmbeddingModel() {
            private final HashingEmbeddingModel vectors = new HashingEmbeddingModel(384, 1);

            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(t -> embedded.add(t.text()));
                return vectors.embedAll(segments);
            }
        };
        Embedder embedder = Embedder.of(app.embedder().name(), recording);
        new HybridSearcher(new LuceneEngine(app.index(), app.config().search()), embedder, app.config().search()).search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID));
        assertThat(embedded).containsExactly("airport Kerry's plane land Moscow?");
        embedded.clear();
        NewsdeskConfig.Search whole = new ConfigLoader().load(null, java.util.Map.of("NEWSDESK_SEARCH_EMBED_CONTENT_WORDS", "false")).search();
        new HybridSearcher(new LuceneEngine(app.index(), whole), embedder, whole).search(SearchRequest.of(question, 5, SearchRequest.Mode.HYBRID));
        assertThat(embedded).containsExactly(question);
    }

    @Test
    void aFailingQuestionEmbeddingFailsTheSearchWithItsOwnError() {
        // A broken model fails the search with its own error, not a wrapped one; BM25 alone still works.
        EmbeddingModel broken = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                throw new IllegalStateException("model crashed");
            }
        };
        HybridSearcher searcher = new HybridSearcher(new LuceneEngine(app.index(),
                app.config().search()), Embedder.of(app.embedder().name(), broken),
                app.config().search());
        for (SearchRequest.Mode mode : List.of(SearchRequest.Mode.HYBRID, SearchRequest.Mode.KNN)) {
            assertThatThrownBy(() -> searcher.search(SearchRequest.of("Kerry Lavrov talks Syria", 5, mode)))
                    .as(mode.name()).isInstanceOf(IllegalStateException.class).hasMessage("model crashed");
        }
        assertThat(searcher.search(SearchRequest.of("Kerry Lavrov talks Syria", 5, SearchRequest.Mode.BM25))).isNotEmpty();
    }

    @Test
    void aVeryLongQuestionStillSearches() {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            q.append("term").append(i).append(' ');
        }
        q.append("Snowden asylum");
        List<Hit> hits = app.searcher().search(SearchRequest.of(q.toString(), 5, SearchRequest.Mode.BM25));
        assertThat(hits).isNotEmpty(); // the two real words at the end still count
        assertThat(hits.get(0).passage().text()).contains("Snowden");
    }

    @Test
    void anOutletNamedAfterTheFirst256CharactersOfAQuestionStillFocusesIt() {
        LuceneEngine engine = new LuceneEngine(app.index(), app.config().search());
        try (RetrievalEngine.View view = engine.open().orElseThrow()) {
            String outlet = view.sources().get(0);
            // MultiHop-RAG's long questions name their outlets late ("... as reported by TechCrunch?")
            String question = "Which report, ".repeat(30) + "was published by " + outlet + "?";
            assertThat(question.length()).isGreaterThan(400);
            assertThat(app.searcher().focusFilters(view, question))
                    .extracting(RetrievalEngine.Focus::sourceKey).contains(outlet);
        }
    }
}
