package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 12: `ask --json -` answers every good line even when others are hostile. */
class AskBatchTest {
    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Test
    void badLinesGetOneErrorObjectEachAndTheBatchGoesOn() throws Exception {
        String input = String.join("\n",
                "Where did Pompeo and Lavrov meet?",
                "\u200F\u202E",
                "\u0000\u200B?!",
                "x".repeat(50_000),
                "title:(Pompeo AND \"Sochi) {!lucene}*:*",
                "",
                "Who heads the State Duma's International Affairs Committee?\r") + "\n";
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        String data = TestFixtures.seedApp().config().dataDir().toString();
        assertThat(Main.run("ask", "--json", "--data-dir", data, "-")).isEqualTo(0);
        String[] lines = std.out().strip().split("\n");
        assertThat(lines).hasSize(7);
        ObjectMapper m = new ObjectMapper();
        JsonNode[] o = new JsonNode[lines.length];
        for (int i = 0; i < lines.length; i++) {
            o[i] = m.readTree(lines[i]);
        }
        assertThat(o[0].get("abstained").asBoolean()).isFalse();
        assertThat(o[0].get("answer").asText()).contains("[1]");
        assertThat(o[1].get("error").asText()).startsWith("please ask a question");
        assertThat(o[1].get("question").asText()).isEqualTo("\u200F\u202E");
        assertThat(o[2].get("error").asText()).startsWith("please ask a question");
        assertThat(o[3].get("error").asText()).isEqualTo("the question is 50000 characters long; the limit is 4000 "
                + "(chat.max-question-chars)");
        assertThat(o[3].get("question").asText()).hasSize(201);
        assertThat(o[4].has("error")).isFalse();
        assertThat(o[4].has("abstained")).isTrue();
        assertThat(o[5].get("error").asText()).isEqualTo("the line is empty: please ask a question");
        assertThat(o[6].get("answer").asText()).contains("Pushkov");
    }

    @Test
    void anInvisibleOnlySingleQuestionIsAUsageError() {
        String data = TestFixtures.seedApp().config().dataDir().toString();
        assertThat(Main.run("ask", "--data-dir", data, "\u200F\u202E")).isEqualTo(2);
        assertThat(std.err()).contains("please ask a question");
    }

    @Test
    void linesAreReadWithABound() throws Exception {
        BoundedLines lines = new BoundedLines(new StringReader("ab\r\n" + "y".repeat(100) + "\nlast"), 10);
        assertThat(lines.next()).isEqualTo(new BoundedLines.Line("ab", 2, false));
        assertThat(lines.next()).isEqualTo(new BoundedLines.Line("y".repeat(10), 100, true));
        assertThat(lines.next()).isEqualTo(new BoundedLines.Line("last", 4, false));
        assertThat(lines.next()).isNull();
    }
}
