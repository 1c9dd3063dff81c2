package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsdesk.testkit.LinearTime;

import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCandidatesTest {
    private static List<String> of(String sentence, AnswerCandidates.Kind kind) {
        return AnswerCandidates.extract(sentence).stream().filter(c -> c.kind() == kind)
                .map(AnswerCandidates.Candidate::text).toList();
    }

    @ParameterizedTest(name = "{0} -> {2} {1}")
    @CsvSource(delimiter = '|', value = {
            "The case costs £99 in the UK.                       | £99           | MONEY",
            "Prices start at $1,199 for the Pro.                 | $1,199        | MONEY",
            "The fine was €4.3 billion last year.                | €4.3 billion  | MONEY",
            "Google paid $26.3 billion in 2021.                  | $26.3 billion | MONEY",
            "The club was sold for £3bn.                         | £3bn          | MONEY",
            "Revenue rose to 500 million dollars.                | 500 million dollars | MONEY",
            "Sales reached 9.3 billion in the quarter.           | 9.3 billion   | QUANTITY",
            "It has a 7.4-inch screen.                           | 7.4-inch      | QUANTITY",
            "Unemployment fell to 3.9% in May.                   | 3.9%          | QUANTITY",
            "Shares dropped 12 percent on Friday.                | 12 percent    | QUANTITY",
            "The war has claimed more than 70,000 lives.         | 70,000 lives  | NUMBER",
            "They talked on the phone 36 times.                  | 36 times      | NUMBER",
            "Eight people were hurt in the crash.                | Eight people  | NUMBER",
            "The deal was signed on October 6, 2023, in Paris.   | October 6, 2023 | DATE",
            "Snowden received asylum on Aug. 1, officials said.  | Aug. 1        | DATE",
            "The summit ends on 6 October 2023 at noon.          | 6 October 2023 | DATE",
            "It was published 2023-10-06 by the agency.          | 2023-10-06    | DATE",
            "The talks take place on Tuesday in Washington.      | Tuesday       | DATE",
            "The company was founded in 2015 by two students.    | 2015          | DATE",
            "Sam Bankman-Fried was found guilty on all counts.   | Sam Bankman-Fried | NAME",
            "Green Bay's A.J. Dillon ran for 73 yards.           | A.J. Dillon   | NAME",
            "The book is by J. K. Rowling, the author.           | J. K. Rowling | NAME",
            "The Bank of England held rates at 5.25%.            | Bank of England | NAME",
            "Masha Lipman, a political expert, said so.          | Masha Lipman  | NAME",
            "Critics praised “The Zone of Interest” at Cannes.   | The Zone of Interest | QUOTED",
    })
    void findsTheCandidate(String sentence, String expected, AnswerCandidates.Kind kind) {
        assertThat(of(sentence, kind)).contains(expected);
    }

    @Test
    void numberWordsCountNounsNotPronounsOrAdverbs() {
        assertThat(of("The two also raised the possibility of talks.", AnswerCandidates.Kind.NUMBER)).isEmpty();
        assertThat(of("Officials said two also met in May.", AnswerCandidates.Kind.NUMBER)).containsExactly("two");
        assertThat(of("Eight people were hurt.", AnswerCandidates.Kind.NUMBER)).containsExactly("Eight people");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Using Caroline Ellison as a front, he had secret access. | Caroline Ellison",
            "Had Bankman-Fried called anyone in to ask?               | Bankman-Fried",
            "FTX co-founder and former CTO Gary Wang pleaded guilty.  | Gary Wang",
            "He left. Following Sam Altman's exit, the board met.     | Sam Altman",
    })
    void aVerbStartingTheSentenceOrATitleIsNotPartOfTheName(String sentence, String expected) {
        assertThat(of(sentence, AnswerCandidates.Kind.NAME)).contains(expected)
                .noneMatch(n -> n.endsWith(" " + expected));
    }

    @Test
    void aNameThatEndsInIngStillStartsAName() {
        // Only a capitalised verb form at the start of a sentence is dropped, not a name in the middle of one.
        assertThat(of("The Chinese leader Xi Jinping met Peyton Manning.", AnswerCandidates.Kind.NAME))
                .contains("Xi Jinping", "Peyton Manning");
    }

    @Test
    void sentenceStartsMonthsAndPossessivesAreNotNames() {
        List<String> names = of("However, The Federal Reserve's chair spoke in March to Jerome Powell's staff.",
                AnswerCandidates.Kind.NAME);
        assertThat(names).contains("Federal Reserve", "Jerome Powell").doesNotContain("However", "March",
                "The Federal Reserve's");
    }

    @Test
    void candidatesFitTheirAnswerTypes() {
        List<AnswerCandidates.Candidate> all = AnswerCandidates.extract(
                "On Tuesday, Apple said the iPhone 15 Pro costs $999 and sold 12 million units, up 5%.");
        assertThat(all.stream().filter(c -> c.fits(AnswerType.MONEY)).map(AnswerCandidates.Candidate::text))
                .containsExactly("$999");
        assertThat(all.stream().filter(c -> c.fits(AnswerType.DATE)).map(AnswerCandidates.Candidate::text))
                .containsExactly("Tuesday");
        assertThat(all.stream().filter(c -> c.fits(AnswerType.ORGANISATION)).map(AnswerCandidates.Candidate::text))
                .contains("Apple");
        assertThat(all.stream().filter(c -> c.fits(AnswerType.COUNT)).map(AnswerCandidates.Candidate::text))
                .contains("12 million");
        assertThat(all.stream().filter(c -> c.fits(AnswerType.YES_NO))).isEmpty();
    }

    /** Scores, records and tallies; not dates, phone numbers, ranges of a unit or seasons. */
    @Test
    void scoresAreTwoSmallNumbersJoinedByADash() {
        assertThat(of("South Africa beat New Zealand 12-11 in the final.", AnswerCandidates.Kind.SCORE))
                .containsExactly("12-11");
        assertThat(of("The Fire won 4–1, and Opetaia moved to 24-0 (the 52-48 vote came later).",
                AnswerCandidates.Kind.SCORE)).containsExactly("4–1", "24-0", "52-48");
        assertThat(of("Filed 10-04-2023; call 555-123-4567; it lasts 12-18 months; the 2023-24 season; 3 - 1.",
                AnswerCandidates.Kind.SCORE)).isEmpty();
        // a score fits a question that asks for one, and only such a question
        AnswerCandidates.Candidate score = AnswerCandidates.extract("They won 4-1.").stream()
                .filter(c -> c.kind() == AnswerCandidates.Kind.SCORE).findFirst().orElseThrow();
        assertThat(score.fits(AnswerType.QUANTITY)).isFalse();
        assertThat(score.fits(AnswerType.COUNT)).isFalse();
    }

    @Test
    void keysIgnoreCaseArticlesAndPossessives() {
        assertThat(new AnswerCandidates.Candidate("The Federal Reserve's", AnswerCandidates.Kind.NAME, 0, 0).key())
                .isEqualTo(new AnswerCandidates.Candidate("federal reserve", AnswerCandidates.Kind.NAME, 0, 0).key());
    }

    /** Hostile inputs: every scanner is one pass, so its cost grows with the text, not with its square. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void linearTimeOnHostileInput() {
        // each builds a hostile text of about n characters
        List<IntFunction<String>> hostile = List.of(
                n -> "A".repeat(n),
                n -> "A.".repeat(n / 2),
                n -> "A-".repeat(n / 2),
                n -> "Aa ".repeat(n / 3),
                n -> "1,".repeat(n / 2),
                n -> "1.1".repeat(n / 3),
                n -> "$1".repeat(n / 2),
                n -> "“A ".repeat(n / 3),
                n -> "\"".repeat(n),
                n -> "October 1, ".repeat(n / 11),
                n -> "1-".repeat(n / 2),
                n -> "12-11 ".repeat(n / 6),
                n -> "1–2-".repeat(n / 4),
                n -> "9".repeat(n) + "-inch",
                n -> "Bank of ".repeat(n / 8),
                n -> "[1".repeat(n / 2),
                n -> "http://".repeat(n / 7));
        List<java.util.function.Consumer<String>> scanners = List.of(
                AnswerCandidates::extract,
                QuestionAnalysis::typeOf,
                NewsTokens::plainWords,
                NewsTokens::namedWords,
                QuestionAnalysis::namedDates,
                t -> SupportCheck.stripMarkers(t, new java.util.ArrayList<>()),
                t -> SupportCheck.withoutUncitedLinks(t, ""),
                t -> SupportCheck.sentences(t, n -> "passage text"),
                t -> QuestionTypes.headNoun(NewsTokens.words(t)),
                NameAliases::capitalisedRuns,
                t -> QuestionAnalysis.typeOf("In which " + t + " what"));
        // Judged by how the cost scales from 32 K to 128 K characters, in CPU time (a wall-clock bound failed
        // under load): a quadratic scanner takes 16 times as long on the longer text, a linear one 4.
        for (int h = 0; h < hostile.size(); h++) {
            for (int k = 0; k < scanners.size(); k++) {
                LinearTime.assertLinear("scanner " + k + " on hostile text " + h + " ("
                        + hostile.get(h).apply(16).substring(0, 8) + "…)", hostile.get(h), 32 * 1024, scanners.get(k));
            }
        }
    }
}
