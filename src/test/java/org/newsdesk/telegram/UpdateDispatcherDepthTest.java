package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.store.Database;
import org.newsdesk.store.OutboxStore;
import org.newsdesk.store.UpdateQueue;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 26: the queue-depth gauge counts each dispatcher's own updates, and a stopped dispatcher leaves it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpdateDispatcherDepthTest {
    private static final String TOKEN = TelegramBotTest.TOKEN;

    @Test
    void eachDispatcherCountsItsOwnUpdatesAndAStoppedOneLeavesTheGauge() throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Database db = Database.inMemory()) {
            SendScheduler sender = startedSender(api, db);
            UpdateQueue queue = new UpdateQueue(db);
            CountDownLatch release = new CountDownLatch(1);
            UpdateDispatcher busy = new UpdateDispatcher(queue, u -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, sender, 2, TOKEN);
            UpdateDispatcher idle = new UpdateDispatcher(queue, u -> { }, sender, 2, TOKEN);
            double before = gauge();
            try {
                List<UpdateQueue.Item> items = queue.enqueue(List.of(
                        new UpdateQueue.Item(1, update(1, 41)), new UpdateQueue.Item(2, update(2, 41)),
                        new UpdateQueue.Item(3, update(3, 42))), System.currentTimeMillis());
                items.forEach(busy::submit);

                assertThat(busy.queued()).isEqualTo(3);
                assertThat(idle.queued()).as("another dispatcher's updates are not this one's").isZero();
                assertThat(gauge() - before).isEqualTo(3.0);

                release.countDown();
                await().until(() -> busy.queued() == 0);
                assertThat(gauge()).isEqualTo(before);
            } finally {
                release.countDown();
                busy.shutdown(1000);
                idle.shutdown(1000);
                sender.shutdown(1000);
            }
        }
    }

    @Test
    void aDispatcherStoppedWithUpdatesWaitingNoLongerCountsThem() throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Database db = Database.inMemory()) {
            SendScheduler sender = startedSender(api, db);
            UpdateQueue queue = new UpdateQueue(db);
            CountDownLatch started = new CountDownLatch(1);
            UpdateDispatcher stuck = new UpdateDispatcher(queue, u -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // until interrupted by the shutdown
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, sender, 1, TOKEN);
            double before = gauge();
            try {
                queue.enqueue(List.of(new UpdateQueue.Item(7, update(7, 43)), new UpdateQueue.Item(8, update(8, 43))),
                        System.currentTimeMillis()).forEach(stuck::submit);
                started.await();
                assertThat(gauge() - before).isEqualTo(2.0);
            } finally {
                stuck.shutdown(100);
                sender.shutdown(1000);
            }
            // Both stay pending in the queue for the next start; the gauge no longer counts them (it kept one before).
            assertThat(gauge()).isEqualTo(before);
            assertThat(queue.pendingCount()).isEqualTo(2);
        }
    }

    /** What the newsdesk.telegram.queue.depth gauge reports. */
    private static double gauge() {
        return TelegramMetrics.queueDepth();
    }

    private static String update(long id, long chat) {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + ",\"date\":1700000000,"
                + "\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"text\":\"hello\"}}";
    }

    /** A started send scheduler on the fake Bot API, its outbox in {@code db}. */
    private static SendScheduler startedSender(FakeBotApi api, Database db) {
        SendScheduler sender = new SendScheduler(new TelegramApi(
                new OkHttpTelegramClient(TOKEN, TelegramBot.telegramUrl(api.url())), TOKEN, 20, 3),
                new OutboxStore(db), new SendScheduler.Limits(0, 0, 25, 20, 100, 60_000), TOKEN);
        sender.start(List.of());
        return sender;
    }
}
