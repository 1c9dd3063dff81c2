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

/** A quoted sentence that opens by referring back ("This puzzle game won ...") comes with the sentence it refers to. */
class AntecedentTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("awards.jsonl"), String.join("\n",
                "{\"id\": \"g1\", \"title\": \"The winners of the Pixel Prizes\", \"source\": \"Wire\", \"url\": "
                        + "\"https://w.example/g\", \"published\": \"2023-12-08T10:00:00Z\", \"body\": \"The ceremony "
                        + "ran for three hours in a packed hall downtown. A lantern that never goes out is the hero of "
                        + "the second release of a small studio up north. This puzzle game won the Best Debut award "
                        + "at the Pixel Prizes on Thursday night. The studio thanked its players on stage.\"}",
                "{\"id\": \"x1\", \"title\": \"Gardening in winter\", \"source\": \"Wired\", \"url\": "
                        + "\"https://w.example/garden\", \"published\": \"2023-10-01T10:00:00Z\", \"body\": \"Frost "
                        + "covers the beds in winter, and gardeners cover their plants with fleece every night.\"}"));
        app = TestFixtures.app(TestFixtures.config(dir.resolve("data"), corpus));
        app.reindex().run(false, p -> { });
    }

    @Test
    void theSentenceThatSaysWhatThisIsIsQuotedBeforeIt() {
        Answer a = app.answers().ask("Which game won the Best Debut award at the Pixel Prizes?");
        assertThat(a.abstained()).isFalse();
        // the sentence before has none of the question's words, yet says what "this puzzle game" is
        assertThat(a.text()).contains("A lantern that never goes out is the hero of the second release of a small "
                + "studio up north. [1] This puzzle game won the Best Debut award");
    }

    @Test
    void onlyASentenceOpeningWithAReferenceGetsOne() {
        assertThat(ExtractiveComposer.refersBack("This puzzle game won.")).isTrue();
        assertThat(ExtractiveComposer.refersBack("It’s the second game.")).isTrue();
        assertThat(ExtractiveComposer.refersBack("Thistle won the award.")).isFalse();
        assertThat(ExtractiveComposer.refersBack("The studio thanked its players.")).isFalse();
        assertThat(ExtractiveComposer.refersBack("")).isFalse();
    }
}
