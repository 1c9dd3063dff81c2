package org.newsdesk.answer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A bold short answer must be of the asked-for kind. */
class AnswerAgreementTest {
    private static QuestionAnalysis analysis(String question) {
        var ws = NewsTokens.words(question);
        Set<String> lower = new java.util.HashSet<>();
        ws.forEach(w -> lower.add(w.lower()));
        return new QuestionAnalysis(QuestionTypes.type(ws), Map.of("x", 1.0), 1, Set.of(), Set.of(), Set.copyOf(lower),
                Map.of(), Set.of(), List.of(), List.of(), QuestionTypes.headNoun(ws), List.of(), Set.of());
    }

    private static AnswerCandidates.Candidate candidate(String sentence, String text) {
        return AnswerCandidates.extract(sentence).stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void aStadiumQuestionIsAnsweredByAStadiumNotByAPersonOrARegion() {
        QuestionAnalysis q = analysis("At which stadium did Cincinnati's win knock Inter Miami out?");
        assertThat(q.headNoun()).isEqualTo("stadium");
        String s = "Lionel Messi could not save them at DRV PNK Stadium in Southern California.";
        assertThat(AnswerAgreement.agrees(q, candidate(s, "DRV PNK Stadium"), s)).isTrue();
        assertThat(AnswerAgreement.agrees(q, candidate(s, "Lionel Messi"), s)).isFalse();
        String t = "The film was compiled from shows at Southern California’s SoFi Stadium last year.";
        assertThat(AnswerAgreement.agrees(q, candidate(t, "SoFi Stadium"), t)).isTrue();
    }

    @Test
    void aNumberTheQuestionWritesIsNoAnswerAndACountCountsTheAskedNoun() {
        QuestionAnalysis q = analysis("Frankfurt's 5-1 win made them the first team in how many years to score five goals?");
        assertThat(q.headNoun()).isEqualTo("years");
        String s = "Frankfurt became the first team in 48 years to score 5 goals in an hour.";
        assertThat(AnswerAgreement.agrees(q, candidate(s, "48 years"), s)).isTrue();
        assertThat(AnswerAgreement.agrees(q, candidate(s, "5 goals"), s)).isFalse();
    }

    @Test
    void aChangeIsAPercentageADateHasADayAndAPersonHasAFullName() {
        QuestionAnalysis change = analysis("By how much did Coinbase shares climb in November?");
        String s = "Coinbase shares climbed more than 60% to $124.72 in November.";
        assertThat(AnswerAgreement.agrees(change, candidate(s, "60%"), s)).isTrue();
        assertThat(AnswerAgreement.agrees(change, candidate(s, "$124.72"), s)).isFalse();

        QuestionAnalysis date = analysis("On what date was the study published?");
        String d = "The study was published on Tuesday, Dec. 12 in JAMA.";
        assertThat(AnswerAgreement.agrees(date, candidate(d, "Dec. 12"), d)).isTrue();
        assertThat(AnswerAgreement.agrees(date, candidate(d, "Tuesday"), d)).isFalse();

        QuestionAnalysis who = analysis("Who took over as CEO of Binance?");
        String p = "Richard Teng took over from Zhao at Binance Holdings.";
        assertThat(AnswerAgreement.agrees(who, candidate(p, "Richard Teng"), p)).isTrue();
        assertThat(AnswerAgreement.agrees(who, candidate(p, "Binance Holdings"), p)).isFalse();
    }

    @Test
    void aRelativeWhichIsNotWhatTheQuestionAsks() {
        assertThat(QuestionAnalysis.typeOf("In the civil fraud case in which Judge Arthur Engoron found Trump liable, "
                + "what value did New York put on Mar-a-Lago?")).isEqualTo(AnswerType.MONEY);
        assertThat(QuestionAnalysis.typeOf("Owen Teale is playing Scrooge in A Christmas Carol in which city?"))
                .isEqualTo(AnswerType.PLACE);
    }
}
