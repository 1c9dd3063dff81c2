package org.newsdesk.eval;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.Answer;
import org.newsdesk.cli.App;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written QA file on the seed articles: the right article is cited, off-corpus questions abstain. */
class SeedEvalTest {
    @Test
    void seedQuestionsCiteTheirArticleAndOffCorpusQuestionsAbstain() throws IOException {
        App app = TestFixtures.seedApp();
        List<QaItem> items = QaItem.read(TestFixtures.SEED_QA);
        assertThat(items.stream().filter(QaItem::answerable).count()).isGreaterThanOrEqualTo(12);
        assertThat(items.stream().filter(q -> !q.answerable()).count()).isGreaterThanOrEqualTo(3);
        Evaluator evaluator = new Evaluator();
        for (QaItem q : items) {
            Answer a = app.answers().ask(q.query());
            evaluator.add(q, a);
            if (q.answerable()) {
                assertThat(a.abstained()).as(q.id() + " " + q.query()).isFalse();
                assertThat(a.citedArticleIds()).as(q.id() + " " + q.query()).containsAnyElementsOf(q.goldArticles());
            } else {
                assertThat(a.abstained()).as(q.id() + " " + q.query()).isTrue();
            }
        }
        Evaluator.Report r = evaluator.report();
        assertThat(r.hits1()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.passageHits10()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.abstentionAccuracy()).isEqualTo(1.0);
        assertThat(r.falseAbstentionRate()).isZero();
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void answerContainsFollowsTheBenchmarkRules() {
        assertThat(Evaluator.answerContains("It was Sam Bankman-Fried, says [1].", "Sam Bankman-Fried")).isTrue();
        assertThat(Evaluator.answerContains("The Verge reported it [2]", "The Verge")).isTrue();
        assertThat(Evaluator.answerContains("Sam Bankman was there", "Sam Bankman-Fried")).isFalse();
        assertThat(Evaluator.answerContains("Yes, both did.", "yes")).isTrue();
        assertThat(Evaluator.answerContains("Yes and no.", "yes")).isFalse();
        assertThat(Evaluator.answerContains("yesterday", "yes")).isFalse();
    }
}
