package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.TestFixtures;
import org.newsdesk.search.Hit;
import org.newsdesk.search.SearchRequest;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the LLM composer stops its call threads; a question after that gets the extractive answer. */
@Timeout(60)
class LlmComposerCloseTest {
    @Test
    void afterCloseNoCallGoesOutAndTheAnswerFallsBack() throws Exception {
        try (FakeLlmServer server = new FakeLlmServer()) {
            var seed = TestFixtures.seedApp();
            List<Hit> hits = seed.searcher().search(SearchRequest.of(LlmComposerTest.QUESTION, 5,
                    SearchRequest.Mode.HYBRID));
            LlmComposer composer = LlmProviders.create("openai",
                    LlmTestData.settings(server.openAiUrl(), 5, false, "fallback", 3), seed.answers().composer(),
                    Clock.systemUTC());
            server.respondWith(r -> FakeLlmServer.Reply.text("They met in Sochi [1]."));
            assertThat(composer.compose(LlmComposerTest.QUESTION, hits).composer()).isEqualTo("openai");
            composer.close();
            Answer after = composer.compose(LlmComposerTest.QUESTION, hits);
            assertThat(after.composer()).isEqualTo(LlmComposer.FALLBACK_COMPOSER);
            assertThat(server.requests()).hasSize(1);
        }
    }
}
