package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.FakeLlmServer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `ask --json` gains "language"; a question in another language is answered as the chat answers it. */
@Timeout(120)
class AskLanguageTest {
    @RegisterExtension
    final StdStreams std = new StdStreams();
    @TempDir
    Path tmp;

    @Test
    void eachAnswerSaysItsQuestionsLanguageAndAnUntranslatedOneAbstains() throws Exception {
        String input = String.join("\n", "Where did Pompeo and Lavrov meet?", "Masha Lipman?",
                "Warum hat Obama seine Reise nach Moskau abgesagt?", "Где встретились Помпео и Лавров?") + "\n";
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        String data = TestFixtures.seedApp().config().dataDir().toString();
        assertThat(Main.run("ask", "--json", "--data-dir", data, "-")).isEqualTo(0);
        String[] lines = std.out().strip().split("\n");
        assertThat(lines).hasSize(4);
        ObjectMapper m = new ObjectMapper();
        JsonNode english = m.readTree(lines[0]);
        assertThat(english.get("language").asText()).isEqualTo("en");
        assertThat(english.get("abstained").asBoolean()).isFalse();
        assertThat(m.readTree(lines[1]).get("language").asText()).isEqualTo("en");
        JsonNode german = m.readTree(lines[2]);
        assertThat(german.get("language").asText()).isEqualTo("de");
        assertThat(german.get("abstained").asBoolean()).isTrue();
        assertThat(german.get("composer").asText()).isEqualTo("untranslated");
        assertThat(german.get("answer").asText()).startsWith("The archive answers in English").contains("(Obama)");
        assertThat(german.get("citations")).isNotEmpty();
        assertThat(german.get("shortAnswer").isNull()).isTrue();
        JsonNode russian = m.readTree(lines[3]);
        assertThat(russian.get("language").asText()).isEqualTo("ru");
        assertThat(russian.get("citations")).isEmpty();
    }

    @Test
    void withAnLlmTheTranslationIsSearchedAndTheAnswerComesBackInTheAskersLanguage() throws Exception {
        try (FakeLlmServer server = new FakeLlmServer()) {
            server.respondWith(r -> {
                String p = r.prompt();
                if (p.contains("In English:")) {
                    return FakeLlmServer.Reply.text("Why did Obama cancel his trip to Moscow?");
                }
                if (p.contains("The answer in the language of the question:")) {
                    return FakeLlmServer.Reply.text("Obama sagte die Reise ab [1].");
                }
                return FakeLlmServer.Reply.text(
                        org.newsdesk.answer.LlmTestData.passageWords(p, 1, 8) + " [1].");
            });
            Path config = tmp.resolve("llm.yaml");
            Files.writeString(config, "answer:\n  provider: openai\nllm:\n  model: fake-model\n  timeout-seconds: 5\n"
                    + "  stream: false\n  base-url: " + server.openAiUrl() + "\n");
            String question = "Warum hat Obama seine Reise nach Moskau abgesagt?";
            assertThat(Main.run("ask", "--json", "--config", config.toString(), "--data-dir",
                    TestFixtures.seedApp().config().dataDir().toString(), question)).as(std.err()).isEqualTo(0);
            JsonNode o = new ObjectMapper().readTree(std.out().strip());
            assertThat(o.get("language").asText()).isEqualTo("de");
            assertThat(o.get("question").asText()).isEqualTo(question);
            assertThat(o.get("answer").asText()).isEqualTo("Obama sagte die Reise ab [1].");
            assertThat(o.get("citations")).hasSize(1);
            assertThat(server.requests()).anySatisfy(r -> assertThat(r.prompt())
                    .contains("Question: Why did Obama cancel his trip to Moscow?"));
        }
    }
}
