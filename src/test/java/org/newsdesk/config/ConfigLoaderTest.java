package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsLoadWithoutAFile() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        assertThat(c.search().mode()).isEqualTo("hybrid");
        assertThat(c.answer().provider()).isEqualTo("extractive");
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.chat().maxQuestionChars()).isEqualTo(4000);
    }

    @Test
    void telegramSendLimitsHaveDefaultsAreValidatedAndTakeTheEnvironment() throws IOException {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        assertThat(c.telegram().sendRetryMinutes()).isEqualTo(10);
        assertThat(c.telegram().maxMessagesPerSecond()).isEqualTo(25);
        Path f = write("telegram:\n  send-retry-minutes: 3\n  max-messages-per-second: 12\n");
        NewsdeskConfig fromFile = new ConfigLoader().load(f, Map.of("NEWSDESK_TELEGRAM_SEND_RETRY_MINUTES", "30"));
        assertThat(fromFile.telegram().sendRetryMinutes()).isEqualTo(30);
        assertThat(fromFile.telegram().maxMessagesPerSecond()).isEqualTo(12);
        assertThatThrownBy(() -> new ConfigLoader().load(write("telegram:\n  send-retry-minutes: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telegram.send-retry-minutes must be between 1");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_TELEGRAM_MAX_MESSAGES_PER_SECOND", "31")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telegram.max-messages-per-second must be between 1 and 30");
    }

    @Test
    void fileOverridesDefaultsAndEnvOverridesFile() throws IOException {
        Path f = write("search:\n  k: 7\nchat:\n  admins: [42]\n");
        NewsdeskConfig c = new ConfigLoader().load(f, Map.of("NEWSDESK_SEARCH_RRF_K", "30",
                "NEWSDESK_CHAT_ADMINS", "1, 2", "NEWSDESK_TELEGRAM_TOKEN", "123:secret"));
        assertThat(c.search().k()).isEqualTo(7);
        assertThat(c.search().rrfK()).isEqualTo(30);
        assertThat(c.chat().admins()).containsExactly(1L, 2L);
        assertThat(c.telegram().token()).isEqualTo("123:secret");
        assertThat(c.telegram().toString()).doesNotContain("secret");
    }

    @Test
    void malformedYamlNamesTheLine() throws IOException {
        Path f = write("search:\n  k: 7\n  mode: [unclosed\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed YAML")
                .hasMessageContaining("line");
    }

    @Test
    void malformedYamlIsOneLineAndDoesNotQuoteTheFile() throws IOException {
        Path f = write("telegram:\n  token: \"123:SECRETxyz\nsearch:\n  k: 3\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed YAML (line 2")
                .hasMessageContaining("quoted scalar")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETxyz").doesNotContain("\n"));
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariableNotTheFile() throws IOException {
        Path f = write("search:\n  k: 7\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of("NEWSDESK_SEARCH_K", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("NEWSDESK_SEARCH_K: ")
                .hasMessageContaining("search.k").hasMessageContaining("abc");
        assertThatThrownBy(() -> new ConfigLoader().load(write("search:\n  k: abc\n"), Map.of()))
                .hasMessageStartingWith(f.toString() + ": ");
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path f = write("search:\n  kk: 7\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search.kk");
    }

    @Test
    void wrongTypeAndOutOfRangeAreNamed() throws IOException {
        Path f = write("search:\n  k: lots\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.k");
        Path g = write("search:\n  k: 0\n");
        assertThatThrownBy(() -> new ConfigLoader().load(g, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.k must be between");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SEARCH_MODE", "magic")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.mode");
        // The focused rankings are drawn from BM25's top focus-depth: it cannot be shallower than the candidates.
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SEARCH_FOCUS_DEPTH", "50")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.focus-depth must be between 100");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_INDEX_MODEL_THREADS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("index.model-threads must be between 0");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_INDEX_QUESTION_MODEL_THREADS", "65")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("index.question-model-threads must be between 0");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_ANSWER_ABSTAIN_THRESHOLD_YES_NO", "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("answer.abstain-threshold-yes-no must be between 0 and 1");
    }

    @Test
    void apiKeyInAFileIsRefusedWithoutEchoingIt() throws IOException {
        Path f = write("llm:\n  api-key: sk-verysecret\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEWSDESK_OPENAI_API_KEY")
                .hasMessageNotContaining("sk-verysecret");
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of("NEWSDESK_OPENAI_API_KEY", "sk-verysecret"));
        assertThat(c.llm().apiKey()).isEqualTo("sk-verysecret");
        assertThat(c.llm().toString()).doesNotContain("sk-verysecret");
    }

    @Test
    void missingExplicitFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigLoader().load(missing, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void aNewsdeskVariableThatNamesNoSettingIsReported() {
        var env = java.util.Map.of("NEWSDESK_SEARCH_KK", "3", "NEWSDESK_SEARCH_K", "8",
                "NEWSDESK_TELEGRAM_TOKEN", "1:x", "NEWSDESK_EMBEDDING_API_KEY", "k", "PATH", "/bin");
        assertThat(new ConfigLoader().unknownEnv(env)).containsExactly("NEWSDESK_SEARCH_KK");
    }

    @Test
    void alertLimitsHaveDefaultsTakeTheFileAndTheEnvironment() throws IOException {
        NewsdeskConfig d = new ConfigLoader().load(null, Map.of());
        assertThat(d.alerts()).isEqualTo(new NewsdeskConfig.Alerts(20, 10));
        NewsdeskConfig f = new ConfigLoader().load(write("alerts:\n  max-topics: 5\n  max-per-day: 3\n"), Map.of());
        assertThat(f.alerts()).isEqualTo(new NewsdeskConfig.Alerts(5, 3));
        NewsdeskConfig e = new ConfigLoader().load(write("alerts:\n  max-topics: 5\n"),
                Map.of("NEWSDESK_ALERTS_MAX_PER_DAY", "0"));
        assertThat(e.alerts()).isEqualTo(new NewsdeskConfig.Alerts(5, 0));
    }

    @Test
    void malformedAlertLimitsAreOneClearLine() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-topics: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-topics must be between 1 and 1000 (was 0)");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-per-day: -1\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-per-day must be between 0 and 1000");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-per-day: many\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-per-day").hasMessageContaining("many");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-topic: 3\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-topic");
    }
}
