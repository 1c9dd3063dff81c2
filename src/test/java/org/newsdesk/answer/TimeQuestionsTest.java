package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.DatedCorpus;
import org.newsdesk.app.App;
import org.newsdesk.search.Hit;
import org.newsdesk.search.Period;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.search.WireCopy;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Questions about time and wire copies, on an archive with known dates answered on a fixed day (DatedCorpus). */
class TimeQuestionsTest {
    private final App app = DatedCorpus.app();

    private Answer ask(String question) {
        return app.answers().ask(question);
    }

    private static List<String> articles(Answer a) {
        return a.retrieved().stream().map(h -> h.passage().articleId()).distinct().toList();
    }

    @Test
    void latestPutsTheNewestMatchingArticleFirst() {
        Answer latest = ask("What is the latest on the port strike?");
        // the newest article about the strike, not the newest article of all (bike lanes, 1 December)
        assertThat(articles(latest).get(0)).isEqualTo("port-3");
        assertThat(articles(latest).stream().filter(id -> id.startsWith("port-")).toList())
                .containsExactly("port-3", "port-2", "port-1");
        assertThat(latest.time()).isEqualTo(new TimeScope(null, true, false));
        assertThat(latest.abstained()).isFalse();
        assertThat(latest.citations().get(0).articleId()).isEqualTo("port-3");
        assertThat(AnswerText.plain(latest)).startsWith("Newest articles first:\n");

        // Without the time word relevance alone orders them: the article saying most about the strike comes first.
        Answer plain = ask("What is happening with the port strike?");
        assertThat(plain.time()).isNull();
        assertThat(articles(plain).get(0)).isEqualTo("port-1");
        assertThat(AnswerText.plain(plain)).startsWith(plain.text());
    }

    @Test
    void aQuestionNamingAMonthGetsOnlyThatMonthsArticles() {
        Answer any = ask("What happened at the Westfield solar farm?");
        assertThat(articles(any)).contains("solar-1", "solar-2", "solar-3", "solar-4");

        Answer march = ask("What happened at the Westfield solar farm in March 2024?");
        Period period = new Period(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
        assertThat(march.time()).isEqualTo(new TimeScope(period, false, false));
        assertThat(march.abstained()).isFalse();
        assertThat(articles(march)).containsExactlyInAnyOrder("solar-2", "solar-3");
        assertThat(march.citations()).isNotEmpty().allSatisfy(c ->
                assertThat(c.published()).isBetween(period.from(), period.to()));
        assertThat(AnswerText.plain(march)).startsWith("Articles from March 2024:\n" + march.text());
    }

    @Test
    void thisWeekIsResolvedAgainstTheClock() {
        Answer week = ask("What happened with the port strike this week?");
        // Wednesday 2 December 2026: the week began on Monday 30 November, when the strike ended
        assertThat(week.time()).isEqualTo(new TimeScope(
                new Period(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2)), false, false));
        assertThat(articles(week)).isNotEmpty().allSatisfy(id ->
                assertThat(DatedCorpus.published(id)).isAfterOrEqualTo(LocalDate.of(2026, 11, 30)));
        assertThat(week.citations()).extracting(Citation::articleId).containsExactly("port-3");
        assertThat(AnswerText.plain(week)).startsWith("Articles from 30 November – 2 December 2026:\n");
    }

    @Test
    void aPeriodWithNothingThatAnswersSaysSoAndAnswersFromTheWholeArchive() {
        // no article at all in June 2024
        Answer june = ask("What happened at the Westfield solar farm in June 2024?");
        assertThat(june.time()).isEqualTo(new TimeScope(
                new Period(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30)), false, true));
        assertThat(june.abstained()).isFalse();
        assertThat(june.citations()).isNotEmpty().allSatisfy(c -> assertThat(c.articleId()).startsWith("solar-"));
        assertThat(AnswerText.plain(june)).startsWith("Nothing from June 2024 answers this; from the whole archive:\n");

        // articles this week, but none about the solar farm
        Answer week = ask("What happened at the Westfield solar farm this week?");
        assertThat(week.time().otherDates()).isTrue();
        assertThat(week.abstained()).isFalse();
        assertThat(week.citations()).isNotEmpty().allSatisfy(c -> assertThat(c.articleId()).startsWith("solar-"));
        // searched exactly as before time words were understood
        assertThat(week.retrieved()).isEqualTo(app.searcher().search(new SearchRequest(
                "What happened at the Westfield solar farm this week?", app.config().search().k(),
                SearchRequest.Mode.parse(app.config().search().mode()), null, null)));
    }

    @Test
    void anAbstentionAfterAnEmptyPeriodDoesNotPromiseAnAnswerFromTheWholeArchive() {
        Answer none = ask("What did the Quxbarian parliament decide about zeppelin tariffs in June 2024?");
        assertThat(none.time()).isNotNull();
        assertThat(none.time().otherDates()).isTrue();
        assertThat(none.abstained()).isTrue();
        // was "Nothing from June 2024 answers this; from the whole archive:" then "I could not find this ..."
        assertThat(AnswerText.plain(none)).startsWith("Searched June 2024, then the whole archive:\n")
                .doesNotContain("answers this; from the whole archive");
        assertThat(org.newsdesk.telegram.TelegramHtml.answer(none)).contains("Searched June 2024, then the whole archive:")
                .doesNotContain("answers this; from the whole archive");
    }

    @Test
    void aPeriodWithNoArticlesIsNotWorthEmbeddingTheQuestion() {
        List<String> embedded = new java.util.ArrayList<>();
        dev.langchain4j.model.embedding.EmbeddingModel recording = new dev.langchain4j.model.embedding.EmbeddingModel() {
            private final org.newsdesk.bench.HashingEmbeddingModel vectors = new org.newsdesk.bench.HashingEmbeddingModel(384, 1);

            @Override
            public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                    List<dev.langchain4j.data.segment.TextSegment> segments) {
                segments.forEach(t -> embedded.add(t.text()));
                return vectors.embedAll(segments);
            }
        };
        org.newsdesk.search.HybridSearcher searcher = new org.newsdesk.search.HybridSearcher(
                new org.newsdesk.backend.lucene.LuceneEngine(app.index(), app.config().search()),
                org.newsdesk.index.Embedder.of(app.embedder().name(), recording), app.config().search());
        SearchRequest any = SearchRequest.of("Westfield solar farm", 5, SearchRequest.Mode.HYBRID);
        assertThat(searcher.search(any.scoped(any.query(), new Period(LocalDate.of(2024, 6, 1),
                LocalDate.of(2024, 6, 30)), false))).isEmpty();
        assertThat(embedded).isEmpty();
        assertThat(searcher.search(any.scoped(any.query(), new Period(LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 31)), false))).isNotEmpty();
        assertThat(embedded).hasSize(1);
    }

    @Test
    void questionsWithoutTimeWordsAreSearchedAsBefore() {
        String question = "Where did the volcano erupt?";
        Answer a = ask(question);
        List<Hit> direct = app.searcher().search(new SearchRequest(question, app.config().search().k(),
                SearchRequest.Mode.parse(app.config().search().mode()), null, null));
        assertThat(a.time()).isNull();
        assertThat(a.retrieved()).isEqualTo(direct);
    }

    @Test
    void wireCopiesAreListedUnderTheKeptSource() {
        List<String> copies = List.of("volcano-1", "volcano-2", "volcano-3");
        // k = 1: copies further down the candidates are still found
        List<Hit> one = app.searcher().search(SearchRequest.of("Which spa closed when the volcano near Grindavik erupted?",
                1, SearchRequest.Mode.HYBRID));
        assertThat(one).hasSize(1);
        Hit kept = one.get(0);
        assertThat(copies).contains(kept.passage().articleId());
        List<String> others = List.of("Reuters", "AP", "Daily Bugle").stream()
                .filter(s -> !s.equals(kept.passage().source())).toList();
        assertThat(kept.alsoIn()).extracting(WireCopy::source).containsExactlyInAnyOrderElementsOf(others);
        assertThat(kept.alsoIn()).allSatisfy(w -> {
            assertThat(copies).contains(w.articleId());
            assertThat(w.url()).isEqualTo("https://example.org/" + w.articleId());
            assertThat(w.published()).isEqualTo(DatedCorpus.published(w.articleId()));
        });

        Answer a = ask("Which spa closed when the volcano near Grindavik erupted?");
        assertThat(articles(a).stream().filter(copies::contains)).hasSize(1);
        assertThat(articles(a)).contains("volcano-4"); // its own report, not a copy
        Citation c = a.citations().stream().filter(x -> copies.contains(x.articleId())).findFirst().orElseThrow();
        assertThat(c.alsoIn()).extracting(WireCopy::source).containsExactlyInAnyOrderElementsOf(
                List.of("Reuters", "AP", "Daily Bugle").stream().filter(s -> !s.equals(c.source())).toList());
        String text = AnswerText.plain(a);
        assertThat(text).contains("[" + c.n() + "] " + AnswerText.sourceLine(c) + "\n    also carried by: "
                + String.join(", ", c.alsoIn().stream().map(WireCopy::source).toList()));
        // a citation with no copies has no such line
        assertThat(text.split("also carried by", -1)).hasSize(2);
    }
}
