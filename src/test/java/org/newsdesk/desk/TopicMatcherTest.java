package org.newsdesk.desk;

import org.junit.jupiter.api.Test;
import org.newsdesk.index.Passage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicMatcherTest {
    static TopicMatcher.Candidate candidate(double words, double similarity, boolean lexical) {
        Passage p = new Passage("a#0", "a", 0, 0, 4, "text", "Title", "Outlet", null, null);
        return new TopicMatcher.Candidate(p, words, similarity, lexical, List.of());
    }

    @Test
    void topicWordsLeaveOutStopWordsAndPluralS() {
        assertThat(TopicMatcher.words("The latest on Federal Reserve interest rates")).containsExactly("federal",
                "reserve", "interest", "rate");
        assertThat(TopicMatcher.words("Altman's OpenAI")).containsExactly("altman", "openai");
        assertThat(TopicMatcher.words("news about the")).isEmpty();
    }

    @Test
    void shareCountsTheTopicWordsInTheText() {
        List<String> topic = TopicMatcher.words("Federal Reserve interest rates");
        assertThat(TopicMatcher.share(topic, "The Federal Reserve kept its interest rate unchanged")).isEqualTo(1.0);
        assertThat(TopicMatcher.share(topic, "The Federal Reserve met on Tuesday")).isEqualTo(0.5);
        assertThat(TopicMatcher.share(topic, "Nothing here")).isZero();
        assertThat(TopicMatcher.share(List.of(), "anything")).isEqualTo(1.0);
        // hostile input: one long run of letters and one of separators, in linear time
        String hostile = "a".repeat(200_000) + "-".repeat(200_000);
        assertThat(TopicMatcher.share(topic, hostile)).isZero();
    }

    @Test
    void theThresholdNeedsWordsSimilarityAndALexicalMatch() {
        TopicMatcher.Threshold t = new TopicMatcher.Threshold(1.0, 0.8);
        assertThat(t.accepts(candidate(1.0, 0.85, true))).isTrue();
        assertThat(t.accepts(candidate(0.5, 0.95, true))).isFalse();
        assertThat(t.accepts(candidate(1.0, 0.79, true))).isFalse();
        assertThat(t.accepts(candidate(1.0, 0.95, false))).isFalse();
        assertThat(TopicMatcher.matching(List.of(candidate(1.0, 0.9, true), candidate(0.0, 0.9, true)), t)).hasSize(1);
    }
}
