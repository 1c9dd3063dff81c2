package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.bench.HashingEmbeddingModel;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Embedder;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.store.Database;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatServiceTest {
    static final long ADMIN = 1001;
    static final long USER = 2002;
    static final long GROUP = -500;

    @TempDir
    Path tmp;
    private Database db;
    private ChatService chat;
    private final RecordingOutbox out = new RecordingOutbox();

    @BeforeEach
    void setUp() {
        App seed = TestFixtures.seedApp();
        NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 3, 30, List.of(), List.of());
        db = Database.open(tmp.resolve("chat.db"));
        chat = new ChatService(new AnswerService(seed.searcher(), seed.answers().composer()), seed.index(),
                seed.reindex(), settings, db, Clock.systemUTC());
        chat.setBotUsername("NewsdeskBot");
    }

    @AfterEach
    void tearDown() {
        chat.close();
        db.close();
    }

    private void send(long chatId, long userId, ChatType type, String text, boolean replyToBot) {
        chat.handle(new IncomingMessage(chatId, userId, type, text, 77, replyToBot), out);
    }

    @Test
    void privateQuestionGetsACitedAnswerAndIsLogged() throws Exception {
        send(USER, USER, ChatType.PRIVATE, "Where did Pompeo and Lavrov meet?", false);
        assertThat(out.sent).hasSize(1);
        OutgoingMessage m = out.sent.get(0);
        assertThat(m.answer()).isNotNull();
        assertThat(m.answer().citedArticleIds()).contains("002_bdb2fb7eb406ee43");
        assertThat(m.text()).contains("[1]").contains("Sources:");
        assertThat(m.replyToMessageId()).isEqualTo(77);
        int logged = db.with(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM query_log")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(logged).isEqualTo(1);
    }

    @Test
    void helpOffersExampleQuestionsFromTheIndex() {
        send(USER, USER, ChatType.PRIVATE, "/start", false);
        assertThat(out.sent.get(0).text()).contains("For example").contains("Talks");
    }

    /** "What can you do?" is about the bot: the help text, no search; a greeting's example is an archive title. */
    @Test
    void questionsAboutTheBotGetTheHelpAndExamplesComeFromTheArchive() {
        String title = TestFixtures.seedApp().index().sampleTitles(1).get(0);
        send(USER, USER, ChatType.PRIVATE, "what can you do?", false);
        send(USER, USER, ChatType.PRIVATE, "Hi bot, can you help me?", false);
        send(USER, USER, ChatType.PRIVATE, "hello", false);
        assertThat(out.sent).hasSize(3);
        assertThat(out.sent.subList(0, 2)).allSatisfy(m -> {
            assertThat(m.answer()).as("no search").isNull();
            assertThat(m.text()).startsWith("Hi! I answer questions").contains("For example");
        });
        assertThat(out.sent.get(2).answer()).isNull();
        assertThat(out.sent.get(2).text()).startsWith("Hello!").contains("“" + title.strip() + "”");
    }

    @Test
    void groupChatterIsIgnoredButAddressedQuestionsAreAnswered() {
        send(GROUP, USER, ChatType.GROUP, "anyone seen the game last night?", false);
        send(GROUP, USER, ChatType.GROUP, "/ask@OtherBot who is Lavrov?", false);
        assertThat(out.sent).isEmpty();
        send(GROUP, USER, ChatType.SUPERGROUP, "/ask@NewsdeskBot Where did Pompeo and Lavrov meet?", false);
        send(GROUP, USER, ChatType.GROUP, "@NewsdeskBot When is New Start set to expire?", false);
        send(GROUP, USER, ChatType.GROUP, "and who is the UN envoy for Syria?", true);
        assertThat(out.sent).hasSize(3).allSatisfy(m -> assertThat(m.answer()).isNotNull());
        send(GROUP, ADMIN, ChatType.GROUP, "/ask", false); // USER has had 3 replies this minute
        assertThat(out.sent.get(3).text()).startsWith("Usage: /ask");
    }

    @Test
    void badInputGetsSpecificMessages() {
        send(USER, USER, ChatType.PRIVATE, "   ", false);
        send(USER, USER, ChatType.PRIVATE, "x".repeat(4001), false);
        send(USER, USER, ChatType.PRIVATE, null, false);
        send(ADMIN, ADMIN, ChatType.PRIVATE, "/frobnicate", false); // USER has had 3 replies this minute
        send(GROUP, USER, ChatType.GROUP, null, false); // non-text in a group: ignored
        assertThat(out.sent).extracting(OutgoingMessage::text).satisfiesExactly(
                t -> assertThat(t).contains("ask a question"),
                t -> assertThat(t).contains("4001 characters").contains("limit is 4000"),
                t -> assertThat(t).contains("as text"),
                t -> assertThat(t).contains("Unknown command /frobnicate"));
    }

    @Test
    void nonAdminReindexIsRefusedAndRecorded() throws Exception {
        send(USER, USER, ChatType.PRIVATE, "/reindex", false);
        send(USER, USER, ChatType.PRIVATE, "/stats", false);
        assertThat(out.sent.get(0).text()).contains("Only an admin");
        assertThat(out.sent.get(1).text()).contains("admins only");
        int refused = db.with(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM admin_events WHERE user_id=" + USER + " AND allowed=0")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(refused).isEqualTo(1);
    }

    @Test
    void adminSeesStats() {
        send(ADMIN, ADMIN, ChatType.PRIVATE, "Where did Pompeo and Lavrov meet?", false);
        send(ADMIN, ADMIN, ChatType.PRIVATE, "/stats", false);
        assertThat(out.sent.get(1).text()).contains("Questions: 1 today, 1 in total").contains("passages");
    }

    @Test
    void statsSayWhenVectorSearchIsOffBecauseTheModelChanged() {
        send(ADMIN, ADMIN, ChatType.PRIVATE, "/stats", false);
        assertThat(out.sent.get(0).text()).doesNotContain("Vector search");
        App seed = TestFixtures.seedApp();
        HybridSearcher otherModel = new HybridSearcher(new LuceneEngine(seed.index(), seed.config().search()),
                Embedder.of("some-other-model", new HashingEmbeddingModel(384, 1)), seed.config().search());
        NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 3, 30, List.of(), List.of());
        try (Database otherDb = Database.open(tmp.resolve("other.db"));
             ChatService other = new ChatService(new AnswerService(otherModel, seed.answers().composer()), seed.index(),
                     seed.reindex(), settings, otherDb, Clock.systemUTC())) {
            other.handle(new IncomingMessage(ADMIN, ADMIN, ChatType.PRIVATE, "/stats", 78, false), out);
        }
        assertThat(out.sent.get(1).text()).contains("Vector search: off").contains("some-other-model")
                .contains(seed.embedder().name());
    }

    @Test
    void rateLimitSaysSlowDown() {
        for (int i = 0; i < 4; i++) {
            send(USER, USER, ChatType.PRIVATE, "Who is Lavrov?", false);
        }
        assertThat(out.sent.get(3).text()).startsWith("Slow down");
        assertThat(out.sent.subList(0, 3)).allSatisfy(m -> assertThat(m.answer()).isNotNull());
    }

    /** Captures what the core sends, as a transport would. */
    static final class RecordingOutbox implements Outbox {
        final List<OutgoingMessage> sent = new ArrayList<>();
        final List<OutgoingMessage> edits = new ArrayList<>();

        @Override
        public synchronized long send(OutgoingMessage message) {
            sent.add(message);
            return sent.size();
        }

        @Override
        public synchronized void edit(long handle, OutgoingMessage message) {
            edits.add(message);
        }
    }
}
