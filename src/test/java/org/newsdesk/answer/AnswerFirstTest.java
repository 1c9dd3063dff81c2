package org.newsdesk.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.search.Hit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The extractive composer on the seed corpus: ordinary factoid questions get the answer first; near misses none. */
class AnswerFirstTest {
    private final App app = TestFixtures.seedApp();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Who is the political expert with Carnegie Moscow Center?  | Masha Lipman  | person",
            "Who heads the State Duma's International Affairs Committee? | Alexei Pushkov | person",
            "When did Snowden receive asylum?                          | Aug. 1        | date",
            "How many lives has the civil war in Syria claimed?        | 70,000 lives  | count",
            "How many times did Lavrov and Kerry talk on the phone?    | 36 times      | count",
            "When is the New Start treaty set to expire?               | 2021          | date",
    })
    void theReplyStartsWithTheAnswerThenTheCitedSentence(String question, String expected, String type) {
        Answer a = app.answers().ask(question);
        assertThat(a.abstained()).isFalse();
        assertThat(a.answerType()).isEqualTo(type);
        // A bold short answer, when the composer is confident enough to show one, is the right one and leads.
        String lead = a.shortAnswer() == null ? "" : expected + ExtractiveComposer.SHORT_ANSWER_SEPARATOR;
        if (a.shortAnswer() != null) {
            assertThat(a.shortAnswer()).isEqualTo(expected);
            assertThat(AnswerText.plain(a)).startsWith(lead);
        }
        assertThat(a.text()).startsWith(lead);
        // The first quoted sentence holds the answer and is cited.
        String rest = a.text().substring(lead.length());
        String firstSentence = rest.substring(0, rest.indexOf(" [1]"));
        assertThat(firstSentence).contains(expected);
        assertThat(a.citations()).isNotEmpty();
    }

    @Test
    void aConfidentAnswerOfTheAskedForKindLeadsInBold() {
        Answer a = app.answers().ask("When did Snowden receive asylum?");
        assertThat(a.shortAnswer()).isEqualTo("Aug. 1");
        assertThat(a.text()).startsWith("Aug. 1" + ExtractiveComposer.SHORT_ANSWER_SEPARATOR);
    }

    /** Near misses built from the seed corpus: another year, another person than the articles'. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Which city did Kerry visit in May 2016?",
            "What did Pompeo say about election interference in 2024?",
            "When is the New Start treaty set to expire in 2031?",
            "Where did Rex Tillerson and Lavrov meet?",
    })
    void nearMissesAreDeclined(String question) {
        Answer a = app.answers().ask(question);
        assertThat(a.abstained()).as(a.text()).isTrue();
        assertThat(a.shortAnswer()).isNull();
        assertThat(a.evidence()).isLessThan(app.config().answer().abstainThreshold());
    }

    @Test
    void theSameQuestionAboutTheArticlesYearIsAnswered() {
        // The counterpart of the first near miss: the article says "in may 2015 he arrived in Sochi".
        Answer a = app.answers().ask("Which city did Kerry visit in May 2015?");
        assertThat(a.abstained()).isFalse();
        assertThat(a.text()).contains("Sochi");
    }

    /**
     * A question of many parts about one person: no sentence or pair of sentences holds enough of it, but the
     * windows of the articles that keep naming the same candidate do (entity-centred support).
     */
    @Test
    void aManyPartQuestionAboutOnePersonIsAnsweredFromTheArticlesThatNameHim() {
        String question = "Which individual, described as Russia's top diplomat, held talks with Kerry in Moscow about "
                + "Syria, criticized the contacts with the US Secretary of State, and met Pompeo?";
        Answer a = app.answers().ask(question);
        assertThat(a.abstained()).as(a.text()).isFalse();
        // A question of many parts: the name the articles keep naming leads, said as what it is, not in bold.
        assertThat(a.shortAnswer()).isNull();
        assertThat(a.text()).startsWith(ExtractiveComposer.HEDGE).contains("Lavrov");

        QuestionAnalysis q = QuestionAnalysis.of(question, app.searcher());
        List<Hit> top = a.retrieved().subList(0, Math.min(ExtractiveComposer.PASSAGES_CONSIDERED,
                a.retrieved().size()));
        EvidenceSentences es = new EvidenceSentences(q, top, app.searcher());
        double window = 0;
        for (EvidenceSentences.Sentence s : es.sentences) {
            window = Math.max(window, Math.max(es.support(s, false), es.support(s, true)));
        }
        double twoSources = ExtractiveComposer.TWO_SOURCE_FACTOR * es.twoSourceSupport();
        // Neither one window nor two sentences of two articles reach the threshold; the articles about him do.
        assertThat(Math.max(window, twoSources)).isLessThan(app.config().answer().abstainThreshold());
        assertThat(es.entitySupport()).isGreaterThanOrEqualTo(app.config().answer().abstainThreshold())
                .isEqualTo(a.evidence());
    }

    /**
     * When no single sentence gives a name enough support, the name the articles keep naming, whose windows together
     * carry the question, leads the reply, quoted with a sentence that names it.
     */
    @Test
    void theNameTheArticlesKeepNamingLeadsWhenNoSentenceDoesAlone() {
        String question = "Which individual, described as Russia's top diplomat, held talks with Kerry in Moscow about "
                + "Syria, criticized the contacts with the US Secretary of State, and met Pompeo?";
        QuestionAnalysis q = QuestionAnalysis.of(question, app.searcher());
        List<Hit> hits = app.answers().ask(question).retrieved();
        EvidenceSentences es = new EvidenceSentences(q, hits.subList(0, Math.min(ExtractiveComposer.PASSAGES_CONSIDERED,
                hits.size())), app.searcher());
        EvidenceSentences.Entity entity = es.entity();
        assertThat(entity).isNotNull();
        assertThat(entity.key()).contains("lavrov");
        ShortAnswer.Pick pick = ShortAnswer.fromEntity(q, es, entity.support(), hits);
        assertThat(pick).isNotNull();
        assertThat(pick.text()).contains("Lavrov");
        assertThat(pick.sentence().text()).contains("Lavrov");
        // Below the threshold the articles' support is not enough to name anyone.
        assertThat(ShortAnswer.fromEntity(q, es, entity.support() + 0.01, hits)).isNull();
    }

    /** Yes/no questions have their own threshold: the reply only shows the facts compared, never "yes" or "no". */
    @Test
    void yesNoQuestionsAreHeldToTheirOwnThreshold() {
        String yesNo = "Did Lavrov and Kerry discuss Syria in Sochi?";
        String who = "Who criticized the contacts with the US Secretary of State?";
        Answer yn = app.answers().ask(yesNo);
        Answer name = app.answers().ask(who);
        assertThat(yn.answerType()).isEqualTo("yes_no");
        assertThat(name.answerType()).isEqualTo("person");
        assertThat(yn.evidence()).isLessThan(0.99);
        assertThat(name.evidence()).isLessThan(0.99);

        // Each threshold just above its own question's evidence, the other one at zero.
        var strictForNames = new org.newsdesk.config.NewsdeskConfig.Answer("extractive", 3, 5,
                name.evidence() + 0.01, 0.15, 0.0);
        ExtractiveComposer composer = new ExtractiveComposer(app.searcher(), strictForNames);
        assertThat(composer.compose(yesNo, yn.retrieved()).abstained()).isFalse();
        assertThat(composer.compose(who, name.retrieved()).abstained()).isTrue();

        var strictForYesNo = new org.newsdesk.config.NewsdeskConfig.Answer("extractive", 3, 5, 0.0, 0.15,
                yn.evidence() + 0.01);
        composer = new ExtractiveComposer(app.searcher(), strictForYesNo);
        assertThat(composer.compose(yesNo, yn.retrieved()).abstained()).isTrue();
        assertThat(composer.compose(who, name.retrieved()).abstained()).isFalse();
    }

    /** A question about someone or something no article mentions at all is a near miss, however well the rest fits. */
    @Test
    void aQuestionNamingWhatNoArticleMentionsIsDeclined() {
        String question = "Which city did Kerry visit with Shreyanka Patil in May 2015?";
        QuestionAnalysis q = QuestionAnalysis.of(question, app.searcher());
        assertThat(q.unknownNames()).contains("Shreyanka").doesNotContain("Kerry", "May");
        Answer a = app.answers().ask(question);
        assertThat(a.abstained()).as(a.text()).isTrue();
        assertThat(a.evidence()).isZero();
        assertThat(a.text()).contains("no indexed article mentions “Shreyanka”");
        // A hostile "name" of thousands of letters is cut in the reply.
        Answer longName = app.answers().ask("Which city did Kerry visit with Q" + "x".repeat(3000) + "?");
        assertThat(longName.abstained()).isTrue();
        assertThat(longName.text()).contains("“Q" + "x".repeat(38) + "…”").hasSizeLessThan(300);
        // Without the unknown name the same question is answered (see theSameQuestionAboutTheArticlesYearIsAnswered).
        assertThat(QuestionAnalysis.of("Which city did Kerry visit in May 2015?", app.searcher()).unknownNames())
                .isEmpty();
        // Months and weekdays are capitalised but name nothing, whether or not an article writes them.
        assertThat(QuestionAnalysis.of("Did Kerry visit Sochi in December or on a Saturday?", app.searcher())
                .unknownNames()).isEmpty();
    }

    /** An outlet's name is in the passages' metadata, not their text: naming an outlet the archive holds is fine. */
    @Test
    void anOutletTheArchiveHoldsIsNotAnUnknownName() {
        App dated = org.newsdesk.DatedCorpus.app();
        assertThat(QuestionAnalysis.of("What did the Harbour Gazette report about the port strike?", dated.searcher())
                .unknownNames()).isEmpty();
        assertThat(QuestionAnalysis.of("What did the Quarterly Zyxwv report about the port strike?", dated.searcher())
                .unknownNames()).containsExactly("Quarterly", "Zyxwv");
    }

    @Test
    void aTitleAloneIsNotAPersonsName() {
        assertThat(ShortAnswer.personLike("U.S. Secretary")).isFalse();
        assertThat(ShortAnswer.personLike("Sergey Lavrov")).isTrue();
    }

    @Test
    void aOneWordNameIsGivenInTheFullFormThePassagesWrite() {
        String question = "Who did Kerry meet in Sochi?";
        Answer a = app.answers().ask(question);
        QuestionAnalysis q = QuestionAnalysis.of(question, app.searcher());
        String full = ShortAnswer.fullForm(q, "Lavrov", a.retrieved());
        assertThat(full).isIn("Sergey Lavrov", "Sergei Lavrov");
        // A name the passages never write longer stays as it is.
        assertThat(ShortAnswer.fullForm(q, "Sochi", a.retrieved())).isEqualTo("Sochi");
    }

    @Test
    void aYesNoQuestionGetsNoYesOrNoButTheFactsOfBothSourcesEachCited() {
        Answer a = app.answers().ask("Did Kerry meet Putin in Moscow, and did Pompeo meet Lavrov in Sochi?");
        assertThat(a.answerType()).isEqualTo("yes_no");
        assertThat(a.shortAnswer()).isNull();
        assertThat(a.text()).doesNotStartWith("Yes").doesNotStartWith("No");
        assertThat(a.citations()).hasSizeGreaterThanOrEqualTo(2);
    }
}
