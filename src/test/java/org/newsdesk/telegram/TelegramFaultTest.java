package org.newsdesk.telegram;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.testkit.LogCapture;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.Hit;
import org.newsdesk.store.Database;
import org.newsdesk.store.StateStore;
import org.newsdesk.store.UpdateQueue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite, in process: the real TelegramBots client and the bot against {@link FakeBotApi}, with the
 * database locked or failing, Telegram throttling one chat, a Bot API emulator lacking optional methods, hostile
 * questions and Telegram restarting its update numbering. Each asserts that nothing is lost: every update answered
 * once. (Kill -9 and SIGTERM run the real main class in a subprocess: {@link TelegramProcessFaultTest}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TelegramFaultTest {
    static final String TOKEN = TelegramBotTest.TOKEN;
    static final long A = 4101;
    static final long B = 4202;
    static final long C = 4303;

    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static NewsdeskConfig.Chat settings(int perMinute) {
        return BotHarness.chatSettings(perMinute);
    }

    /** The messages sent to {@code chatId} so far. */
    List<FakeBotApi.Call> sentTo(long chatId) {
        return api.calls("sendMessage").stream().filter(c -> c.chatId() == chatId).toList();
    }

    /** Exactly one reply to each of the given asking messages, by the message it quotes. */
    void assertAnsweredOnce(long chatId, int... messageIds) {
        List<Object> quoted = sentTo(chatId).stream().map(c -> c.map("reply_parameters"))
                .map(r -> r == null ? null : r.get("message_id")).toList();
        for (int id : messageIds) {
            assertThat(quoted.stream().filter(q -> q != null && ((Number) q).intValue() == id).count())
                    .as("replies to message %d in chat %d (replies quote %s)", id, chatId, quoted).isEqualTo(1);
        }
    }

    @Test
    void pollingSurvivesADatabaseLockedLongerThanBusyTimeout() throws Exception {
        Path file = harness.path("locked.db");
        Database db = harness.db("locked.db");
        harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        int first = api.text(A, A, "/help");
        api.awaitOne("sendMessage", c -> c.chatId() == A);
        TelegramBotTest.awaitOffset(db, first);
        int second;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = other.createStatement()) {
            // another process (a CLI index, say) holds the write lock past busy_timeout (5 s)
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO telegram_state(key, value) VALUES ('lock-holder', 'x')");
            second = api.text(B, B, "/help");
            // the lock is held past busy_timeout (5 s): nothing can be stored, so nothing is answered meanwhile
            await().during(Duration.ofMillis(6500)).atMost(Duration.ofSeconds(10)).until(() -> sentTo(B).isEmpty());
            s.execute("COMMIT");
        }
        FakeBotApi.Call answered = api.awaitOne("sendMessage", c -> c.chatId() == B);
        assertThat(answered.text()).contains("For example");
        // polling goes on
        int third = api.text(C, C, "/help");
        api.awaitOne("sendMessage", c -> c.chatId() == C);
        TelegramBotTest.awaitOffset(db, third);
        assertAnsweredOnce(A, 1);
        assertThat(sentTo(B)).hasSize(1);
        assertThat(sentTo(C)).hasSize(1);
        assertThat(logs.events()).anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("Cannot store 1 update(s)"));
        assertThat(second).isLessThan(third);
    }

    @Test
    void diskFullAtTheStoreBoundaryLosesNoUpdate() throws Exception {
        Database db = harness.db("full.db");
        harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        db.injectFault(new SQLException("[SQLITE_FULL] Insertion failed because database is full "
                + "(database or disk is full)", null, 13));
        int a = api.text(A, A, "/help");
        int b1 = api.text(B, B, "Where did Pompeo and Lavrov meet?");
        int pollsBefore = api.calls("getUpdates").size();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.calls("getUpdates").size() > pollsBefore + 1);
        int pollsDuringFault = api.calls("getUpdates").size();
        assertThat(api.calls("sendMessage")).isEmpty();
        db.injectFault(null);
        api.await("sendMessage", c -> true, 2, Duration.ofSeconds(30));
        int b2 = api.text(B, B, "/help");
        api.await("sendMessage", c -> c.chatId() == B, 2, Duration.ofSeconds(30));
        TelegramBotTest.awaitOffset(db, api.text(C, C, "/help"));
        await().during(Duration.ofMillis(300)).until(() -> sentTo(A).size() == 1 && sentTo(B).size() == 2);
        assertThat(pollsDuringFault).as("polling went on during the fault").isGreaterThan(1);
        assertThat(sentTo(A)).hasSize(1);
        assertThat(sentTo(B)).hasSize(2);
        assertThat(sentTo(B).get(0).text()).contains("<b>Sources</b>");
        assertThat(a).isLessThan(b1).isLessThan(b2);
        assertThat(new UpdateQueue(db).pendingCount()).isZero();
        assertThat(logs.events()).anyMatch(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().contains("disk is full"));
    }

    @Test
    void aThrottledChatDoesNotDelayAnotherChat() throws Exception {
        Database db = harness.db("storm.db");
        harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        api.text(C, C, "Who is Masha Lipman?"); // warm up: the first question of a JVM loads the model session
        api.awaitOne("sendMessage", c -> c.chatId() == C);
        api.failChat(A, 2, 429, 2); // a 429 storm in chat A: two waits of 2 s
        int qa = api.text(A, A, "Where did Pompeo and Lavrov meet?");
        TelegramBotTest.awaitFetched(db, qa); // chat A's question is in before chat B's
        long asked = System.currentTimeMillis();
        int qb = api.text(B, B, "When is New Start set to expire?");
        FakeBotApi.Call b = api.awaitOne("sendMessage", c -> c.chatId() == B);
        List<FakeBotApi.Call> a = api.await("sendMessage", c -> c.chatId() == A, 3, Duration.ofSeconds(30));
        // chat A's answer waits 2 x 2 s; chat B's must not wait for that (bound loose for a busy machine)
        assertThat(b.atMillis() - asked).as("chat B waited for chat A's throttling").isLessThan(2500);
        assertThat(a.get(2).atMillis()).isGreaterThan(b.atMillis() + 2500);
        TelegramBotTest.awaitOffset(db, qb);
        assertAnsweredOnce(B, qb);
        // chat A: two refused attempts, then the one delivered answer
        assertThat(a).hasSize(3).allSatisfy(c -> assertThat(c.text()).contains("<b>Sources</b>"));
        assertThat(qa).isLessThan(qb);
    }

    @Test
    void aFloodOfUnknownCommandsIsLimitedAndDelaysNobodyElse() throws Exception {
        Database db = harness.db("flood.db");
        harness.startBot(harness.chat(db, null, settings(5)), db, TelegramBotTest.FAST);
        for (int i = 0; i < 15; i++) {
            api.text(A, A, "/frobnicate" + i);
        }
        long asked = System.currentTimeMillis();
        int qb = api.text(B, B, "Where did Pompeo and Lavrov meet?");
        FakeBotApi.Call b = api.awaitOne("sendMessage", c -> c.chatId() == B);
        assertThat(b.atMillis() - asked).isLessThan(3000);
        TelegramBotTest.awaitOffset(db, qb);
        List<FakeBotApi.Call> toA = sentTo(A);
        assertThat(toA).hasSize(6);
        assertThat(toA.subList(0, 5)).allSatisfy(c -> assertThat(c.text()).startsWith("Unknown command"));
        assertThat(toA.get(5).text()).startsWith("Slow down");
        // button presses are counted too: 3 x 5 a minute
        for (int i = 0; i < 17; i++) {
            api.callback(C, C, 1, "v:1:up");
        }
        int last = api.callback(C, C, 1, "v:1:up");
        TelegramBotTest.awaitOffset(db, last);
        assertThat(api.calls("answerCallbackQuery").stream().filter(c -> String.valueOf(c.params().get("text"))
                .startsWith("Slow down"))).hasSize(3);
    }

    @Test
    void anEmulatorWithoutCommandMenuOrTypingDelaysNothing() throws Exception {
        api.missing("setMyCommands", "sendChatAction");
        Database db = harness.db("emu.db");
        // production retry settings: 1 s backoff doubling, 5 attempts (the old code spent 15 s on the menu)
        TelegramBot.Settings production = new TelegramBot.Settings(1, 20, 20, 1000, 5, 4000);
        long started = System.currentTimeMillis();
        harness.startBot(harness.chat(db, null, settings(100)), db, production);
        assertThat(System.currentTimeMillis() - started).as("start-up").isLessThan(3000);
        long asked = System.currentTimeMillis();
        int q1 = api.text(A, A, "Where did Pompeo and Lavrov meet?");
        api.awaitOne("sendMessage", c -> c.chatId() == A);
        assertThat(System.currentTimeMillis() - asked).as("answer time").isLessThan(3000);
        int q2 = api.text(B, B, "When is New Start set to expire?");
        api.awaitOne("sendMessage", c -> c.chatId() == B);
        TelegramBotTest.awaitOffset(db, q2);
        assertAnsweredOnce(A, 1);
        assertThat(api.calls("setMyCommands")).hasSize(1);
        // At most once: typing is dropped when an answer is ready before the scheduler sends it, a method the
        // server lacks is not asked again (nor logged again) once it said so, nor a second time while its first call
        // is out (chat A's typing may still be waiting for its 404 when chat B's starts). The warning follows the
        // server's answer, so it is awaited.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int typing = api.calls("sendChatAction").size();
            assertThat(typing).as("not asked again once missing").isLessThanOrEqualTo(1);
            assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage()
                    .toLowerCase(java.util.Locale.ROOT).contains("sendchataction"))).hasSize(typing);
        });
        assertThat(q1).isLessThan(q2);
    }

    @Test
    void hostileQuestionsGetAPoliteReplyEach() throws Exception {
        Database db = harness.db("hostile.db");
        harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        int rlm = api.text(A, A, "\u200F");
        int override = api.text(A, A, "\u202E\u200F \u200B\uFEFF\u2066");
        int control = api.text(A, A, "\u0007\u001B\u0000\u0008");
        int tooLong = api.text(A, A, "x".repeat(4001));
        int lucene = api.text(A, A, "title:(Lavrov AND Kerry~2) OR \"unclosed [* TO *] {!lucene}*:* \\ ^3 -+&&||");
        int ask = api.text(A, A, "/ask \u200F\u202E");
        TelegramBotTest.awaitOffset(db, ask);
        await().during(Duration.ofMillis(200)).until(() -> sentTo(A).size() == 6); // and nothing more
        List<FakeBotApi.Call> replies = sentTo(A);
        assertAnsweredOnce(A, rlm, override, control, tooLong, lucene);
        assertThat(replies).hasSize(6).noneSatisfy(c -> assertThat(c.text()).contains("Sorry"));
        assertThat(replies.subList(0, 3)).allSatisfy(c -> assertThat(c.text()).startsWith("Please ask a question"));
        assertThat(replies.get(3).text()).contains("4001 characters").contains("limit is 4000");
        assertThat(replies.get(4).text()).satisfiesAnyOf(t -> assertThat(t).contains("<b>Sources</b>"),
                t -> assertThat(t).containsIgnoringCase("archive"));
        assertThat(replies.get(5).text()).startsWith("Usage: /ask");
        assertThat(logs.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    @Test
    void updateNumberingRestartedAfterAWeekOfSilenceIsPickedUp() throws Exception {
        Database db = harness.db("renumber.db");
        StateStore state = new StateStore(db);
        // the last update, 500, came eight days ago; Telegram now numbers from 1 again
        state.put(UpdateQueue.OFFSET_KEY, "500");
        state.put(UpdateQueue.OFFSET_AT_KEY, Long.toString(System.currentTimeMillis() - Duration.ofDays(8).toMillis()));
        harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        int id = api.text(A, A, "/help");
        api.awaitOne("sendMessage", c -> c.chatId() == A);
        int next = api.text(B, B, "/help");
        api.awaitOne("sendMessage", c -> c.chatId() == B);
        TelegramBotTest.awaitOffset(db, next);
        List<FakeBotApi.Call> polls = api.calls("getUpdates");
        assertThat(api.calls("deleteWebhook")).as("a webhook left from webhook mode is removed").hasSize(1);
        assertThat(api.calls("deleteWebhook").get(0).atMillis()).isLessThanOrEqualTo(polls.get(0).atMillis());
        assertThat(polls.get(0).params()).doesNotContainKey("offset");
        assertThat(polls.get(polls.size() - 1).params().get("offset").toString()).isEqualTo(Integer.toString(next + 1));
        assertThat(sentTo(A)).hasSize(1);
        assertThat(id).isEqualTo(1);
    }

    @Test
    void inlineQueriesRunBesideChatsNotInFrontOfThem() throws Exception {
        Database db = harness.db("inline.db");
        AnswerComposer fast = TelegramBotTest.stubComposer("Answer [1].", false);
        AnswerComposer slow = new AnswerComposer() {
            @Override
            public Answer compose(String question, List<Hit> hits) {
                if (question.startsWith("slow")) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return fast.compose(question, hits);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        harness.startBot(harness.chat(db, slow, settings(100)), db, TelegramBotTest.FAST);
        int slowQuery = api.inline(A, "slow question about Lavrov");
        TelegramBotTest.awaitFetched(db, slowQuery);
        long asked = System.currentTimeMillis();
        api.text(B, B, "fast question about Lavrov");
        FakeBotApi.Call b = api.awaitOne("sendMessage", c -> c.chatId() == B);
        FakeBotApi.Call inline = api.awaitOne("answerInlineQuery", c -> true);
        assertThat(b.atMillis() - asked).isLessThan(1900); // the inline answer takes 2 s
        assertThat(inline.atMillis()).isGreaterThan(b.atMillis());
    }

    @Test
    void inlineQueriesOvertakenWhileTypingAreNotAnswered() throws Exception {
        Database db = harness.db("typing.db");
        AnswerComposer fast = TelegramBotTest.stubComposer("Answer [1].", false);
        java.util.concurrent.CountDownLatch composing = new java.util.concurrent.CountDownLatch(1);
        AnswerComposer slow = new AnswerComposer() {
            @Override
            public Answer compose(String question, List<Hit> hits) {
                composing.countDown();
                try {
                    Thread.sleep(800);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fast.compose(question, hits);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        harness.startBot(harness.chat(db, slow, settings(100)), db, TelegramBotTest.FAST);
        String first = api.inlineQuery(A, "Lavrov");
        // the first one is being answered when the user types on
        assertThat(composing.await(30, TimeUnit.SECONDS)).isTrue();
        List<String> typed = new ArrayList<>();
        for (String q : List.of("Lavrov a", "Lavrov and", "Lavrov and Kerry")) {
            typed.add(api.inlineQuery(A, q));
        }
        FakeBotApi.Call last = api.awaitOne("answerInlineQuery",
                c -> typed.get(2).equals(c.params().get("inline_query_id")));
        // the overtaken ones are skipped, not answered late (each would take 0.8 s)
        await().during(Duration.ofMillis(1200)).until(() -> api.calls("answerInlineQuery").size() == 2);
        List<Object> answered = api.calls("answerInlineQuery").stream().map(c -> c.params().get("inline_query_id")).toList();
        assertThat(answered).containsExactly(first, typed.get(2));
        assertThat(last.params().get("results").toString()).contains("Answer");
    }

    @Test
    void watchdogFiresWhenPollingStalls() throws Exception {
        Database db = harness.db("stall.db");
        TelegramBot bot = harness.startBot(harness.chat(db, null, settings(100)), db, TelegramBotTest.FAST);
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
        bot.startWatchdog(2500, 200, fired::countDown);
        await().during(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(5))
                .until(() -> fired.getCount() == 1); // healthy polling: no alarm
        assertThat(bot.pollerHealth().running()).isTrue();
        assertThat(bot.pollerHealth().sinceSuccessMs()).isLessThan(2500);
        api.hangPolls(30_000); // getUpdates stops answering (the read timeout is 16 s here)
        assertThat(fired.await(10, TimeUnit.SECONDS)).as("watchdog fired").isTrue();
        assertThat(bot.pollerHealth().sinceSuccessMs()).isGreaterThan(2500);
        assertThat(logs.events()).anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("Long polling has stalled"));
        api.hangPolls(0);
    }
}
