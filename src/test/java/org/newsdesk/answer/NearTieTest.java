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

/** Two candidates of the asked-for kind with nearly the same support: the sentence is quoted, no answer in bold. */
class NearTieTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("stores.jsonl"), String.join("\n",
                "{\"id\": \"a1\", \"title\": \"Acme in Norway\", \"source\": \"Wire\", \"url\": \"https://w.example/a\", "
                        + "\"published\": \"2023-05-01T10:00:00Z\", \"body\": \"Acme opened its flagship Oslo store on "
                        + "March 3, the company said in a statement. Acme opened its flagship Oslo store on March 9, "
                        + "a local newspaper reported on Monday. Shoppers queued outside in the rain for hours.\"}",
                "{\"id\": \"b1\", \"title\": \"Birch in Norway\", \"source\": \"Wire\", \"url\": \"https://w.example/b\", "
                        + "\"published\": \"2023-06-01T10:00:00Z\", \"body\": \"Birch opened its flagship Bergen store on "
                        + "April 4, the company said in a statement. Shoppers queued outside in the sun for hours.\"}",
                "{\"id\": \"x1\", \"title\": \"Gardening in winter\", \"source\": \"Wired\", \"url\": "
                        + "\"https://w.example/garden\", \"published\": \"2023-10-01T10:00:00Z\", \"body\": \"Frost "
                        + "covers the beds in winter, and gardeners cover their plants with fleece every night.\"}"));
        app = TestFixtures.app(TestFixtures.config(dir.resolve("data"), corpus));
        app.reindex().run(false, p -> { });
    }

    @Test
    void oneDateLeadsInBold() {
        Answer a = app.answers().ask("When did Birch open its flagship Bergen store?");
        assertThat(a.shortAnswer()).isEqualTo("April 4");
        assertThat(a.text()).startsWith("April 4" + ExtractiveComposer.SHORT_ANSWER_SEPARATOR);
    }

    @Test
    void twoDatesOfNearlyEqualSupportAreQuotedWithoutABoldAnswer() {
        Answer a = app.answers().ask("When did Acme open its flagship Oslo store?");
        assertThat(a.abstained()).isFalse();
        assertThat(a.shortAnswer()).isNull();
        assertThat(a.text()).startsWith("Acme opened its flagship Oslo store on March");
        assertThat(a.citedArticleIds()).containsExactly("a1");
    }
}
