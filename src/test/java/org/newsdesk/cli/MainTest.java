package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end, in-process: exit codes, messages, and the ask --json contract. */
class MainTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final StdStreams std = new StdStreams();

    private String seedDataDir() {
        return TestFixtures.seedApp().config().dataDir().toString();
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertThat(Main.run("ask")).isEqualTo(2);
        assertThat(Main.run("ask", "--data-dir", seedDataDir(), "--k", "0", "hello")).isEqualTo(2);
        assertThat(Main.run("ask", "--data-dir", seedDataDir(), "   ")).isEqualTo(2);
        std.resetErr();
        assertThat(Main.run("ask", "--data-dir", seedDataDir(), "x".repeat(4001))).isEqualTo(2);
        assertThat(std.err()).contains("4001 characters");
        // A rejected value is one line and a hint, not the whole usage; an unknown option keeps picocli's usage.
        assertThat(std.err()).contains("Try 'newsdesk ask --help' for usage.").doesNotContain("Usage:");
        std.resetErr();
        assertThat(Main.run("ask", "--no-such-option", "hello")).isEqualTo(2);
        assertThat(std.err()).contains("Unknown option").contains("Usage:");
        // A question file with nothing to ask is said so, not scored as zeros.
        std.resetErr();
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        assertThat(Main.run("eval", "--data-dir", seedDataDir(), "--qa", empty.toString())).isEqualTo(2);
        assertThat(std.err()).contains("no questions in").contains("empty.jsonl");
        std.resetErr();
        Path garbage = Files.writeString(tmp.resolve("garbage.jsonl"), "not json\n");
        assertThat(Main.run("eval", "--data-dir", seedDataDir(), "--qa", garbage.toString())).isEqualTo(2);
        assertThat(std.err()).contains("line 1: invalid JSON").contains("none of its 1 lines is a question");
    }

    @Test
    void failuresExitWithOneAndOneClearLine() throws Exception {
        Path missing = tmp.resolve("missing-corpus");
        assertThat(Main.run("index", "--data-dir", tmp.resolve("d").toString(), "--corpus", missing.toString())).isEqualTo(1);
        String e = std.err();
        assertThat(e).contains("missing-corpus").doesNotContain("\tat ");
        std.resetErr();
        assertThat(Main.run("ask", "--data-dir", tmp.resolve("empty").toString(), "hello?")).isEqualTo(1);
        assertThat(std.err()).contains("no index").contains("newsdesk index");
        std.resetErr();
        Path badConfig = tmp.resolve("bad.yaml");
        Files.writeString(badConfig, "search:\n  k: [1,\n");
        assertThat(Main.run("ask", "--config", badConfig.toString(), "hello?")).as("a bad setting is a usage error")
                .isEqualTo(2);
        assertThat(std.err()).contains("bad.yaml").contains("line");
    }

    @Test
    void evalHelpFormatsWithoutPicocliWarnings() {
        assertThat(Main.run("eval", "--help")).isZero();
        assertThat(std.out().replaceAll("\\s+", " ")).contains("at or below 10 %.");
        assertThat(std.err()).doesNotContain("Could not format").doesNotContain("[picocli WARN]");
    }

    @Test
    void aBadSettingExitsTwoNamingTheFileOrTheVariable() throws Exception {
        Path badValue = Files.writeString(tmp.resolve("mode.yaml"), "search:\n  mode: fuzzy\n");
        assertThat(Main.run("ask", "--config", badValue.toString(), "hello?")).isEqualTo(2);
        assertThat(std.err()).contains("mode.yaml: search.mode must be one of hybrid, bm25, knn (was 'fuzzy')");
        std.resetErr();
        Path fine = Files.writeString(tmp.resolve("fine.yaml"), "search:\n  k: 5\n");
        assertThat(Main.run(java.util.Map.of("NEWSDESK_SEARCH_MODE", "fuzzy"), "ask", "--config", fine.toString(),
                "hello?")).isEqualTo(2);
        assertThat(std.err()).contains("NEWSDESK_SEARCH_MODE: search.mode must be one of").doesNotContain("fine.yaml");
        std.resetErr();
        assertThat(Main.run(java.util.Map.of("NEWSDESK_SEARCH_K", "many"), "ask", "--config", fine.toString(),
                "hello?")).isEqualTo(2);
        assertThat(std.err()).contains("NEWSDESK_SEARCH_K: setting 'search.k' has an invalid value 'many'");
    }

    @Test
    void anUnusableDataDirectoryIsNamed() throws Exception {
        // Root may write anywhere, so "not writable" is made by putting the data dir below a regular file.
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThat(Main.run("index", "--data-dir", file.resolve("data").toString(), "--corpus",
                TestFixtures.SEED_CORPUS.toString())).isEqualTo(1);
        assertThat(std.err()).contains("data-dir").contains("plain-file");
    }

    @Test
    void askJsonFollowsTheContract() throws Exception {
        assertThat(Main.run("ask", "--json", "--data-dir", seedDataDir(), "Who", "heads", "the", "State", "Duma's",
                "International", "Affairs", "Committee?")).isEqualTo(0);
        JsonNode o = new ObjectMapper().readTree(std.out());
        assertThat(o.get("question").asText()).isEqualTo("Who heads the State Duma's International Affairs Committee?");
        assertThat(o.get("abstained").asBoolean()).isFalse();
        assertThat(o.get("answer").asText()).contains("Pushkov").contains("[1]");
        JsonNode c = o.get("citations").get(0);
        for (String f : new String[]{"n", "articleId", "title", "source", "url", "published", "passage"}) {
            assertThat(c.has(f)).as(f).isTrue();
        }
        assertThat(c.get("articleId").asText()).isEqualTo("001_05998cf2b37d53ba");
        JsonNode r = o.get("retrieved");
        assertThat(r.size()).isEqualTo(10);
        for (String f : new String[]{"articleId", "title", "score", "passage"}) {
            assertThat(r.get(0).has(f)).as(f).isTrue();
        }
        assertThat(r.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(r.get(1).get("score").asDouble());
        for (String f : new String[]{"retrieve", "compose", "total"}) {
            assertThat(o.get("timings_ms").has(f)).as(f).isTrue();
        }
    }

    @Test
    void askJsonBatchReadsOneQuestionPerLine() throws Exception {
        System.setIn(new ByteArrayInputStream("Where did Pompeo and Lavrov meet?\n\nHow do I bake sourdough bread?\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("ask", "--json", "--data-dir", seedDataDir(), "-")).isEqualTo(0);
        String[] lines = std.out().strip().split("\n");
        // one output line per input line: the empty one gets an error object (issue 16)
        assertThat(lines).hasSize(3);
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(lines[0]).get("abstained").asBoolean()).isFalse();
        assertThat(m.readTree(lines[1]).get("error").asText()).contains("empty");
        assertThat(m.readTree(lines[2]).get("abstained").asBoolean()).isTrue();
    }

    @Test
    void chatConsoleIndexesOnFirstStartAndAnswersPipedQuestions() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        System.setIn(new ByteArrayInputStream("/help\nWhen is the New Start treaty set to expire?\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("chat", "--data-dir", tmp.resolve("data").toString(), "--corpus", corpus.toString()))
                .isEqualTo(0);
        String o = std.out();
        assertThat(o).contains("For example").contains("2021").contains("Sources:");
        // piped: each reply is preceded by its question; notices go to stderr, not among the answers
        assertThat(o).startsWith("> /help\n").contains("\n> When is the New Start treaty set to expire?\n")
                .doesNotContain("No index yet");
        assertThat(std.err()).contains("No index yet").contains("5 added");
    }

    @Test
    void chatConsoleEndsAtQuitOrExit() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        Path data = tmp.resolve("data");
        for (String quit : new String[] {"/quit", "/exit"}) {
            int from = std.out().length();
            System.setIn(new ByteArrayInputStream((quit + "\nWho is Masha Lipman?\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(Main.run("chat", "--data-dir", data.toString(), "--corpus", corpus.toString())).isZero();
            assertThat(std.out().substring(from)).as(quit).doesNotContain("Unknown command")
                    .doesNotContain("Masha");
        }
    }

    @Test
    void chatConsoleLetsAReindexStartedAtTheEndOfPipedInputFinish() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        Path data = tmp.resolve("data");
        System.setIn(new ByteArrayInputStream("/help\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("chat", "--data-dir", data.toString(), "--corpus", corpus.toString())).isEqualTo(0);
        // input ends right after /reindex: closing the app at once interrupted the reindex ("Reindex failed")
        System.setIn(new ByteArrayInputStream("/reindex full\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("chat", "--data-dir", data.toString(), "--corpus", corpus.toString())).isEqualTo(0);
        assertThat(std.out()).contains("Reindex finished").doesNotContain("Reindex failed");
    }
}
