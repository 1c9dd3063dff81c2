package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote embedding settings: defaults, the key from the environment only, and errors naming the key. */
class EmbeddingConfigTest {
    private static final String KEY = "sk-embed-env-only-4c1d";

    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheLocalModel() {
        NewsdeskConfig.Index ix = new ConfigLoader().load(null, Map.of()).index();
        assertThat(ix.embeddingProvider()).isEqualTo("local");
        assertThat(ix.remoteEmbeddings()).isFalse();
        assertThat(ix.embeddingBaseUrl()).isEmpty();
        assertThat(ix.embeddingRemoteModel()).isEmpty();
        assertThat(ix.embeddingDimensions()).isZero();
        assertThat(ix.embeddingConcurrency()).isEqualTo(4);
        assertThat(ix.embeddingTimeoutSeconds()).isEqualTo(60);
        assertThat(ix.embeddingMaxRetries()).isEqualTo(4);
        assertThat(ix.embeddingApiKey()).isNull();
    }

    @Test
    void aFileAndTheEnvironmentConfigureAServerAndOnlyTheEnvironmentGivesTheKey() throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), """
                index:
                  embedding-provider: openai
                  embedding-base-url: http://gpu-box:8080/v1
                  embedding-remote-model: BAAI/bge-base-en-v1.5
                  embedding-dimensions: 768
                """);
        NewsdeskConfig.Index ix = new ConfigLoader().load(f, Map.of("NEWSDESK_EMBEDDING_API_KEY", KEY,
                "NEWSDESK_INDEX_EMBEDDING_CONCURRENCY", "8")).index();
        assertThat(ix.remoteEmbeddings()).isTrue();
        assertThat(ix.embeddingBaseUrl()).isEqualTo("http://gpu-box:8080/v1");
        assertThat(ix.embeddingRemoteModel()).isEqualTo("BAAI/bge-base-en-v1.5");
        assertThat(ix.embeddingDimensions()).isEqualTo(768);
        assertThat(ix.embeddingConcurrency()).isEqualTo(8);
        assertThat(ix.embeddingApiKey()).isEqualTo(KEY);
        assertThat(ix.toString()).doesNotContain(KEY).contains("embeddingApiKey=<redacted>");
        assertThat(new ConfigLoader().load(f, Map.of("NEWSDESK_EMBEDDING_API_KEY", KEY)).toString()).doesNotContain(KEY);

        Path withKey = Files.writeString(dir.resolve("key.yaml"), "index:\n  embedding-api-key: " + KEY + "\n");
        assertThatThrownBy(() -> new ConfigLoader().load(withKey, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("index.embedding-api-key must not be in a file")
                .hasMessageContaining("NEWSDESK_EMBEDDING_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void badSettingsNameTheirKey() {
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_PROVIDER", "cohere"), "index.embedding-provider must be one of local, openai, ollama");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_PROVIDER", "openai", "NEWSDESK_INDEX_EMBEDDING_DIMENSIONS", "768"),
                "index.embedding-remote-model must name");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_PROVIDER", "ollama", "NEWSDESK_INDEX_EMBEDDING_REMOTE_MODEL", "nomic-embed-text"),
                "index.embedding-dimensions must be set");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_PROVIDER", "ollama", "NEWSDESK_INDEX_EMBEDDING_REMOTE_MODEL", "m",
                "NEWSDESK_INDEX_EMBEDDING_DIMENSIONS", "5000"), "index.embedding-dimensions must be between 1 and 4096");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_DIMENSIONS", "768"), "index.embedding-dimensions must be 0 or 384 for the local models");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_BASE_URL", "gpu-box:8080"), "index.embedding-base-url must be an http");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_CONCURRENCY", "0"), "index.embedding-concurrency");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_TIMEOUT_SECONDS", "0"), "index.embedding-timeout-seconds");
        assertBad(Map.of("NEWSDESK_INDEX_EMBEDDING_MAX_RETRIES", "-1"), "index.embedding-max-retries");
    }

    private static void assertBad(Map<String, String> env, String message) {
        assertThatThrownBy(() -> new ConfigLoader().load(null, env)).as(env.toString())
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
