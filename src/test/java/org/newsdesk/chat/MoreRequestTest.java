package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.testkit.LinearTime;

import static org.assertj.core.api.Assertions.assertThat;

/** "Tell me more" and its kin, and the sentences a previous answer quoted. */
class MoreRequestTest {
    @ParameterizedTest
    @ValueSource(strings = {"tell me more", "Tell me more!", "ok, tell me more", "More please", "more", "go on",
            "more details?", "thanks, more please", "Can you tell me more?"})
    void requestsForMore(String message) {
        assertThat(MoreRequest.is(message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"more on bitcoin", "tell me more about Tesla", "what more did he say?", "moreover",
            "thanks", "", "   "})
    void notRequestsForMore(String message) {
        assertThat(MoreRequest.is(message)).isFalse();
    }

    @Test
    void theQuotedSentencesOfAnAnswerAreReadBackWithoutItsShortAnswer() {
        String answer = "£99 — The case costs £99 in the UK, the company said. [1] It ships in October to every "
                + "country. [2] Short. [2]";
        assertThat(MoreRequest.quotedSentences(answer)).containsExactly(
                "The case costs £99 in the UK, the company said.", "It ships in October to every country.");
        assertThat(MoreRequest.quotedSentences("I could not find this in the archive.")).isEmpty();
        // a passage holds a quoted sentence whatever its line breaks
        assertThat(MoreRequest.quotes("Intro.\nThe case costs £99 in the UK,\n the company said. More.",
                MoreRequest.quotedSentences(answer))).isTrue();
        assertThat(MoreRequest.quotes("Another passage entirely.", MoreRequest.quotedSentences(answer))).isFalse();
    }

    @Test
    void readingBackIsLinearOnHostileText() {
        LinearTime.assertLinear("quotedSentences", n -> "[1".repeat(n / 2), 200_000, MoreRequest::quotedSentences);
        LinearTime.assertLinear("quotes", n -> " \n".repeat(n / 2) + "x", 200_000,
                t -> MoreRequest.quotes(t, java.util.List.of("y")));
    }
}
