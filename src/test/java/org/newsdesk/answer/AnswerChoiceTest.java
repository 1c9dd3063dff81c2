package org.newsdesk.answer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the extractive composer quotes and puts in bold, over a small corpus of its own: two candidates of nearly the
 * same support get no bold answer; a sentence that opens by referring back ("This puzzle game won ...") comes with the
 * sentence it refers to; a question asking for a score quotes the sentence with the score; "who directed" finds the
 * "director".
 */
class AnswerChoiceTest {
    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void index() throws IOException {
        app = TestFixtures.appOver(dir,
                TestFixtures.article("a1", "Acme in Norway", "Wire", "2023-05-01T10:00:00Z", "Acme opened its flagship "
                        + "Oslo store on March 3, the company said in a statement. Acme opened its flagship Oslo store "
                        + "on March 9, a local newspaper reported on Monday. Shoppers queued outside in the rain for "
                        + "hours."),
                TestFixtures.article("b1", "Birch in Norway", "Wire", "2023-06-01T10:00:00Z", "Birch opened its "
                        + "flagship Bergen store on April 4, the company said in a statement. Shoppers queued outside "
                        + "in the sun for hours."),
                TestFixtures.article("g1", "The winners of the Pixel Prizes", "Wire", "2023-12-08T10:00:00Z", "The "
                        + "ceremony ran for three hours in a packed hall downtown. A lantern that never goes out is the "
                        + "hero of the second release of a small studio up north. This puzzle game won the Best Debut "
                        + "award at the Pixel Prizes on Thursday night. The studio thanked its players on stage."),
                TestFixtures.article("m1", "Harbor City vs. Rivertown final score", "Wire", "2023-10-05T10:00:00Z",
                        "Harbor City vs. Rivertown final score and match report from the stadium by the bay. Without "
                        + "their captain, Rivertown looked tired from the first minute. Harbor City made them pay, "
                        + "winning 4-1 with two goals from their young striker. The 12,000 fans sang until long after "
                        + "the whistle."),
                TestFixtures.article("f1", "This week at the cinemas", "Wire", "2023-11-02T10:00:00Z",
                        "The Lanternfall movie opens this week in cinemas across the country. Tickets sold out in "
                        + "most cities within a day of going on sale. Under director Ada Vance, the film was shot in "
                        + "three months on a windy coast."),
                TestFixtures.gardeningArticle());
    }

    /** "Who directed ...?" is answered by the sentence that writes "director", which shares no stem with it. */
    @Test
    void whoDidItIsAnsweredByTheNounOfTheDoer() {
        Answer a = app.answers().ask("who directed the lanternfall movie?");
        assertThat(a.abstained()).isFalse();
        assertThat(a.text()).contains("Under director Ada Vance");
        assertThat(AgentNouns.forQuestion("who directed the lanternfall movie?")).isEqualTo("director");
        assertThat(AgentNouns.forQuestion("Who founded and led the company?")).isEqualTo("founder leader");
        assertThat(AgentNouns.forQuestion("When was the film directed?")).isEmpty(); // not a "who" question
        assertThat(AgentNouns.forQuestion("Who won the award?")).isEmpty();
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
