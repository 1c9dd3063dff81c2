package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.FakeLlmServer;
import org.newsdesk.answer.LlmComposer;
import org.newsdesk.answer.LlmProviders;
import org.newsdesk.answer.LlmTestData;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation core with an LLM composer behind a fake OpenAI-compatible server. */
@Timeout(60)
class LlmChatServiceTest {
    static final long ADMIN = 1001;
    static final String OBAMA_Q = "Why did Obama cancel his trip to Moscow?";
    static final String SOCHI_Q = "Where did Pompeo and Lavrov meet?";
    static final String FOLLOW_UP = "and what did Putin say about it?";

    @TempDir
    Path tmp;
    @LocalServer
    private FakeLlmServer server;
    private Database db;
    private ChatService chat;
    private LlmComposer composer;

    @AfterEach
    void tearDown() {
        if (chat != null) {
            chat.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void start(boolean stream) {
        App seed = TestFixtures.seedApp();
        composer = LlmProviders.create("openai", LlmTestData.settings(server.openAiUrl(), 5, stream, "fallback", 3),
                seed.answers().composer(), Clock.systemUTC());
        db = Database.open(tmp.resolve("chat.db"));
        NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 0, 0, List.of(), List.of(), 5);
        chat = new ChatService(new AnswerService(seed.searcher(), composer), seed.index(), seed.reindex(), settings,
                db, Clock.systemUTC());
    }

    private static boolean isRewrite(FakeLlmServer.Request r) {
        return r.prompt().contains("Standalone search query:");
    }

    @Test
    void streamedAnswerIsCreatedAtTheFirstTokensAndEditedAtABoundedRate() {
        // A first sentence quoting passage [1] (supported), then a filler sentence streamed word by word.
        String[] quoted = new String[1];
        server.respondWith(r -> {
            quoted[0] = org.newsdesk.answer.LlmTestData.passageWords(r.prompt(), 1, 8);
            List<String> chunks = new ArrayList<>();
            chunks.add(quoted[0] + " [1]. Then ");
            for (int i = 0; i < 30; i++) {
                chunks.add("word" + i + " ");
            }
            chunks.add("end.");
            return FakeLlmServer.Reply.streamed(chunks, 50);
        });
        start(true);
        long interval = 400;
        chat.setStreamEditIntervalMs(interval);
        TimedOutbox out = new TimedOutbox();
        long t0 = System.nanoTime();
        chat.handle(new IncomingMessage(5, 5, ChatType.PRIVATE, SOCHI_Q, 9, false), out);
        long totalMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(out.sent).hasSize(1);
        assertThat(out.sent.get(0).answer()).as("the first message is the partial text").isNull();
        assertThat(out.sent.get(0).text()).startsWith(quoted[0]).doesNotContain("word29");
        assertThat(out.edits).hasSizeGreaterThanOrEqualTo(2);
        // 31 pieces arrived; edits are throttled to one per interval (plus the final one).
        assertThat(out.edits.size()).isLessThanOrEqualTo((int) (totalMs / interval) + 2);
        for (int i = 1; i < out.times.size(); i++) {
            assertThat(out.times.get(i) - out.times.get(i - 1)).as("gap before message %d", i)
                    .isGreaterThanOrEqualTo(interval - 25);
        }
        OutgoingMessage last = out.edits.get(out.edits.size() - 1);
        assertThat(last.answer()).isNotNull();
        assertThat(last.answer().composer()).as(last.text()).isEqualTo("openai");
        assertThat(last.answer().citations()).hasSize(1);
        // The filler sentence is supported by no passage: it is marked, the cited one keeps its source.
        assertThat(last.text()).contains(quoted[0] + " [1].")
                .contains("word29 end " + org.newsdesk.answer.SupportCheck.UNSUPPORTED_MARK + ".")
                .contains("Sources:\n[1] ");
        assertThat(last.replyToMessageId()).isEqualTo(9);
    }

    @Test
    void llmFailureGivesTheMarkedExtractiveAnswerAndIsCountedInStats() {
        server.respondWith(r -> FakeLlmServer.Reply.status(500, "{\"error\":{\"message\":\"down\"}}"));
        start(true);
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        chat.handle(new IncomingMessage(ADMIN, ADMIN, ChatType.PRIVATE, SOCHI_Q, 3, false), out);
        assertThat(out.sent).hasSize(1);
        OutgoingMessage m = out.sent.get(0);
        assertThat(m.answer().composer()).isEqualTo("extractive-fallback");
        assertThat(m.text()).contains("(LLM unavailable — extractive answer)").contains("[1]")
                .doesNotContain("Exception").doesNotContain("down");
        chat.handle(new IncomingMessage(ADMIN, ADMIN, ChatType.PRIVATE, "/stats", 4, false), out);
        assertThat(out.sent.get(1).text()).contains("LLM failures: 1");
    }

    @Test
    void llmRewriteSeesOnlyThisConversationsHistory() throws Exception {
        server.respondWith(r -> isRewrite(r)
                ? FakeLlmServer.Reply.text(r.prompt().contains("Obama") ? "Putin reaction to Obama cancelling Moscow trip"
                : "Putin comments on Pompeo Lavrov Sochi meeting")
                : FakeLlmServer.Reply.text("An answer [1]."));
        start(false);
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        long group = -77;
        chat.handle(new IncomingMessage(group, 1, ChatType.GROUP, "/ask " + OBAMA_Q, 1, false), out);
        chat.handle(new IncomingMessage(group, 2, ChatType.GROUP, "/ask " + SOCHI_Q, 2, false), out);
        chat.handle(new IncomingMessage(9, 9, ChatType.PRIVATE, FOLLOW_UP, 3, false), out);
        assertThat(server.requests()).noneMatch(LlmChatServiceTest::isRewrite); // no history anywhere yet

        chat.handle(new IncomingMessage(group, 2, ChatType.GROUP, "/ask " + FOLLOW_UP, 4, false), out);
        chat.handle(new IncomingMessage(group, 1, ChatType.GROUP, "/ask " + FOLLOW_UP, 5, false), out);
        List<FakeLlmServer.Request> rewrites = server.requests().stream().filter(LlmChatServiceTest::isRewrite).toList();
        assertThat(rewrites).hasSize(2);
        assertThat(rewrites.get(0).prompt()).contains(SOCHI_Q).doesNotContain("Obama").doesNotContain(FOLLOW_UP + "\nA:");
        assertThat(rewrites.get(1).prompt()).contains(OBAMA_Q).doesNotContain("Pompeo");
        assertThat(searchQueries(group, 1)).containsExactly(OBAMA_Q, "Putin reaction to Obama cancelling Moscow trip");
        assertThat(searchQueries(group, 2)).containsExactly(SOCHI_Q, "Putin comments on Pompeo Lavrov Sochi meeting");
        assertThat(searchQueries(9, 9)).containsExactly(FOLLOW_UP);
        // The answer prompt has the user's words and the resolved form; the answer keeps the user's question.
        FakeLlmServer.Request lastAnswer = server.requests().get(server.requests().size() - 1);
        assertThat(lastAnswer.prompt()).contains("Question: " + FOLLOW_UP
                + " (in context: Putin reaction to Obama cancelling Moscow trip)");
        assertThat(out.sent.get(out.sent.size() - 1).answer().question()).isEqualTo(FOLLOW_UP);
    }

    @Test
    void rewriteFailureFallsBackToTheDeterministicRule() throws Exception {
        server.respondWith(r -> isRewrite(r) ? FakeLlmServer.Reply.status(503, "{}") : FakeLlmServer.Reply.text("A [1]."));
        start(false);
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        chat.handle(IncomingMessage.privateText(4, OBAMA_Q), out);
        chat.handle(IncomingMessage.privateText(4, FOLLOW_UP), out);
        assertThat(searchQueries(4, 4).get(1)).startsWith(FOLLOW_UP).contains("Obama").contains("Moscow");
        assertThat(out.sent.get(1).answer().composer()).isEqualTo("openai");
        assertThat(composer.failures()).isEqualTo(1);
    }

    @Test
    void appWiresTheConfiguredProvider() {
        NewsdeskConfig base = TestFixtures.config(tmp.resolve("data"), TestFixtures.SEED_CORPUS);
        NewsdeskConfig c = new NewsdeskConfig(base.dataDir(), base.corpusDir(), base.index(), base.search(),
                new NewsdeskConfig.Answer("openai", 3, 5, base.answer().abstainThreshold(), base.answer().shortAnswerSupport(), base.answer().abstainThresholdYesNo()), base.chat(),
                base.telegram(), LlmTestData.settings(server.openAiUrl(), 5, false, "fallback", 3));
        try (App app = TestFixtures.app(c)) {
            assertThat(app.answers().composer()).isInstanceOf(LlmComposer.class);
            assertThat(app.answers().composer().name()).isEqualTo("openai");
        }
    }

    List<String> searchQueries(long chatId, long userId) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT search_query FROM conversation_turns WHERE chat_id=? AND user_id=? ORDER BY id")) {
                ps.setLong(1, chatId);
                ps.setLong(2, userId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** Records messages and edits with the time each was made. */
    static final class TimedOutbox implements Outbox {
        final List<OutgoingMessage> sent = new ArrayList<>();
        final List<OutgoingMessage> edits = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        @Override
        public synchronized long send(OutgoingMessage message) {
            sent.add(message);
            times.add(System.nanoTime() / 1_000_000);
            return sent.size();
        }

        @Override
        public synchronized void edit(long handle, OutgoingMessage message) {
            edits.add(message);
            times.add(System.nanoTime() / 1_000_000);
        }
    }
}
