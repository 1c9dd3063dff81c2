package org.newsdesk.bench;

import org.junit.jupiter.api.Test;
import org.newsdesk.desk.TopicMatcher;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertBenchTest {
    @Test
    void theRelevanceRuleNeedsEachGroupInTheTitleOrTwiceInTheBody() {
        AlertBench.Topic google = new AlertBench.Topic("Google antitrust trial", List.of(List.of("google"),
                List.of("antitrust")));
        assertThat(AlertBench.relevant(google, new AlertBench.Article("1", "Google antitrust trial opens",
                "Nothing else."))).isTrue();
        assertThat(AlertBench.relevant(google, new AlertBench.Article("2", "Google ships a phone",
                "An antitrust case was mentioned once."))).isFalse();
        assertThat(AlertBench.relevant(google, new AlertBench.Article("3", "Google ships a phone",
                "The antitrust case goes on. Antitrust lawyers wait."))).isTrue();
        AlertBench.Topic musk = new AlertBench.Topic("Elon Musk", List.of(List.of("musk")));
        // whole words only ("muskrat" is not Musk); a plural or possessive "s" still counts
        assertThat(AlertBench.relevant(musk, new AlertBench.Article("4", "Muskrats return", "muskrat muskrat")))
                .isFalse();
        assertThat(AlertBench.relevant(musk, new AlertBench.Article("5", "Musks and more", ""))).isTrue();
    }

    @Test
    void occurrencesStopAtEnoughAndAreLinearOnHostileText() {
        assertThat(AlertBench.occurrences("a gaza b gaza c gaza", "gaza", 2)).isEqualTo(2);
        assertThat(AlertBench.occurrences("gazan gazette", "gaza", 2)).isZero();
        assertThat(AlertBench.occurrences("a".repeat(300_000), "aaab", 2)).isZero();
    }

    @Test
    void theBuiltInTopicsParseAndTheGridHoldsTheCalibratedThreshold() throws Exception {
        List<AlertBench.Topic> topics = AlertBench.topics(null);
        assertThat(topics).hasSizeGreaterThanOrEqualTo(10);
        assertThat(topics).extracting(AlertBench.Topic::name).contains("OpenAI", "Taylor Swift");
        assertThat(topics.stream().filter(t -> t.name().equals("Google antitrust trial")).findFirst().orElseThrow()
                .groups()).hasSize(2);
        assertThat(AlertBench.grid()).contains(TopicMatcher.CALIBRATED);
        assertThat(AlertBench.f1(new long[]{8, 2, 8})).isCloseTo(2 * 0.8 * 0.5 / 1.3, org.assertj.core.data.Offset.offset(1e-9));
    }
}
