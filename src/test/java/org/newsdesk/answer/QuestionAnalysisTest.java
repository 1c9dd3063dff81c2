package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsdesk.search.TermStatistics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionAnalysisTest {
    /**
     * The archive's word counts as a table: 1,000 passages; names and years rare, common words frequent, and every
     * other term in 50. Enough for the weights, focus terms and names of these questions without an index.
     */
    private static final Map<String, Integer> DOC_FREQS = Map.of("kerri", 12, "2016", 30, "2015", 30, "uk", 40,
            "citi", 300, "visit", 250, "summit", 120, "held", 400, "host", 200);
    private static final TermStatistics ARCHIVE = terms -> {
        Map<String, Integer> df = new HashMap<>();
        terms.forEach(t -> df.put(t, DOC_FREQS.getOrDefault(t, 50)));
        return new TermStatistics.TermStats(1000, df, Set.of());
    };

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Who is the CEO of OpenAI?                                        | PERSON",
            "Who is Masha Lipman?                                             | OTHER",
            "Who was Sergei Shoigu?                                           | OTHER",
            "Whom did Kerry meet in Moscow?                                   | PERSON",
            "Which player scored the winning goal?                            | PERSON",
            "Which company makes the Pixel 8?                                 | ORGANISATION",
            "What team won the Rugby World Cup?                               | ORGANISATION",
            "Where did Pompeo and Lavrov meet?                                | PLACE",
            "Which city hosted the summit?                                    | PLACE",
            "In which country was the film shot?                              | PLACE",
            "When did Snowden receive asylum?                                 | DATE",
            "What year was the company founded?                               | DATE",
            "On what date does the treaty expire?                             | DATE",
            "How much does the iPhone 15 cost?                                | MONEY",
            "What is the starting price of the iPhone 15?                     | MONEY",
            "What was the launch price of the Google Pixel 8?                 | MONEY",
            "What were Amazon's net sales in the third quarter?               | MONEY",
            "How many people died in the attack?                              | COUNT",
            "What number of goals did he score?                               | COUNT",
            "How big is the screen of the new phone?                          | QUANTITY",
            "What percentage of voters backed the plan?                       | QUANTITY",
            "Which album won Album of the Year?                               | NAMED",
            "What is the name of the new model?                               | NAMED",
            "What is the name of the company that bought Twitter?             | ORGANISATION",
            "Does the TechCrunch article say that prices rose?                | YES_NO",
            "Was the report by The Verge published before the one by Wired?   | YES_NO",
            "Between the two TechCrunch reports, was there a change in tone?  | YES_NO",
            "Why did Obama cancel his trip to Moscow?                         | OTHER",
            "What did Pompeo say about Iran?                                  | OTHER",
            "How did the market react?                                        | OTHER",
            "What happened at the summit?                                     | OTHER",
            "Considering the Fortune and CNBC articles, which company is accused of fraud? | ORGANISATION",
    })
    void expectedAnswerType(String question, AnswerType expected) {
        assertThat(QuestionAnalysis.typeOf(question)).isEqualTo(expected);
    }

    @Test
    void aScoreIsAskedForByItsNounOrAtTheEndOfAKeywordQuery() {
        assertThat(QuestionAnalysis.of("What was the final score of the Rugby World Cup final?", ARCHIVE).asksScore())
                .isTrue();
        assertThat(QuestionAnalysis.of("chicago fire vs inter miami final score", ARCHIVE).asksScore()).isTrue();
        assertThat(QuestionAnalysis.of("What was Opetaia's record after the fight?", ARCHIVE).asksScore()).isTrue();
        assertThat(QuestionAnalysis.of("What share of the vote did Milei win?", ARCHIVE).asksScore()).isFalse();
        assertThat(QuestionAnalysis.of("Who scored in the final score update?", ARCHIVE).asksScore()).isFalse();
    }

    @Test
    void focusTermsAndNumbersAgainstTheArchivesWordCounts() {
        QuestionAnalysis q = QuestionAnalysis.of("Which city did Kerry visit in May 2016?", ARCHIVE);
        assertThat(q.type()).isEqualTo(AnswerType.PLACE);
        assertThat(q.numbers()).containsExactly("2016");
        assertThat(q.decisive()).containsExactly("2016");
        assertThat(q.focus()).contains("kerri", "2016");
        // Common words in the archive are not focus terms: the weights come from the counts.
        assertThat(q.focus()).doesNotContain("citi", "visit");
        // "2016" is anchored where it stands next to the question's words, not anywhere in a sentence.
        assertThat(q.anchoredNumbers("In May 2016 he arrived in Sochi.")).containsExactly("2016");
        assertThat(q.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring.")).isEmpty();
        // Another year where the question's stands is a contradiction.
        assertThat(q.conflictingNumbers("The visit of Kerry to Russia, in may 2015 he arrived in Sochi."))
                .containsExactly("2016");
    }

    @Test
    void aDottedAbbreviationIsTheNameTheQuestionWritesWithoutDots() {
        QuestionAnalysis q = QuestionAnalysis.of("Where was the UK's summit held?", ARCHIVE);
        assertThat(q.names(new AnswerCandidates.Candidate("U.K.", AnswerCandidates.Kind.NAME, 0, 4))).isTrue();
        assertThat(q.names(new AnswerCandidates.Candidate("U.S.", AnswerCandidates.Kind.NAME, 0, 4))).isFalse();
    }

    @Test
    void aYearGivenAsATimeIsAnchoredAnywhereInTheSentence() {
        // "in 2016": when it happened, which a sentence may write anywhere ("In 2016 ... Kerry visited Sochi").
        QuestionAnalysis time = QuestionAnalysis.of("Which city did Kerry visit in 2016?", ARCHIVE);
        assertThat(time.timeYears()).containsExactly("2016");
        assertThat(time.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring."))
                .containsExactly("2016");
        // "the 2016 Kerry visit", "in May 2016": part of a name or a date, anchored only next to its words.
        QuestionAnalysis name = QuestionAnalysis.of("Which city hosted the 2016 Kerry visit?", ARCHIVE);
        assertThat(name.timeYears()).isEmpty();
        assertThat(name.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring.")).isEmpty();
        assertThat(QuestionAnalysis.of("Which city did Kerry visit in May 2016?", ARCHIVE).timeYears())
                .isEmpty();
    }

    @Test
    void datesTheQuestionNames() {
        var dates = QuestionAnalysis.namedDates("Did the report published on October 19, 2023 differ from the 2023-11-24 one?");
        assertThat(dates).hasSize(2);
        assertThat(dates.get(0).matches(LocalDate.of(2023, 10, 19))).isTrue();
        assertThat(dates.get(0).matches(LocalDate.of(2023, 10, 20))).isFalse();
        assertThat(dates.get(1).matches(LocalDate.of(2023, 11, 24))).isTrue();
    }
}
