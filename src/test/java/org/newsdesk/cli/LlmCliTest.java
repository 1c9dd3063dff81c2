package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.FakeLlmServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The CLI with an LLM provider configured: eval uses it; misconfiguration is one line. */
@Timeout(120)
class LlmCliTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final StdStreams std = new StdStreams();
    @LocalServer
    private FakeLlmServer server;

    private Path config(String llm) throws Exception {
        Path f = tmp.resolve("llm.yaml");
        Files.writeString(f, "answer:\n  provider: openai\nllm:\n  model: fake-model\n  timeout-seconds: 5\n" + llm);
        return f;
    }

    private String seedDataDir() {
        return TestFixtures.seedApp().config().dataDir().toString();
    }

    @Test
    void evalRunsWithTheConfiguredLlmComposer() throws Exception {
        server.respondWith(r -> FakeLlmServer.Reply.text("From the first passage [1]."));
        Path details = tmp.resolve("details.jsonl");
        int code = Main.run("eval", "--config", config("  base-url: " + server.openAiUrl() + "\n").toString(),
                "--data-dir", seedDataDir(), "--qa", TestFixtures.SEED_QA.toString(), "--json",
                "--details", details.toString());
        assertThat(code).as(std.err()).isZero();
        List<String> lines = Files.readAllLines(details);
        assertThat(lines).hasSize(18);
        assertThat(server.requests()).hasSize(lines.size());
        for (String line : lines) {
            JsonNode o = AnswerJson.MAPPER.readTree(line);
            assertThat(o.path("composer").asText()).isEqualTo("openai");
        }
    }

    @Test
    void missingKeyForOpenAiIsOneLineNamingTheVariable() throws Exception {
        assumeTrue(System.getenv("NEWSDESK_OPENAI_API_KEY") == null, "a real key is set in this environment");
        assertThat(Main.run("ask", "--config", config("").toString(), "--data-dir", seedDataDir(), "hello?"))
                .isEqualTo(1);
        String e = std.err().strip();
        assertThat(e).contains("NEWSDESK_OPENAI_API_KEY").doesNotContain("\tat ").doesNotContain("\n");
    }

    @Test
    void unreachableBaseUrlIsOneLineNamingTheSetting() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/v1";
        assertThat(Main.run("ask", "--config", config("  base-url: " + url + "\n").toString(), "--data-dir",
                seedDataDir(), "hello?")).isEqualTo(1);
        assertThat(std.err().strip())
                .isEqualTo("newsdesk: llm.base-url " + url + " is unreachable (connection refused): "
                        + "start the server or correct llm.base-url");
    }

    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
