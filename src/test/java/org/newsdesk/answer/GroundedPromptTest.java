package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.search.Hit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsdesk.answer.LlmTestData.hit;

class GroundedPromptTest {
    private static final String LONG = "Lavrov met Pompeo in Sochi on Tuesday. They spoke about Iran and Venezuela. "
            + "Both called the talks frank. Putin joined them later in the evening.";

    @Test
    void passagesAreNumberedWithTitleSourceAndDateAndTheQuestionFollows() {
        List<Hit> hits = List.of(hit("a", 0, "Talks in Sochi", LONG), hit("b", 0, "Other", "Short one here."));
        GroundedPrompt p = GroundedPrompt.build("Where did they meet?", hits, 5000);
        assertThat(p.passages()).hasSize(2);
        assertThat(p.user()).contains("[1] Title: Talks in Sochi | Source: Outlet a | Date: 2013-08-08\n" + LONG)
                .contains("[2] Title: Other").contains("Question: Where did they meet?");
        assertThat(p.system()).contains("NOT_IN_ARCHIVE").contains("[1]");
    }

    @Test
    void budgetTrimsAtSentenceBoundariesAndSkipsWhatDoesNotFit() {
        List<Hit> hits = List.of(hit("a", 0, "A", LONG), hit("b", 0, "B", LONG), hit("c", 0, "C", "Tiny."));
        GroundedPrompt p = GroundedPrompt.build("q", hits, 100);
        assertThat(p.user()).contains("Lavrov met Pompeo in Sochi on Tuesday. They spoke about Iran and Venezuela.\n")
                .doesNotContain("frank");
        // The second passage's first sentence does not fit in what is left; the tiny third one does.
        assertThat(p.passages()).extracting(h -> h.passage().articleId()).containsExactly("a", "c");
        assertThat(p.user()).contains("[2] Title: C");
    }

    @Test
    void aFirstSentenceLongerThanTheBudgetIsCutAtAWord() {
        String s = GroundedPrompt.trimToSentences("word ".repeat(100).strip() + ".", 50, true);
        assertThat(s).endsWith("word…").hasSizeLessThanOrEqualTo(51);
        assertThat(GroundedPrompt.trimToSentences("word ".repeat(100), 50, false)).isEmpty();
    }
}
