package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveComposerTest {
    private final App app = TestFixtures.seedApp();

    @Test
    void wordsInCapitalsAreTriedAsInitialsHoweverCommonButLowerCaseOnesOnlyWhenRare() {
        String question = "Where did the UK's AI envoy and Kerry meet?";
        QuestionAnalysis q = QuestionAnalysis.of(question, app.searcher());
        // "AI" may be written "Artificial Intelligence" in the sentence that answers; "and" is never initials.
        assertThat(ExtractiveComposer.initialsWords(question, q)).contains("UK", "AI").doesNotContain("and", "envoy");
    }

    @Test
    void everySentenceCarriesACitationThatIsListed() {
        Answer a = app.answers().ask("Why did Obama cancel his trip to Moscow?");
        assertThat(a.abstained()).isFalse();
        assertThat(a.text()).contains("Snowden");
        assertThat(a.citedArticleIds()).contains("000_01b0abbf759fb5cc");
        Matcher m = Pattern.compile("\\[(\\d+)]").matcher(a.text());
        int markers = 0;
        while (m.find()) {
            markers++;
            int n = Integer.parseInt(m.group(1));
            assertThat(a.citations()).anySatisfy(c -> assertThat(c.n()).isEqualTo(n));
        }
        assertThat(markers).isBetween(1, app.config().answer().maxSentences());
        // numbered in order of first use, from 1
        for (int i = 0; i < a.citations().size(); i++) {
            assertThat(a.citations().get(i).n()).isEqualTo(i + 1);
        }
        assertThat(a.citations().get(0).title()).isNotBlank();
        assertThat(a.citations().get(0).passage()).isNotBlank();
        assertThat(a.timings().totalMs()).isGreaterThanOrEqualTo(a.timings().retrieveMs());
    }

    @Test
    void abstainsWhenTheArchiveHasNothingOnTheQuestion() {
        Answer a = app.answers().ask("What is a good recipe for sourdough bread?");
        assertThat(a.abstained()).isTrue();
        assertThat(a.citations()).isEmpty();
        assertThat(a.text()).isEqualTo(ExtractiveComposer.NOT_FOUND);
        assertThat(a.evidence()).isLessThan(app.config().answer().abstainThreshold());
    }

    @Test
    void plainRenderingListsNumberedSources() {
        Answer a = app.answers().ask("When is the New Start treaty set to expire?");
        String text = AnswerText.plain(a);
        assertThat(text).contains("Sources:").contains("[1] ");
        assertThat(text).contains(a.citations().get(0).title());
    }
}
