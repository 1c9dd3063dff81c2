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

/** "Did X report ... before Y reported ...?" answered from the two articles' dates, both cited. */
class TemporalOrderTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("two.jsonl"), String.join("\n",
                "{\"id\": \"v1\", \"title\": \"Valve ships the Steam Deck OLED with faster Bluetooth\", \"source\": "
                        + "\"Engadget\", \"url\": \"https://e.example/deck\", \"published\": \"2023-11-09T18:00:00Z\", "
                        + "\"body\": \"Valve's Steam Deck OLED improves Bluetooth functionality with a new antenna. "
                        + "The handheld also gets a larger battery and an HDR screen that reviewers praised.\"}",
                "{\"id\": \"p1\", \"title\": \"The Xbox controller and Bluetooth pairing explained\", \"source\": "
                        + "\"Polygon\", \"url\": \"https://p.example/xbox\", \"published\": \"2023-12-01T10:00:00Z\", "
                        + "\"body\": \"Polygon tested the Bluetooth connectivity of the Microsoft Xbox controller on "
                        + "phones and laptops. Pairing the controller takes a long press of the sync button.\"}",
                "{\"id\": \"x1\", \"title\": \"Gardening in winter\", \"source\": \"Wired\", \"url\": "
                        + "\"https://w.example/garden\", \"published\": \"2023-10-01T10:00:00Z\", \"body\": \"Frost "
                        + "covers the beds in winter, and gardeners cover their plants with fleece every night.\"}"));
        app = TestFixtures.app(TestFixtures.config(dir.resolve("data"), corpus));
        app.reindex().run(false, p -> { });
    }

    @Test
    void anOrderQuestionIsAnsweredFromTheTwoDatesWithBothReportsCited() {
        Answer before = app.answers().ask("Did Engadget report on the Bluetooth functionality improvements in the "
                + "Steam Deck OLED before Polygon discussed the Bluetooth connectivity of the Microsoft Xbox controller?");
        assertThat(before.abstained()).isFalse();
        assertThat(before.text()).startsWith("Yes.").contains("9 November 2023").contains("1 December 2023");
        assertThat(before.citedArticleIds()).containsExactly("v1", "p1");
        assertThat(before.shortAnswer()).isEqualTo("Yes");

        Answer swapped = app.answers().ask("Did Polygon discuss the Bluetooth connectivity of the Microsoft Xbox "
                + "controller before Engadget reported on the Bluetooth functionality improvements in the Steam Deck OLED?");
        assertThat(swapped.text()).startsWith("No.");
        assertThat(swapped.citedArticleIds()).containsExactly("p1", "v1");

        Answer after = app.answers().ask("Did Polygon discuss the Bluetooth connectivity of the Microsoft Xbox "
                + "controller after Engadget reported on the Bluetooth functionality improvements in the Steam Deck OLED?");
        assertThat(after.text()).startsWith("Yes.");
    }

    @Test
    void anUncertainReportOrAQuestionOfAgreementGetsNoYesOrNoFromDates() {
        // Wired never wrote about the controller: that clause's report is not identified.
        Answer unknown = app.answers().ask("Did Engadget report on the Bluetooth functionality improvements in the "
                + "Steam Deck OLED before Wired discussed the Bluetooth connectivity of the Microsoft Xbox controller?");
        assertThat(unknown.text()).doesNotStartWith("Yes.").doesNotStartWith("No.");
        Answer agreement = app.answers().ask("Was there consistency between Engadget's report on the Steam Deck OLED "
                + "Bluetooth and Polygon's report on the Xbox controller Bluetooth?");
        assertThat(agreement.text()).doesNotStartWith("Yes.").doesNotStartWith("No.");
        assertThat(TemporalOrder.answer("Did Polygon fail to report on the Xbox controller before Engadget reported "
                + "on the Steam Deck OLED?", app.searcher(), java.util.Set.of("v1", "p1"))).isNull();
        // an article the question's own search did not retrieve (another chat's archive) is never chosen
        assertThat(TemporalOrder.answer("Did Engadget report on the Bluetooth functionality improvements in the "
                + "Steam Deck OLED before Polygon discussed the Bluetooth connectivity of the Microsoft Xbox controller?",
                app.searcher(), java.util.Set.of("v1"))).isNull();
    }
}
