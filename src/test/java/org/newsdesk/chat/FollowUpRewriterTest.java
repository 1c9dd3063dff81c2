package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.search.Hit;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.store.TurnStore;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpRewriterTest {
    static final String OBAMA_TRIP_ARTICLE = "000_01b0abbf759fb5cc";
    private final FollowUpRewriter rewriter = new FollowUpRewriter();

    static TurnStore.Turn turn(String question) {
        return new TurnStore.Turn(Instant.EPOCH, question, question, "answer", false);
    }

    @Test
    void detectsFollowUps() {
        assertThat(FollowUpRewriter.isFollowUp("and what did Putin say about it?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("What about Shoigu?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Why did they cancel the summit?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("When did he arrive in Moscow?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Why?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Where did Pompeo and Lavrov meet in 2019?")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Who is the UN envoy for Syria?")).isFalse();
    }

    @Test
    void carriesThePreviousQuestionsNamesAndTermsIntoAFollowUp() {
        String q = rewriter.rewrite(List.of(turn("Why did Barack Obama cancel his trip to Moscow?")),
                "and what did Putin say about it?");
        assertThat(q).startsWith("and what did Putin say about it?").contains("Barack Obama").contains("Moscow")
                .contains("cancel").contains("trip").doesNotContain(" Why").doesNotContain(" his ");
    }

    @Test
    void theDocumentedExample() {
        assertThat(rewriter.rewrite(List.of(turn("Why was Obama's trip to Moscow canceled?")),
                "and what did Putin say about it?"))
                .isEqualTo("and what did Putin say about it? Obama Moscow trip canceled");
    }

    @Test
    void standaloneQuestionsAndEmptyHistoryAreLeftAlone() {
        String standalone = "Where did Pompeo and Lavrov meet in 2019?";
        assertThat(rewriter.rewrite(List.of(turn("Why did Obama cancel his trip to Moscow?")), standalone))
                .isEqualTo(standalone);
        assertThat(rewriter.rewrite(List.of(), "and what did Putin say about it?"))
                .isEqualTo("and what did Putin say about it?");
    }

    @Test
    void aPronounFollowUpRetrievesTheRightSeedArticleOnlyWhenRewritten() {
        var searcher = TestFixtures.seedApp().searcher();
        String first = "Why did Obama cancel his trip to Moscow?";
        String followUp = "what did the Kremlin say about that?";
        assertThat(top(searcher.search(SearchRequest.of(first, 3, SearchRequest.Mode.HYBRID))))
                .isEqualTo(OBAMA_TRIP_ARTICLE);
        // Alone, the follow-up finds another article: the test shows the rewrite is what finds the right one.
        assertThat(top(searcher.search(SearchRequest.of(followUp, 3, SearchRequest.Mode.HYBRID))))
                .isNotEqualTo(OBAMA_TRIP_ARTICLE);
        String rewritten = rewriter.rewrite(List.of(turn(first)), followUp);
        assertThat(rewritten).isNotEqualTo(followUp);
        List<Hit> hits = searcher.search(SearchRequest.of(rewritten, 3, SearchRequest.Mode.HYBRID));
        assertThat(top(hits)).isEqualTo(OBAMA_TRIP_ARTICLE);
    }

    private static String top(List<Hit> hits) {
        return hits.isEmpty() ? null : hits.get(0).passage().articleId();
    }
}
