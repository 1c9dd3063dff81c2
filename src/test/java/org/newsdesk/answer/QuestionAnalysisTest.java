package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionAnalysisTest {
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
    void focusTermsAndNumbersAgainstTheSeedIndex() {
        App app = TestFixtures.seedApp();
        QuestionAnalysis q = QuestionAnalysis.of("Which city did Kerry visit in May 2016?", app.searcher());
        assertThat(q.type()).isEqualTo(AnswerType.PLACE);
        assertThat(q.numbers()).containsExactly("2016");
        assertThat(q.decisive()).containsExactly("2016");
        assertThat(q.focus()).contains("kerri", "2016");
        // "2016" is anchored where it stands next to the question's words, not anywhere in a sentence.
        assertThat(q.anchoredNumbers("In May 2016 he arrived in Sochi.")).containsExactly("2016");
        assertThat(q.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring.")).isEmpty();
        // Another year where the question's stands is a contradiction.
        assertThat(q.conflictingNumbers("The visit of Kerry to Russia, in may 2015 he arrived in Sochi."))
                .containsExactly("2016");
    }

    @Test
    void aDottedAbbreviationIsTheNameTheQuestionWritesWithoutDots() {
        QuestionAnalysis q = QuestionAnalysis.of("Where was the UK's summit held?", TestFixtures.seedApp().searcher());
        assertThat(q.names(new AnswerCandidates.Candidate("U.K.", AnswerCandidates.Kind.NAME, 0, 4))).isTrue();
        assertThat(q.names(new AnswerCandidates.Candidate("U.S.", AnswerCandidates.Kind.NAME, 0, 4))).isFalse();
    }

    @Test
    void aYearGivenAsATimeIsAnchoredAnywhereInTheSentence() {
        App app = TestFixtures.seedApp();
        // "in 2016": when it happened, which a sentence may write anywhere ("In 2016 ... Kerry visited Sochi").
        QuestionAnalysis time = QuestionAnalysis.of("Which city did Kerry visit in 2016?", app.searcher());
        assertThat(time.timeYears()).containsExactly("2016");
        assertThat(time.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring."))
                .containsExactly("2016");
        // "the 2016 Kerry visit", "in May 2016": part of a name or a date, anchored only next to its words.
        QuestionAnalysis name = QuestionAnalysis.of("Which city hosted the 2016 Kerry visit?", app.searcher());
        assertThat(name.timeYears()).isEmpty();
        assertThat(name.anchoredNumbers("In 2016 the weather was cold; Kerry visited Sochi in the spring.")).isEmpty();
        assertThat(QuestionAnalysis.of("Which city did Kerry visit in May 2016?", app.searcher()).timeYears())
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
