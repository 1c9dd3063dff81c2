package org.newsdesk.eval;

import org.junit.jupiter.api.Test;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies that say yes or no: how many, how many right, and how many without both dated facts cited. */
class YesNoFiguresTest {
    private static Citation cited(int n, String article, LocalDate published) {
        return new Citation(n, article, "Title " + n, "Outlet", "https://o.example/" + n, published, article + "#0",
                "text");
    }

    private static QaItem question(String id, String type, String gold) {
        return new QaItem(id, "Did A report X before B reported Y?", gold, type,
                List.of(new QaItem.Evidence("a1", "fact one"), new QaItem.Evidence("a2", "fact two")));
    }

    private static Answer reply(String text, String shortAnswer, List<Citation> citations) {
        return new Answer("q", text, false, citations, List.of(), "extractive", 1.0, Answer.Timings.NONE, null,
                shortAnswer, "yes_no");
    }

    @Test
    void yesOrNoRepliesAreCountedPerTypeWithTheirCorrectnessAndTheirFacts() {
        List<Citation> both = List.of(cited(1, "a1", LocalDate.of(2023, 11, 9)), cited(2, "a2", LocalDate.of(2023, 12, 1)));
        Evaluator e = new Evaluator();
        e.add(question("t1", "temporal_query", "Yes"), reply("Yes. A published … [1]; B published … [2].", "Yes", both));
        e.add(question("t2", "temporal_query", "no"), reply("Yes. A published … [1]; B published … [2].", "Yes", both));
        e.add(question("t3", "temporal_query", "no"), reply("A sentence about X. [1]", null, both.subList(0, 1)));
        // A yes in the first word counts as one, and with one citation it lacks the second fact.
        e.add(question("c1", "comparison_query", "no"), reply("No, it did not. [1]", null, both.subList(0, 1)));
        // A citation without a date is no dated fact.
        e.add(question("c2", "comparison_query", "Yes"), reply("Yes. [1] [2]", "Yes",
                List.of(both.get(0), cited(2, "a2", null))));

        Evaluator.Report r = e.report();

        Evaluator.YesNoRow temporal = r.yesNoByType().get("temporal_query");
        assertThat(temporal.questions()).isEqualTo(3);
        assertThat(temporal.said()).isEqualTo(2);
        assertThat(temporal.rightWhenSaid()).isEqualTo(0.5);
        assertThat(temporal.withoutFacts()).isZero();
        Evaluator.YesNoRow comparison = r.yesNoByType().get("comparison_query");
        assertThat(comparison.said()).isEqualTo(2);
        assertThat(comparison.rightWhenSaid()).isEqualTo(1.0);
        assertThat(comparison.withoutFacts()).isEqualTo(2);
        assertThat(r.table()).contains("yes/no said").contains("temporal_query 2 0.5000 0");
        assertThat(RegressionFigures.of(r, 2, 2)).containsEntry("answer.yes-no-without-facts.comparison_query", 2.0)
                .containsEntry("answer.yes-no-said.temporal_query", 2.0);
    }

    @Test
    void aReplyThatOnlyMentionsYesLaterIsNoYesOrNo() {
        Answer a = reply("The fans said yes to the plan. [1]", null, List.of());
        assertThat(Evaluator.yesOrNo(a)).isNull();
        // quoted sentences that begin with the word, not as an answer
        assertThat(Evaluator.yesOrNo(reply("No. 21 Missouri hosts No. 23 LSU. [1]", null, List.of()))).isNull();
        assertThat(Evaluator.yesOrNo(reply("No one expected it to match. [1]", null, List.of()))).isNull();
        assertThat(Evaluator.yesOrNo(reply("No. [1]", null, List.of()))).isEqualTo("no");
        assertThat(Evaluator.yesOrNo(reply("Something [1]", "Yes", List.of()))).isEqualTo("yes");
    }
}
