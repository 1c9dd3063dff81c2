package org.newsdesk.telegram;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.chat.ChatService;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.Hit;
import org.newsdesk.store.Database;
import org.newsdesk.store.UpdateQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst at Telegram's pace, with the production limits (one message a second per chat, 25 a second bot-wide):
 * 100 private chats ask 5 questions each at the same moment, the answers are ready at once. Every question is
 * answered exactly once, no chat gets two messages less than a second apart and no second holds more than 25
 * requests, as the fake Bot API saw them arrive; the last reply comes within 10 s of the later of the 20 s floor
 * (500 / 25) and the last answer being composed. (Composing means a search per question: on a loaded machine that,
 * not the sending, is what took past a fixed 30 s.)
 */
@Tag("slow") // 20 s at least: Telegram's pace is the point
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TelegramBurstTest {
    static final int CHATS = 100;
    static final int EACH = 5;
    static final int CAP = NewsdeskConfig.Telegram.DEFAULT_MAX_MESSAGES_PER_SECOND;

    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;

    @Test
    void fiveHundredQuestionsFromAHundredChatsAtTelegramsPace() throws Exception {
        Database db = harness.db("burst.db");
        AnswerComposer stub = TelegramBotTest.stubComposer("An answer at once [1].", true);
        AtomicLong lastComposed = new AtomicLong();
        AnswerComposer timed = new AnswerComposer() {
            @Override
            public Answer compose(String question, List<Hit> hits) {
                Answer a = stub.compose(question, hits);
                lastComposed.accumulateAndGet(System.currentTimeMillis(), Math::max);
                return a;
            }

            @Override
            public String name() {
                return stub.name();
            }
        };
        ChatService chat = harness.chat(db, timed,
                new NewsdeskConfig.Chat(List.of(), 4000, 100, 100, List.of(), List.of()));
        harness.startBot(chat, db, TelegramBot.Settings.defaults());
        // warm up (the first question of a JVM loads the embedding session), outside the measured burst
        api.text(1, 1, "warm up");
        api.awaitOne("sendMessage", c -> c.chatId() == 1);
        int warm = api.calls().size();

        long asked = System.currentTimeMillis();
        Map<Long, List<Integer>> asks = new HashMap<>();
        for (int round = 0; round < EACH; round++) {
            for (int c = 0; c < CHATS; c++) {
                long chatId = 10_000 + c;
                asks.computeIfAbsent(chatId, k -> new ArrayList<>()).add(api.text(chatId, chatId, "Question " + round));
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> api.calls("sendMessage").size() >= CHATS * EACH + 1);
        List<FakeBotApi.Call> sent = api.calls("sendMessage").stream().filter(c -> c.chatId() != 1).toList();
        long last = sent.stream().mapToLong(FakeBotApi.Call::atMillis).max().orElseThrow();
        TelegramBotTest.awaitOffset(db, asks.get(10_000L + CHATS - 1).get(EACH - 1));
        assertThat(new UpdateQueue(db).pendingCount()).isZero();
        assertThat(api.calls().subList(warm, api.calls().size()).stream().filter(c -> c.method().equals("sendmessage")))
                .hasSize(CHATS * EACH);

        long closest = Long.MAX_VALUE;
        for (Map.Entry<Long, List<Integer>> e : asks.entrySet()) {
            List<FakeBotApi.Call> inChat = sent.stream().filter(c -> c.chatId() == e.getKey()).toList();
            assertThat(inChat.stream().map(c -> ((Number) c.map("reply_parameters").get("message_id")).intValue()))
                    .as("each question in chat %d answered once, in order", e.getKey()).containsExactlyElementsOf(e.getValue());
            for (int i = 1; i < inChat.size(); i++) {
                long gap = inChat.get(i).atMillis() - inChat.get(i - 1).atMillis();
                closest = Math.min(closest, gap);
                assertThat(gap).as("spacing in chat %d", e.getKey()).isGreaterThanOrEqualTo(1000);
            }
        }
        long[] times = api.messageRequests().stream().mapToLong(r -> r[1]).sorted().toArray();
        int busiest = 0;
        for (int i = 0, j = 0; i < times.length; i++) {
            while (times[i] - times[j] >= 1000) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        assertThat(busiest).as("requests in the busiest second").isLessThanOrEqualTo(CAP);
        long took = last - asked;
        long composed = lastComposed.get() - asked;
        System.out.printf("burst: %d questions from %d chats, last answer composed after %d ms, last reply after %d ms, "
                + "busiest second %d requests, closest two messages in a chat %d ms apart%n", CHATS * EACH, CHATS,
                composed, took, busiest, closest);
        long floor = 1000L * CHATS * EACH / CAP;
        assertThat(took).as("last reply after the burst (last answer composed after %d ms)", composed)
                .isLessThan(Math.max(floor, composed) + 10_000);
    }
}
