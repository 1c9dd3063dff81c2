package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.FakeLlmServer;
import org.newsdesk.answer.LlmProviders;
import org.newsdesk.answer.LlmTestData;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.OutgoingMessage;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleStreamingTest {
    @TempDir
    Path tmp;

    @Test
    void consolePrintsOnlyTheNewPartOfAGrowingMessage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChatCommand.ConsoleOutbox out = new ChatCommand.ConsoleOutbox(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        long h = out.send(OutgoingMessage.text("They", 0));
        out.edit(h, OutgoingMessage.text("They met", 0));
        out.edit(h, OutgoingMessage.text("They met in Sochi [1].\n\nSources:\n[1] X", 0));
        out.edit(h, OutgoingMessage.text("Something else", 0));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("They met in Sochi [1].\n\nSources:\n[1] X" + System.lineSeparator() + "Something else");
    }

    @Test
    void aBackgroundEditDoesNotRunIntoTheNextReply() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChatCommand.ConsoleOutbox out = new ChatCommand.ConsoleOutbox(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        long started = out.send(OutgoingMessage.text("Reindex started.", 0));
        out.endTurn();
        out.send(OutgoingMessage.text("Stats", 0));
        out.endTurn();
        out.edit(started, OutgoingMessage.text("Reindex finished.", 0)); // from the reindex thread
        out.send(OutgoingMessage.text("An answer [1].", 0));
        out.endTurn();
        String n = System.lineSeparator();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("Reindex finished." + n + n + "An answer [1].").doesNotContain("finished.An answer");
    }

    @Test
    @Timeout(30)
    void chatOnTheConsolePrintsTokensAsTheyCome() throws Exception {
        // Ten filler words, then a sentence quoting passage [1] (supported by it, so it keeps its citation).
        String[] quoted = new String[1];
        try (FakeLlmServer server = new FakeLlmServer(); Database db = Database.open(tmp.resolve("c.db"))) {
            server.respondWith(r -> {
                quoted[0] = LlmTestData.passageWords(r.prompt(), 1, 10);
                List<String> chunks = new ArrayList<>();
                for (String w : quoted[0].split(" ")) {
                    chunks.add(w + " ");
                }
                chunks.add("[1].");
                return FakeLlmServer.Reply.streamed(chunks, 30);
            });
            App seed = TestFixtures.seedApp();
            var composer = LlmProviders.create("openai", LlmTestData.settings(server.openAiUrl(), 5, true, "fallback", 3),
                    seed.answers().composer(), Clock.systemUTC());
            NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(), 4000, 0, 0, List.of(), List.of(), 5);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<String> printed = new ArrayList<>();
            ChatCommand.ConsoleOutbox out = new ChatCommand.ConsoleOutbox(new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                @Override
                public synchronized void edit(long handle, OutgoingMessage message) {
                    super.edit(handle, message);
                    printed.add(bytes.toString(StandardCharsets.UTF_8));
                }
            };
            try (ChatService chat = new ChatService(new AnswerService(seed.searcher(), composer), seed.index(),
                    seed.reindex(), settings, db, Clock.systemUTC())) {
                chat.setStreamEditIntervalMs(0);
                chat.handle(IncomingMessage.privateText(1, "Where did Pompeo and Lavrov meet?"), out);
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertThat(printed.size()).as("printed piece by piece").isGreaterThanOrEqualTo(5);
            assertThat(text).startsWith(quoted[0].substring(0, quoted[0].indexOf(' ', quoted[0].indexOf(' ') + 1)))
                    .contains(quoted[0] + " [1].\n\nSources:\n[1] ");
            assertThat(text.split(java.util.regex.Pattern.quote(quoted[0]), -1)).as("nothing printed twice").hasSize(2);
        }
    }
}
