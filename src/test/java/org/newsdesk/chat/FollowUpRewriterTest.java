package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.search.Hit;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.store.TurnStore;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpRewriterTest {
    static final String OBAMA_TRIP_ARTICLE = "000_01b0abbf759fb5cc";
    private final FollowUpRewriter rewriter = new FollowUpRewriter();

    static TurnStore.Turn turn(String question) {
        return new TurnStore.Turn(Instant.EPOCH, question, question, "answer", false);
    }

    @Test
    void aNewNameTakesThePreviousQuestionsWordsAndNoNameTakesTheSubject() {
        FollowUpContext cruise = rewriter.context(List.of(turn("Which agency suspended Cruise's driverless permits?")));
        assertThat(rewriter.rewrite(cruise, "Which carmaker owns it?")).isEqualTo("Which carmaker owns it? Cruise");
        assertThat(rewriter.rewrite(cruise, "What about Waymo?"))
                .isEqualTo("What about Waymo? agency suspended driverless permits");
    }

    @Test
    void detectsFollowUps() {
        assertThat(FollowUpRewriter.isFollowUp("and what did Putin say about it?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("What about Shoigu?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Why did they cancel the summit?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("When did he arrive in Moscow?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Why?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("Where did Pompeo and Lavrov meet in 2019?")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Who is the UN envoy for Syria?")).isFalse();
        // short is not the same as referring back
        assertThat(FollowUpRewriter.isFollowUp("Snowden asylum")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Masha Lipman")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("canelo vs charlo venue?")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Did Apple raise its prices?")).as("its has a name before it").isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Is there a ceasefire in Syria?")).isFalse();
        assertThat(FollowUpRewriter.isFollowUp("Which carmaker owns it?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("who said that?")).isTrue();
        assertThat(FollowUpRewriter.isFollowUp("And in which city is the startup based?")).isTrue();
    }

    @Test
    void aMessageWithoutANameOrARareWordIsElliptical() {
        FollowUpRewriter seeded = new FollowUpRewriter(TestFixtures.seedApp().searcher());
        FollowUpContext obama = after("Why did Obama cancel his trip to Moscow?");
        // nothing in it says what it is about (a word of no seed passage; on a large archive also a common one)
        assertThat(seeded.refersBackOrElliptical("who won?", obama)).isTrue();
        assertThat(seeded.refersBackOrElliptical("how much?", obama)).isTrue();
        // lower-case, yet rare words of the archive: a subject of its own
        assertThat(seeded.refersBackOrElliptical("snowden asylum", obama)).isFalse();
        assertThat(seeded.refersBackOrElliptical("nunn-lugar program", obama)).isFalse();
        assertThat(seeded.refersBackOrElliptical("Masha Lipman", obama)).isFalse();
        // without an index the rule cannot tell: only what refers back by its words
        assertThat(rewriter.refersBackOrElliptical("who won?", obama)).isFalse();
        // a rare word written in lower case before the pronoun is what the pronoun stands for, as a name would be
        assertThat(seeded.refersBackOrElliptical("why did snowden leave his country", obama)).isFalse();
        assertThat(FollowUpRewriter.refersBack("why did snowden leave his country", obama)).isTrue();
        assertThat(seeded.refersBackOrElliptical("why did he leave his country", obama)).isTrue();
        // but a rare word before "it" is what is asked about, and "it" points back
        assertThat(seeded.refersBackOrElliptical("which asylum decision angered it?", obama)).isTrue();
        // the noun right after the question word is the kind of answer asked for, not the message's subject
        assertThat(seeded.hasOwnSubject("which asylum?")).isFalse();
        assertThat(seeded.refersBackOrElliptical("which asylum?", obama)).isTrue();
        assertThat(seeded.hasOwnSubject("what is asylum?")).isTrue();
        assertThat(seeded.hasOwnSubject("snowden asylum")).isTrue();
    }

    @Test
    void aDefiniteReferenceToThePreviousMessagesNounRefersBack() {
        FollowUpContext rainforest = after("Which VC firm led the $8.5 million seed round of Rainforest, the payments "
                + "startup?");
        assertThat(FollowUpRewriter.refersBack("In which city is the startup based?", rainforest)).isTrue();
        assertThat(FollowUpRewriter.refersBack("In which city is the startup based?", null)).isFalse();
        assertThat(FollowUpRewriter.refersBack("Where was the UK's AI Safety Summit held?", rainforest)).isFalse();
    }

    private FollowUpContext after(String question) {
        return rewriter.context(List.of(turn(question)));
    }

    @Test
    void carriesThePreviousQuestionsNamesAndTermsIntoAFollowUp() {
        String q = rewriter.rewrite(after("Why did Barack Obama cancel his trip to Moscow?"),
                "and what did Putin say about it?");
        assertThat(q).startsWith("and what did Putin say about it?").contains("Barack Obama").contains("Moscow")
                .contains("cancel").contains("trip").doesNotContain(" Why").doesNotContain(" his ");
    }

    @Test
    void theDocumentedExample() {
        assertThat(rewriter.rewrite(after("Why was Obama's trip to Moscow canceled?"),
                "and what did Putin say about it?"))
                .isEqualTo("and what did Putin say about it? Obama Moscow trip canceled");
    }

    @Test
    void noHistoryAndADeclinedTurnOfferNothing() {
        assertThat(rewriter.context(List.of())).isNull();
        assertThat(rewriter.rewrite(null, "and what did Putin say about it?"))
                .isEqualTo("and what did Putin say about it?");
        TurnStore.Turn declined = new TurnStore.Turn(Instant.EPOCH, "What is the current price of Bitcoin?",
                "What is the current price of Bitcoin?", "no indexed article mentions “Bitcoin”", true);
        assertThat(rewriter.context(List.of(turn("Why did Obama cancel his trip to Moscow?"), declined))).isNull();
    }

    @Test
    void aChainCarriesTheFirstSubjectAndThePreviousOwnWordsNeverAnEarlierRewrite() {
        TurnStore.Turn first = turn("Why did Obama cancel his trip to Moscow?");
        String second = "and what did Putin say about it?";
        TurnStore.Turn rewritten = new TurnStore.Turn(Instant.EPOCH, second,
                rewriter.rewrite(rewriter.context(List.of(first)), second), "answer", false);
        FollowUpContext third = rewriter.context(List.of(first, rewritten));
        assertThat(third.previousMessage()).isEqualTo(second);
        assertThat(third.subject()).isEqualTo("Obama");
        // the subject only: "trip" and "cancel" of the first message are not carried past its follow-up
        assertThat(rewriter.rewrite(third, "when did he say it?")).isEqualTo("when did he say it? Obama");
        // a new name with a pronoun: the subject and the previous message's own words (Putin), never the first's
        assertThat(rewriter.rewrite(third, "Did Lavrov agree with him?")).contains("Obama").contains("Putin")
                .doesNotContain("trip").doesNotContain("cancel");
    }

    /**
     * "And of Microsoft?" after "Who is the CEO of OpenAI?" asks the same of a new subject: the previous message's
     * words are carried, its names not, except a role word the archive writes everywhere ("CEO"), not the subject.
     */
    @Test
    void aNewSubjectCarriesThePreviousQuestionsWordsAndItsRoleWordsButNotItsNames() {
        String previous = "Who is the CEO of OpenAI, according to the board?";
        assertThat(FollowUpRewriter.keyTerms(previous, "and of Microsoft?", false, n -> false))
                .containsExactly("according", "board");
        assertThat(FollowUpRewriter.keyTerms(previous, "and of Microsoft?", false, n -> n.equals("CEO")))
                .containsExactly("CEO", "according", "board");
        assertThat(FollowUpRewriter.keyTerms(previous, "and of Microsoft?", true, n -> false))
                .containsExactly("CEO", "OpenAI", "according", "board");
    }

    @Test
    void theSubjectIsTheNamesOrWithoutNamesTheContentWords() {
        // without an index to ask which is rarer, the first name written
        assertThat(rewriter.subjectOf("Which California agency suspended Cruise's driverless permits in October 2023?"))
                .isEqualTo("California");
        // with the seed index: the rarest of its names (Lavrov is in every seed article, Pompeo in one)
        assertThat(new FollowUpRewriter(TestFixtures.seedApp().searcher()).subjectOf("Did Lavrov meet Pompeo?"))
                .isEqualTo("Pompeo");
        assertThat(rewriter.subjectOf("who directed the fnaf movie")).isEqualTo("directed fnaf movie");
        // without a name, only its words that are rare in the archive (in a few passages, not in none)
        FollowUpRewriter seeded = new FollowUpRewriter(TestFixtures.seedApp().searcher());
        assertThat(seeded.subjectOf("snowden zebra crossing")).isEqualTo("snowden");
        assertThat(seeded.subjectOf("zebra crossing")).isEqualTo("zebra crossing");
    }

    @Test
    void aPronounFollowUpRetrievesTheRightSeedArticleOnlyWhenRewritten() {
        var searcher = TestFixtures.seedApp().searcher();
        String first = "Why did Obama cancel his trip to Moscow?";
        String followUp = "what did the Kremlin say about that?";
        assertThat(top(searcher.search(SearchRequest.of(first, 3, SearchRequest.Mode.HYBRID))))
                .isEqualTo(OBAMA_TRIP_ARTICLE);
        // Alone, the follow-up finds another article: the test shows the rewrite is what finds the right one.
        assertThat(top(searcher.search(SearchRequest.of(followUp, 3, SearchRequest.Mode.HYBRID))))
                .isNotEqualTo(OBAMA_TRIP_ARTICLE);
        String rewritten = rewriter.rewrite(after(first), followUp);
        assertThat(rewritten).isNotEqualTo(followUp);
        List<Hit> hits = searcher.search(SearchRequest.of(rewritten, 3, SearchRequest.Mode.HYBRID));
        assertThat(top(hits)).isEqualTo(OBAMA_TRIP_ARTICLE);
    }

    private static String top(List<Hit> hits) {
        return hits.isEmpty() ? null : hits.get(0).passage().articleId();
    }
}
