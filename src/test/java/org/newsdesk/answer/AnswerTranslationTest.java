package org.newsdesk.answer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.TestFixtures;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The question's and the answer's translation with the LLM, against a fake OpenAI-compatible server. */
@Timeout(60)
class AnswerTranslationTest {
    private FakeLlmServer server;
    private LlmComposer llm;
    private final Answer english = new Answer("Why did Obama cancel his trip?", "He cancelled it over Snowden [1][2]. "
            + "Putin regretted it [2].", false, List.of(
            new Citation(1, "a1", "T1", "S1", null, null, "a1#0", "p1"),
            new Citation(2, "a2", "T2", "S2", null, null, "a2#0", "p2")), List.of(), "openai", 0.8);

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        llm = LlmProviders.create("openai", LlmTestData.settings(server.openAiUrl(), 5, false, "fallback", 5),
                TestFixtures.seedApp().answers().composer(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        llm.close();
        server.close();
    }

    @Test
    void theAnswerIsTranslatedWithItsMarkersAndCitationsKept() {
        server.enqueue(FakeLlmServer.Reply.text("Er sagte wegen Snowden ab [1][2]. Putin bedauerte es [2]."));
        Answer german = llm.inLanguageOf(english, "Warum sagte Obama ab?");
        assertThat(german.text()).isEqualTo("Er sagte wegen Snowden ab [1][2]. Putin bedauerte es [2].");
        assertThat(german.question()).isEqualTo("Warum sagte Obama ab?");
        assertThat(german.citations()).isEqualTo(english.citations());
        assertThat(server.requests().get(0).prompt()).contains("Warum sagte Obama ab?").contains(english.text());
    }

    @Test
    void aTranslationThatLosesOrAddsAMarkerIsDroppedForTheEnglishAnswer() {
        server.enqueue(FakeLlmServer.Reply.text("Er sagte wegen Snowden ab [1]. Putin bedauerte es [2]."),
                FakeLlmServer.Reply.text("Er sagte ab [1][2][3]. Putin bedauerte es [2]."),
                FakeLlmServer.Reply.status(500, "{}"));
        for (int i = 0; i < 3; i++) {
            Answer a = llm.inLanguageOf(english, "Warum sagte Obama ab?");
            assertThat(a.text()).isEqualTo(english.text());
            assertThat(a.question()).isEqualTo("Warum sagte Obama ab?");
        }
    }

    @Test
    void theQuestionIsTranslatedToOneLineWithoutQuotesOrLabel() {
        server.enqueue(FakeLlmServer.Reply.text("In English: \"Why did Obama cancel his trip to Moscow?\"\nNote: …"),
                FakeLlmServer.Reply.status(503, "{}"));
        assertThat(llm.translateQuery("Warum hat Obama seine Reise abgesagt?", "German"))
                .isEqualTo("Why did Obama cancel his trip to Moscow?");
        assertThat(server.requests().get(0).prompt()).contains("probably German");
        assertThat(llm.translateQuery("Warum hat Obama seine Reise abgesagt?", "German")).isNull();
    }

    @Test
    void markersAreReadInOneLinearPass() {
        assertThat(LlmComposer.markers("a [2][1]. b [1] [x] [] [12345] [3")).containsExactly(1, 1, 2);
        long t0 = System.nanoTime();
        LlmComposer.markers("[".repeat(200_000) + "1".repeat(100_000));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void recognisedWordsAreNamesTheArchiveHolds() {
        var searcher = TestFixtures.seedApp().searcher();
        assertThat(RecognisedWords.recognised(searcher, "Warum hat Obama seine Reise nach Moskau abgesagt?"))
                .containsExactly("Obama");
        assertThat(RecognisedWords.recognised(searcher, "Где встретились Помпео и Лавров?")).isEmpty();
        assertThat(RecognisedWords.words("Was sagte Bankman-Fried über Cruise's 2023-Pläne?"))
                .containsExactly("Was", "sagte", "Bankman-Fried", "über", "Cruise's", "2023-Pläne");
    }
}
