package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.QueryText;
import org.newsdesk.store.AnswerStore;
import org.newsdesk.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The conversation core under faults and hostile input: no second "Sorry", bounded maps, buttons, first start. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatReliabilityTest {
    static final long USER = 2002;

    @TempDir
    Path tmp;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    ChatService seedChat(Database db) {
        App seed = TestFixtures.seedApp();
        ChatService chat = new ChatService(new AnswerService(seed.searcher(), seed.answers().composer()), seed.index(),
                seed.reindex(), new NewsdeskConfig.Chat(List.of(), 4000, 100, 100, List.of(), List.of()), db,
                Clock.systemUTC());
        toClose.add(chat);
        return chat;
    }

    @Test
    void aDatabaseFailureAfterTheAnswerWasSentAddsNoApology() {
        Database db = Database.open(tmp.resolve("a.db"));
        toClose.add(db);
        ChatService chat = seedChat(db);
        List<OutgoingMessage> sent = new ArrayList<>();
        Outbox failingAfterSend = new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                sent.add(message);
                // the disk fills up right after the answer went out: the query log write fails
                db.injectFault(new SQLException("database or disk is full", null, 13));
                return sent.size();
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
                sent.add(message);
            }
        };
        chat.handle(IncomingMessage.privateText(USER, "Where did Pompeo and Lavrov meet?"), failingAfterSend);
        db.injectFault(null);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).answer()).isNotNull();

        // before anything was sent, a failure still gets the apology
        db.injectFault(new SQLException("database or disk is full", null, 13));
        List<OutgoingMessage> second = new ArrayList<>();
        chat.handle(IncomingMessage.privateText(USER, "Where did Pompeo and Lavrov meet?"), new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                second.add(message);
                return 1;
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
                second.add(message);
            }
        });
        db.injectFault(null);
        assertThat(second).extracting(OutgoingMessage::text).containsExactly(
                "Sorry, something went wrong on my side while answering. Please try again in a moment.");
    }

    @Test
    void punctuationAloneIsNoQuestionEvenAfterOne() {
        Database db = Database.open(tmp.resolve("p.db"));
        toClose.add(db);
        ChatService chat = seedChat(db);
        List<OutgoingMessage> sent = new ArrayList<>();
        Outbox out = new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                sent.add(message);
                return sent.size();
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
                sent.add(message);
            }
        };
        chat.handle(IncomingMessage.privateText(USER, "Where did Pompeo and Lavrov meet?"), out);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).answer()).isNotNull();
        // "???" was taken as a follow-up and repeated the previous answer
        chat.handle(IncomingMessage.privateText(USER, "???"), out);
        chat.handle(IncomingMessage.privateText(USER, "?! … *:*"), out);
        assertThat(sent).hasSize(3);
        assertThat(sent.subList(1, 3)).allSatisfy(m -> {
            assertThat(m.answer()).isNull();
            assertThat(m.text()).startsWith("Please ask a question");
        });
    }

    @Test
    void invisibleOnlyTextIsEmptyAndNormalisingIsLinear() {
        assertThat(QueryText.normalize("\u200F")).isEmpty();
        assertThat(QueryText.normalize("\u202E\u200B\uFEFF \u2066\u0000\u0007")).isEmpty();
        assertThat(QueryText.normalize("  Who\u200B is \u202ELavrov?\n\n")).isEqualTo("Who is Lavrov?");
        String big = "\u200F a\u202E".repeat(350_000); // over a megabyte of hostile text
        long t0 = System.nanoTime();
        String out = QueryText.normalize(big);
        assertThat(out).hasSize(2 * 350_000 - 1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
    }

    @Test
    void buttonsOfAnUnknownChatAreRefusedAndAnswerIdsAreNotSequential() {
        Database db = Database.open(tmp.resolve("b.db"));
        toClose.add(db);
        AnswerStore store = new AnswerStore(db);
        long first = store.save(USER, USER, "q", "a [1]", List.of(), Instant.now());
        long second = store.save(USER, USER, "q", "a [1]", List.of(), Instant.now());
        assertThat(second - first).isNotEqualTo(1);
        assertThat(first).isPositive().isLessThan(1L << 53);
        AnswerButtons buttons = new AnswerButtons(store, Clock.systemUTC());
        assertThat(buttons.handle(USER, USER, AnswerButtons.voteData(first, true)).notice()).startsWith("Thanks");
        assertThat(buttons.handle(0, USER, AnswerButtons.voteData(second, true)).notice()).isEqualTo(AnswerButtons.STALE);
        assertThat(buttons.handle(-77, USER, AnswerButtons.voteData(second, true)).notice()).isEqualTo(AnswerButtons.STALE);
    }

    @Test
    void limiterMapsForgetIdleSenders() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(5, clock);
        for (long user = 0; user < 3000; user++) {
            limiter.tryAcquire(user);
        }
        assertThat(limiter.size()).isEqualTo(3000);
        clock.now += 61_000;
        for (int i = 0; i < RateLimiter.SWEEP_EVERY; i++) {
            limiter.tryAcquire(1_000_000 + i % 10);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void aFreshDataDirectoryIsIndexedInTheBackgroundAndSaysSoMeanwhile() throws Exception {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        try (var files = Files.list(TestFixtures.SEED_CORPUS)) {
            for (Path f : files.sorted().limit(3).toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()));
            }
        }
        App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus));
        toClose.add(app);
        assertThat(app.index().exists()).isFalse();
        ChatService chat = app.chat();
        List<OutgoingMessage> sent = new ArrayList<>();
        Outbox out = new Outbox() {
            @Override
            public synchronized long send(OutgoingMessage message) {
                sent.add(message);
                return sent.size();
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
            }
        };
        assertThat(chat.indexInBackground()).isTrue();
        assertThat(chat.indexInBackground()).as("only one at a time").isFalse();
        chat.handle(IncomingMessage.privateText(USER, "What happened?"), out);
        await().atMost(java.time.Duration.ofSeconds(90)).until(() -> !chat.indexing());
        assertThat(app.index().exists()).isTrue();
        chat.handle(IncomingMessage.privateText(USER, "What happened?"), out);
        assertThat(sent.get(0).text()).isEqualTo("The archive is being indexed, try again in a minute.");
        assertThat(sent.get(1).answer()).isNotNull();
    }

    static final class MutableClock extends Clock {
        long now = 1_000_000;

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
