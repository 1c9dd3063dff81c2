package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings added for LLM answers and conversation memory. */
class LlmConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreDocumented() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        assertThat(c.llm().contextChars()).isEqualTo(6000);
        assertThat(c.llm().uncited()).isEqualTo("fallback");
        assertThat(c.llm().stream()).isTrue();
        assertThat(c.llm().failuresBeforeCooldown()).isEqualTo(3);
        assertThat(c.llm().cooldownSeconds()).isEqualTo(60);
        assertThat(c.llm().timeoutSeconds()).isEqualTo(30);
        assertThat(c.chat().memoryTurns()).isEqualTo(5);
    }

    @Test
    void fileAndEnvironmentSetThem() throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "answer:\n  provider: openai\nllm:\n  base-url: http://127.0.0.1:8000/v1\n"
                + "  uncited: abstain\n  context-chars: 3000\nchat:\n  memory-turns: 2\n");
        NewsdeskConfig c = new ConfigLoader().load(f, Map.of("NEWSDESK_LLM_COOLDOWN_SECONDS", "5",
                "NEWSDESK_LLM_STREAM", "false", "NEWSDESK_OPENAI_API_KEY", "sk-env-only"));
        assertThat(c.answer().provider()).isEqualTo("openai");
        assertThat(c.llm().uncited()).isEqualTo("abstain");
        assertThat(c.llm().contextChars()).isEqualTo(3000);
        assertThat(c.llm().cooldownSeconds()).isEqualTo(5);
        assertThat(c.llm().stream()).isFalse();
        assertThat(c.llm().apiKey()).isEqualTo("sk-env-only");
        assertThat(c.llm().toString()).doesNotContain("sk-env-only");
        assertThat(c.chat().memoryTurns()).isEqualTo(2);
    }

    @Test
    void badValuesNameTheSetting() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "llm:\n  uncited: shrug\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("llm.uncited");
        Files.writeString(f, "chat:\n  memory-turns: -1\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.memory-turns");
        Files.writeString(f, "llm:\n  api-key: sk-in-a-file\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEWSDESK_OPENAI_API_KEY").hasMessageNotContaining("sk-in-a-file");
    }
}
