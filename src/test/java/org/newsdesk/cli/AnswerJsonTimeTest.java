package org.newsdesk.cli;

import org.newsdesk.app.App;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.newsdesk.DatedCorpus;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields {@code ask --json} gained for time questions and wire copies, beside the ones it always had. */
class AnswerJsonTimeTest {
    private final App app = DatedCorpus.app();

    @Test
    void theResolvedPeriodIsReported() {
        Answer a = app.answers().ask("What happened at the Westfield solar farm in March 2024?");
        JsonNode o = AnswerJson.MAPPER.valueToTree(AnswerJson.of(a));
        JsonNode p = o.get("period");
        assertThat(p.get("from").asText()).isEqualTo(a.time().period().from().toString()).isEqualTo("2024-03-01");
        assertThat(p.get("to").asText()).isEqualTo("2024-03-31");
        assertThat(p.get("label").asText()).isEqualTo("March 2024");
        assertThat(p.get("newestFirst").asBoolean()).isFalse();
        assertThat(p.get("otherDates").asBoolean()).isFalse();
        // the original contract is intact
        for (String field : List.of("question", "answer", "abstained", "citations", "retrieved", "timings_ms",
                "composer", "evidence")) {
            assertThat(o.has(field)).as(field).isTrue();
        }

        JsonNode latest = AnswerJson.MAPPER.valueToTree(AnswerJson.of(app.answers().ask("Latest news on the port strike")))
                .get("period");
        assertThat(latest.get("from").isNull()).isTrue();
        assertThat(latest.get("label").isNull()).isTrue();
        assertThat(latest.get("newestFirst").asBoolean()).isTrue();

        JsonNode none = AnswerJson.MAPPER.valueToTree(AnswerJson.of(app.answers().ask("Where did the volcano erupt?")));
        assertThat(none.has("period")).isTrue();
        assertThat(none.get("period").isNull()).isTrue();
    }

    @Test
    void citationsListTheOtherOutletsThatCarriedThem() {
        Answer a = app.answers().ask("Which spa closed when the volcano near Grindavik erupted?");
        Citation copied = a.citations().stream().filter(c -> !c.alsoIn().isEmpty()).findFirst().orElseThrow();
        JsonNode o = AnswerJson.MAPPER.valueToTree(AnswerJson.of(a));
        JsonNode cited = null;
        for (JsonNode c : o.get("citations")) {
            assertThat(c.get("alsoIn").isArray()).isTrue();
            if (c.get("n").asInt() == copied.n()) {
                cited = c;
            }
        }
        List<String> sources = new ArrayList<>();
        for (JsonNode w : cited.get("alsoIn")) {
            sources.add(w.get("source").asText());
            assertThat(w.get("url").asText()).isEqualTo("https://example.org/" + w.get("articleId").asText());
            assertThat(w.get("title").asText()).isNotBlank();
        }
        assertThat(sources).hasSize(2).doesNotContain(copied.source())
                .isSubsetOf("Reuters", "AP", "Daily Bugle");
        for (JsonNode r : o.get("retrieved")) {
            assertThat(r.get("alsoIn").isArray()).isTrue();
        }
    }
}
