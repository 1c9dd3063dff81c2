package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's fresh start and --resume, and eval --conversations, end to end over a copy of the seed data. */
class ConversationCliTest {
    static final String FIRST = "Why did Obama cancel his trip to Moscow?";
    static final String FOLLOW_UP = "what did the Kremlin say about that?";

    @TempDir
    Path tmp;
    @RegisterExtension
    final StdStreams std = new StdStreams();

    /** A copy of the shared seed data directory (index and database): these runs write turns to its database. */
    private Path seedCopy() throws IOException {
        Path from = TestFixtures.seedApp().config().dataDir();
        Path to = tmp.resolve("data");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private String chat(Path data, String input, String... options) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        int before = std.out().length();
        String[] args = Stream.concat(Stream.of("chat", "--data-dir", data.toString(), "--corpus",
                TestFixtures.SEED_CORPUS.toString()), Stream.of(options)).toArray(String[]::new);
        assertThat(Main.run(args)).isEqualTo(0);
        return std.out().substring(before);
    }

    @Test
    void eachConsoleRunStartsAFreshConversationUnlessResumed() throws Exception {
        Path data = seedCopy();
        assertThat(chat(data, FIRST + "\n")).contains("Snowden").doesNotContain("about:");
        // A new run: the follow-up has nothing to refer back to (the previous run's turns are not seen).
        assertThat(chat(data, FOLLOW_UP + "\n")).doesNotContain("about:");
        chat(data, FIRST + "\n");
        assertThat(chat(data, FOLLOW_UP + "\n", "--resume")).contains("about: Obama");
    }

    @Test
    void evalConversationsChecksEveryTurn() throws Exception {
        Path file = tmp.resolve("conversations.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\": \"c1\", \"turns\": [{\"message\": \"" + FIRST + "\", \"expect_any\": [\"Snowden\"]}, "
                        + "{\"message\": \"thanks\", \"expect\": \"no-citation\"}, "
                        + "{\"message\": \"" + FOLLOW_UP + "\", \"expect_any\": [\"Kremlin\", \"Moscow\"]}]}",
                "{\"id\": \"c2\", \"turns\": [{\"message\": \"What is the current price of Bitcoin?\", \"expect\": "
                        + "\"any\"}, {\"message\": \"Masha Lipman\", \"expect_any\": [\"Carnegie\"]}, "
                        + "{\"message\": \"ok\", \"expect_any\": [\"Lipman\"]}]}",
                "not json", ""), StandardCharsets.UTF_8);
        Path data = seedCopy();
        assertThat(Main.run("eval", "--data-dir", data.toString(), "--conversations", file.toString())).isEqualTo(0);
        String out = std.out();
        assertThat(out).contains("PASS   c1 #1").contains("PASS   c1 #2").contains("PASS   c1 #3")
                .contains("PASS   c2 #1").contains("PASS   c2 #2")
                // small talk where an answer was expected fails: the check can fail
                .contains("FAIL   c2 #3").contains("turns: 5 of 6 passed; conversations: 1 of 2");
        assertThat(std.err()).contains("line 3: invalid JSON");

        int before = std.out().length();
        assertThat(Main.run("eval", "--json", "--data-dir", data.toString(), "--conversations", file.toString()))
                .isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(std.out().substring(before));
        assertThat(report.get("turnsPassed").asInt()).isEqualTo(5);
        assertThat(report.get("results").get(2).get("about").asText()).contains("Obama");
        assertThat(report.get("results").get(1).get("searched").asBoolean()).isFalse();
    }

    @Test
    void evalNeedsAQuestionOrConversationFile() throws Exception {
        Path empty = tmp.resolve("empty.jsonl");
        Files.writeString(empty, "{\"id\": \"x\"}\n");
        String data = TestFixtures.seedApp().config().dataDir().toString();
        assertThat(Main.run("eval", "--data-dir", data)).isEqualTo(2);
        assertThat(Main.run("eval", "--data-dir", data, "--conversations", tmp.resolve("missing").toString()))
                .isEqualTo(2);
        assertThat(Main.run("eval", "--data-dir", data, "--conversations", empty.toString())).isEqualTo(2);
        assertThat(std.err()).contains("--qa FILE").contains("not found").contains("no 'turns'");
    }
}
