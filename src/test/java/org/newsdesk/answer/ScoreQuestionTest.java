package org.newsdesk.answer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** "What was the final score", "... final score": the sentence with the score is quoted, not one about the match. */
class ScoreQuestionTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("match.jsonl"), String.join("\n",
                "{\"id\": \"m1\", \"title\": \"Harbor City vs. Rivertown final score\", \"source\": \"Wire\", \"url\": "
                        + "\"https://w.example/m\", \"published\": \"2023-10-05T10:00:00Z\", \"body\": \"Harbor City "
                        + "vs. Rivertown final score and match report from the stadium by the bay. Without their "
                        + "captain, Rivertown looked tired from the first minute. Harbor City made them pay, winning "
                        + "4-1 with two goals from their young striker. The 12,000 fans sang until long after the "
                        + "whistle.\"}",
                "{\"id\": \"x1\", \"title\": \"Gardening in winter\", \"source\": \"Wired\", \"url\": "
                        + "\"https://w.example/garden\", \"published\": \"2023-10-01T10:00:00Z\", \"body\": \"Frost "
                        + "covers the beds in winter, and gardeners cover their plants with fleece every night.\"}"));
        app = TestFixtures.app(TestFixtures.config(dir.resolve("data"), corpus));
        app.reindex().run(false, p -> { });
    }

    @Test
    void aKeywordScoreQueryQuotesTheSentenceWithTheScore() {
        Answer a = app.answers().ask("harbor city vs rivertown final score");
        assertThat(a.abstained()).isFalse();
        assertThat(a.answerType()).isEqualTo("quantity");
        assertThat(a.text()).contains("winning 4-1");
    }

    @Test
    void aScoreQuestionNeverGetsAnotherNumberInBold() {
        Answer a = app.answers().ask("What was the final score of Harbor City vs. Rivertown?");
        assertThat(a.text()).contains("4-1");
        assertThat(a.shortAnswer()).isIn(null, "4-1");
    }
}
