package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-word answer given in the full form the passages write: a person's with the given name, a company's whole. */
class FullFormTest {
    private static List<Hit> hits(String... texts) {
        List<Hit> out = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Passage p = new Passage(Passage.idOf("a" + i, 0), "a" + i, 0, 0, texts[i].length(), texts[i], "T", "S",
                    "u", null);
            out.add(new Hit(p, 1.0, 1, 1, 1f, 1f));
        }
        return out;
    }

    private static QuestionAnalysis question(String q) {
        return QuestionAnalysis.of(q, TestFixtures.seedApp().searcher());
    }

    @Test
    void aCompanysShortFormBecomesTheNameThePassagesWriteMoreOften() {
        QuestionAnalysis which = question("Which company offers the biggest welcome bonus?");
        assertThat(ShortAnswer.fullForm(which, "Caesars", hits("Caesars Sportsbook offers a bonus of $1,000.",
                "New users of Caesars Sportsbook get a first bet on Caesars."))).isEqualTo("Caesars Sportsbook");
        // one of the company's products, written less often than the company alone: the company stays
        assertThat(ShortAnswer.fullForm(which, "Google", hits("Google said Google Play will change.",
                "Google Play fees are high, Google said.", "Google appealed."))).isEqualTo("Google");
    }

    @Test
    void aPersonsShortFormIsTheSurnameNeverTheGivenName() {
        QuestionAnalysis who = question("Who founded the exchange?");
        assertThat(ShortAnswer.fullForm(who, "Bankman-Fried", hits("Sam Bankman-Fried founded FTX.",
                "Sam Bankman-Fried was convicted."))).isEqualTo("Sam Bankman-Fried");
        assertThat(ShortAnswer.fullForm(who, "Sam", hits("Sam Altman returned.", "Sam Altman spoke.")))
                .isEqualTo("Sam");
    }
}
