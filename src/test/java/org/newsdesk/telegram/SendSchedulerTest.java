package org.newsdesk.telegram;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.store.Database;
import org.newsdesk.store.OutboxStore;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.testkit.LogCapture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The send scheduler against the fake Bot API: priorities, the bot-wide 429, refusals, edits, expiry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendSchedulerTest {
    static final String TOKEN = BotHarness.TOKEN;
    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;
    @RegisterExtension
    final LogCapture logs = new LogCapture();
    final Database db = harness.closeLater(Database.inMemory());
    SendScheduler sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdown(1000);
        }
    }

    SendScheduler sender(int perSecond, long retryWindowMs) {
        OkHttpTelegramClient client = new OkHttpTelegramClient(TOKEN, TelegramBot.telegramUrl(api.url()));
        sender = new SendScheduler(new TelegramApi(client, TOKEN, 20, 3), new OutboxStore(db),
                new SendScheduler.Limits(0, 0, perSecond, 20, 100, retryWindowMs), TOKEN);
        sender.start(List.of());
        return sender;
    }

    static SendMessage message(long chatId, String text) {
        return SendMessage.builder().chatId(chatId).text(text).build();
    }

    static EditMessageText edit(long chatId, String text) {
        return EditMessageText.builder().chatId(chatId).messageId(0).text(text).build();
    }

    @Test
    void answersGoBeforeLowerPriorityTrafficUnderTheCap() throws Exception {
        SendScheduler s = sender(1, 60_000);
        api.hold(); // the first request waits, so everything below is queued when the next slot opens
        s.send(0, 1, false, SendScheduler.Priority.PROGRESS, message(1, "progress 1"));
        await().until(() -> api.held() == 1);
        s.send(0, 2, false, SendScheduler.Priority.DIGEST, message(2, "digest 2"));
        s.send(0, 3, false, SendScheduler.Priority.ALERT, message(3, "alert 3"));
        s.send(0, 4, false, SendScheduler.Priority.ANSWER, message(4, "answer 4"));
        api.release();
        List<FakeBotApi.Call> sent = api.await("sendMessage", c -> true, 4, Duration.ofSeconds(20));
        assertThat(sent).extracting(FakeBotApi.Call::text).containsExactly("progress 1", "answer 4", "alert 3", "digest 2");
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).atMillis() - sent.get(i - 1).atMillis()).as("one a second").isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void twoThrottledChatsPauseTheWholeBot() throws Exception {
        SendScheduler s = sender(25, 60_000);
        api.failChat(1, 1, 429, 2);
        api.failChat(2, 1, 429, 2);
        s.send(0, 1, false, SendScheduler.Priority.ANSWER, message(1, "one"));
        s.send(0, 2, false, SendScheduler.Priority.ANSWER, message(2, "two"));
        List<FakeBotApi.Call> refused = api.await("sendMessage", c -> true, 2, Duration.ofSeconds(10));
        long secondThrottle = refused.get(1).atMillis();
        await().until(() -> logs.events().stream().anyMatch(e -> e.getFormattedMessage().contains("pausing all sends")));
        s.send(0, 3, false, SendScheduler.Priority.ANSWER, message(3, "three"));
        FakeBotApi.Call three = api.awaitOne("sendMessage", c -> c.chatId() == 3);
        assertThat(three.atMillis() - secondThrottle).as("chat 3 waited for the bot-wide retry_after").isGreaterThanOrEqualTo(1900);
        api.await("sendMessage", c -> true, 5, Duration.ofSeconds(10));
        await().until(() -> s.depth() == 0);
    }

    @Test
    void aRefusalIsFinalAndLoggedOnceAndTheUpdateIsDone() {
        SendScheduler s = sender(25, 60_000);
        api.failChat(5, 1, 403, null);
        s.send(42, 5, false, SendScheduler.Priority.ANSWER, message(5, "blocked"));
        AtomicInteger done = new AtomicInteger();
        s.whenDelivered(42, done::incrementAndGet);
        await().until(() -> done.get() == 1);
        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(new OutboxStore(db).count()).isZero();
        assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("refused"))).hasSize(1);
    }

    @Test
    void editsWaitingInAnOutageCollapseIntoTheLastAndARefusedEditBecomesAMessage() throws Exception {
        SendScheduler s = sender(25, 60_000);
        api.outage(true);
        long handle = s.send(7, 6, false, SendScheduler.Priority.ANSWER, message(6, "Writing…"));
        for (int i = 1; i <= 5; i++) {
            s.edit(7, 6, false, SendScheduler.Priority.PROGRESS, handle, edit(6, "partial " + i));
        }
        s.edit(7, 6, false, SendScheduler.Priority.ANSWER, handle, edit(6, "the final answer"));
        assertThat(s.depth()).as("the message and one edit").isEqualTo(2);
        assertThat(new OutboxStore(db).count()).isEqualTo(2);
        await().until(() -> api.refusedInOutage("sendMessage") >= 2);
        api.outage(false);
        FakeBotApi.Call edited = api.awaitOne("editMessageText", c -> true);
        assertThat(edited.text()).isEqualTo("the final answer");
        assertThat(((Number) edited.params().get("message_id")).longValue())
                .isEqualTo(((Number) 1001).longValue());
        await().until(() -> s.depth() == 0);

        // Telegram refuses the next edit (the message was deleted): the text arrives as a message of its own
        api.failNext("editMessageText", 1, 400, null);
        s.edit(8, 6, false, SendScheduler.Priority.ANSWER, handle, edit(6, "the corrected answer"));
        assertThat(api.awaitOne("sendMessage", c -> "the corrected answer".equals(c.text())).chatId()).isEqualTo(6);
        await().until(() -> s.depth() == 0);
        assertThat(api.calls("sendMessage")).hasSize(2);
    }

    @Test
    void aMessageAndItsEditStagedBeforeARestartAreDeliveredAfterIt() throws Exception {
        SendScheduler s = sender(25, 60_000);
        api.outage(true);
        long handle = s.send(3, 9, false, SendScheduler.Priority.ANSWER, message(9, "Writing…"));
        s.edit(3, 9, false, SendScheduler.Priority.ANSWER, handle, edit(9, "the whole answer"));
        await().until(() -> api.refusedInOutage("sendMessage") >= 1);
        s.shutdown(1000);
        assertThat(new OutboxStore(db).count()).isEqualTo(2);
        api.outage(false);
        sender = null;
        SendScheduler again = sender(25, 60_000);
        FakeBotApi.Call edited = api.awaitOne("editMessageText", c -> true);
        FakeBotApi.Call sent = api.calls("sendMessage").get(0);
        assertThat(sent.text()).isEqualTo("Writing…");
        assertThat(edited.text()).isEqualTo("the whole answer");
        assertThat(((Number) edited.params().get("message_id")).intValue()).as("the message sent after the restart")
                .isEqualTo(1001);
        await().until(() -> again.depth() == 0 && new OutboxStore(db).count() == 0);
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    @Test
    void aReplyStillFailingAfterTheRetryWindowIsGivenUpWithOneError() {
        SendScheduler s = sender(25, 2000);
        s.send(0, 7, false, SendScheduler.Priority.ANSWER, message(7, "warm up")); // the client's first call is slow
        await().until(() -> s.depth() == 0);
        api.outage(true);
        s.send(9, 7, false, SendScheduler.Priority.ANSWER, message(7, "lost to a long outage"));
        AtomicInteger done = new AtomicInteger();
        s.whenDelivered(9, done::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(api.refusedInOutage("sendMessage")).as("retried until the window closed").isGreaterThan(2);
        assertThat(new OutboxStore(db).count()).isZero();
        assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("Giving up"))).hasSize(1);
    }
}
