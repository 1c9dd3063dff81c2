package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NEWSDESK_LOG_FORMAT switches the log lines between text and one JSON object per line, in a fresh JVM (logback
 * reads its configuration once per process); neither prints logback's own status lines.
 */
@Tag("slow") // child JVMs
@Timeout(120)
class LogFormatTest {
    @TempDir
    Path tmp;

    @Test
    void jsonFormatWritesOneJsonObjectPerLogLine() throws Exception {
        String err = run(Map.of("NEWSDESK_LOG_FORMAT", "json"));
        List<String> lines = err.lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as(err).isNotEmpty();
        JsonNode warning = new ObjectMapper().readTree(lines.get(0));
        assertThat(warning.get("level").asText()).isEqualTo("WARN");
        assertThat(warning.get("formattedMessage").asText()).startsWith("NEWSDESK_SEARCH_KK is not a setting");
        assertThat(warning.get("loggerName").asText()).isEqualTo("org.newsdesk.config.ConfigLoader");
        assertThat(warning.get("timestamp").asLong()).isPositive();
        assertThat(err).doesNotContain("|-WARN").doesNotContain("|-ERROR");
    }

    @Test
    void textIsTheDefault() throws Exception {
        String err = run(Map.of());
        assertThat(err).contains("WARN  o.n.c.ConfigLoader - NEWSDESK_SEARCH_KK is not a setting")
                .doesNotContain("{\"").doesNotContain("|-WARN").doesNotContain("|-INFO");
    }

    /** {@code newsdesk ask} on an empty data directory with a misspelt variable: one WARN line, exit 1. */
    private String run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--data-dir",
                tmp.resolve("data").toString(), "ask", "hello?");
        pb.environment().keySet().removeIf(k -> k.startsWith("NEWSDESK_"));
        pb.environment().putAll(env);
        pb.environment().put("NEWSDESK_SEARCH_KK", "3");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        return err;
    }
}
