package org.newsdesk.answer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** "Did X report ... before Y reported ...?" answered from the two articles' dates, both cited. */
class TemporalOrderTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        app = TestFixtures.appOver(dir,
                "{\"id\": \"v1\", \"title\": \"Valve ships the Steam Deck OLED with faster Bluetooth\", \"source\": "
                        + "\"Engadget\", \"url\": \"https://e.example/deck\", \"published\": \"2023-11-09T18:00:00Z\", "
                        + "\"body\": \"Valve's Steam Deck OLED improves Bluetooth functionality with a new antenna. "
                        + "The handheld also gets a larger battery and an HDR screen that reviewers praised.\"}",
                "{\"id\": \"p1\", \"title\": \"The Xbox controller and Bluetooth pairing explained\", \"source\": "
                        + "\"Polygon\", \"url\": \"https://p.example/xbox\", \"published\": \"2023-12-01T10:00:00Z\", "
                        + "\"body\": \"Polygon tested the Bluetooth connectivity of the Microsoft Xbox controller on "
                        + "phones and laptops. Pairing the controller takes a long press of the sync button.\"}",
                // A second Polygon report of the same claim, a month earlier: which of the two a clause means is
                // uncertain unless the clause gives its day.
                "{\"id\": \"p2\", \"title\": \"Pairing the Xbox controller over Bluetooth\", \"source\": "
                        + "\"Polygon\", \"url\": \"https://p.example/xbox-early\", \"published\": "
                        + "\"2023-11-01T10:00:00Z\", \"body\": \"Polygon checked the Bluetooth connectivity of the "
                        + "Microsoft Xbox controller with a tablet. The controller kept its connection across the room.\"}",
                // Two desks of one paper: a clause naming the sports desk means its article, not the other desk's.
                "{\"id\": \"i1\", \"title\": \"Joelinton thunderbolt rescues Newcastle\", \"source\": "
                        + "\"The Independent - Sports\", \"url\": \"https://i.example/sport\", \"published\": "
                        + "\"2023-10-05T21:00:00Z\", \"body\": \"Joelinton scored a powerful goal for Newcastle from "
                        + "twenty yards. The midfielder celebrated in front of the away fans.\"}",
                "{\"id\": \"i2\", \"title\": \"Joelinton's goal for Newcastle, seen from the stands\", "
                        + "\"source\": \"The Independent - Life and Style\", \"url\": \"https://i.example/life\", "
                        + "\"published\": \"2023-12-20T09:00:00Z\", \"body\": \"Fans still talk of the powerful goal "
                        + "Joelinton scored for Newcastle. Season tickets sold out within a day.\"}",
                "{\"id\": \"x1\", \"title\": \"Gardening in winter\", \"source\": \"Wired\", \"url\": "
                        + "\"https://w.example/garden\", \"published\": \"2023-10-01T10:00:00Z\", \"body\": \"Frost "
                        + "covers the beds in winter, and gardeners cover their plants with fleece every night.\"}");
    }

    private static final String ENGADGET = "Engadget report on the Bluetooth functionality improvements in the Steam "
            + "Deck OLED";
    private static final String POLYGON = "Polygon discussed the Bluetooth connectivity of the Microsoft Xbox controller";

    @Test
    void anOrderQuestionIsAnsweredFromTheTwoDatesWithBothReportsCited() {
        Answer before = app.answers().ask("Did " + ENGADGET + " before " + POLYGON + " on December 1, 2023?");
        assertThat(before.abstained()).isFalse();
        assertThat(before.text()).startsWith("Yes.").contains("Engadget").contains("9 November 2023")
                .contains("Polygon").contains("1 December 2023");
        assertThat(before.citedArticleIds()).containsExactly("v1", "p1");
        assertThat(before.shortAnswer()).isEqualTo("Yes");
        // each report's claim is quoted from the sentence that holds it, so the reader sees both facts
        assertThat(before.text()).contains("“Valve's Steam Deck OLED improves Bluetooth functionality with a new "
                + "antenna.” [1]").contains("connectivity of the Microsoft Xbox controller on phones and laptops.” [2]");

        Answer swapped = app.answers().ask("Did Polygon discuss the Bluetooth connectivity of the Microsoft Xbox "
                + "controller on December 1, 2023, before Engadget reported on the Bluetooth functionality improvements "
                + "in the Steam Deck OLED?");
        assertThat(swapped.text()).startsWith("No.");
        assertThat(swapped.shortAnswer()).isEqualTo("No");
        assertThat(swapped.citedArticleIds()).containsExactly("p1", "v1");

        Answer after = app.answers().ask("Did " + POLYGON + " on December 1, 2023, after " + ENGADGET + "?");
        assertThat(after.text()).startsWith("Yes.");
    }

    @Test
    void aLeadingOrderClauseAndAFailedReportAreReadTheRightWayRound() {
        // "Before Y, did X?" asks whether X came before Y.
        Answer lead = app.answers().ask("Before " + POLYGON + " on December 1, 2023, did " + ENGADGET + "?");
        assertThat(lead.text()).startsWith("Yes.");
        assertThat(lead.citedArticleIds()).containsExactly("v1", "p1");
        Answer leadAfter = app.answers().ask("After " + POLYGON + " on December 1, 2023, did " + ENGADGET + "?");
        assertThat(leadAfter.text()).startsWith("No.");
        // Engadget did report before Polygon: it did not fail to.
        Answer failed = app.answers().ask("Did Engadget fail to report on the Bluetooth functionality improvements in "
                + "the Steam Deck OLED before " + POLYGON + " on December 1, 2023?");
        assertThat(failed.text()).startsWith("No.");
    }

    @Test
    void theOutletAClauseNamesInFullAndTheSameOutletChooseTheReport() {
        Answer desk = app.answers().ask("Did The Independent - Sports report on Joelinton's powerful goal for Newcastle "
                + "before " + ENGADGET.replace(" report on", " reported on") + "?");
        assertThat(desk.text()).startsWith("Yes.");
        assertThat(desk.citedArticleIds()).containsExactly("i1", "v1");
        // "the same news source": Polygon's earlier report of pairing the controller, then its December one
        Answer same = app.answers().ask("Did " + POLYGON + " on December 1, 2023, after the same news source reported "
                + "on pairing the Xbox controller over Bluetooth on November 1, 2023?");
        assertThat(same.text()).startsWith("Yes.");
        assertThat(same.citedArticleIds()).containsExactly("p1", "p2");
    }

    @Test
    void anUncertainReportGetsTheTwoFactsWithoutAYesOrNo() {
        // Two Polygon reports hold the claim, one before and one after Engadget's: which one is meant is uncertain.
        Answer ambiguous = app.answers().ask("Did " + ENGADGET + " before " + POLYGON + "?");
        assertThat(ambiguous.shortAnswer()).isNull();
        assertThat(ambiguous.text()).doesNotStartWith("Yes").doesNotStartWith("No");
        assertThat(ambiguous.abstained()).isFalse();
        assertThat(ambiguous.citedArticleIds()).contains("v1");
        // Wired never wrote about the controller: that clause's report is not identified.
        Answer unknown = app.answers().ask("Did " + ENGADGET + " before Wired discussed the Bluetooth connectivity of "
                + "the Microsoft Xbox controller on December 1, 2023?");
        assertThat(unknown.shortAnswer()).isNull();
        assertThat(unknown.text()).doesNotStartWith("Yes").doesNotStartWith("No");
        // An outlet alone is no claim to identify its report by.
        assertThat(TemporalOrder.answer("Was the report by Engadget published before the report by Polygon?",
                app.searcher(), java.util.Set.of("v1", "p1", "p2"))).isNull();
        // A question of agreement is not answered from dates.
        Answer agreement = app.answers().ask("Was there consistency between Engadget's report on the Steam Deck OLED "
                + "Bluetooth and Polygon's report on the Xbox controller Bluetooth?");
        assertThat(agreement.shortAnswer()).isNull();
        assertThat(agreement.text()).doesNotStartWith("Yes").doesNotStartWith("No");
        // an article the question's own search did not retrieve (another chat's archive) is never chosen
        assertThat(TemporalOrder.answer("Did " + ENGADGET + " before " + POLYGON + " on December 1, 2023?",
                app.searcher(), java.util.Set.of("v1", "p2"))).isNull();
    }

    @Test
    void theClausesOfAnOrderQuestionAreSplitAtTheOrderWord() {
        TemporalOrder.Clauses plain = TemporalOrder.clauses("Did The Verge report on a phone before TechCrunch "
                + "reported on a laptop?");
        assertThat(plain.first()).contains("The Verge").contains("phone").doesNotContain("TechCrunch");
        assertThat(plain.second()).contains("TechCrunch").contains("laptop");
        assertThat(plain.before()).isTrue();
        assertThat(plain.failed()).isFalse();

        TemporalOrder.Clauses lead = TemporalOrder.clauses("After Sporting News reported on a touchdown on December 7, "
                + "2023, did Rivals report a win before that date?");
        assertThat(lead.first()).contains("Rivals").contains("win").doesNotContain("that date");
        assertThat(lead.second()).contains("Sporting News").contains("December 7, 2023");
        assertThat(lead.before()).isTrue(); // "before that date" decides, not the leading "After"

        TemporalOrder.Clauses failed = TemporalOrder.clauses("Did the Sporting News fail to report on a victory after "
                + "The Roar covered a knockout?");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.before()).isFalse();
        assertThat(failed.first()).doesNotContain("fail");

        assertThat(TemporalOrder.clauses("Was there consistency between the Verge report and the TechCrunch report "
                + "published after it?")).isNull();
        assertThat(TemporalOrder.clauses("Who reported on the phone before TechCrunch did?")).isNull();
        assertThat(TemporalOrder.clauses("After Sporting News reported a victory, did the same news source report a "
                + "win or a loss for the Cowboys?")).isNull();
        assertThat(TemporalOrder.clauses("After A reported X, did B report Y after C reported Z?")).isNull();
    }

    @Test
    void oddOrHostileQuestionsAreReadInLinearTime() {
        assertThat(TemporalOrder.clauses("Did X's's report ’s before Y's' d-' e f?")).isNotNull();
        String words = "Did " + "the report's ".repeat(20_000) + "before " + "a-b ".repeat(20_000) + "?";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            TemporalOrder.Clauses c = TemporalOrder.clauses(words);
            assertThat(c.first()).hasSizeGreaterThan(100_000);
            assertThat(c.before()).isTrue();
        });
    }
}
