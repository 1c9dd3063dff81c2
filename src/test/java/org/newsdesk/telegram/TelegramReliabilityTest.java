package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.answer.Citation;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.store.Database;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook server limits and durability, identities, long links, env-only token, and the ops endpoint. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TelegramReliabilityTest {
    static final String TOKEN = TelegramBotTest.TOKEN;
    static final String SECRET = "s3cret_Hook-1";

    @TempDir
    Path tmp;
    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    int post(int port, int updateId, long chatId, String text) throws Exception {
        String body = TelegramProcessFaultTest.update(updateId, chatId, updateId, text);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tg/hook"))
                .timeout(Duration.ofSeconds(5)).header(WebhookServer.SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void halfOpenConnectionsDoNotBlockTheWebhookAndAFailedStoreIsRetriedByTelegram() throws Exception {
        Database db = harness.db("w.db");
        TelegramBot bot = new TelegramBot(harness.chat(db), db, harness.telegram(SECRET),
                TelegramBotTest.FAST);
        harness.closeLater(bot);
        bot.startWebhook("https://bot.example.org/tg/hook", "127.0.0.1", 0);
        int port = bot.webhookPort();
        // twenty clients that send half a request and then nothing (the old server had two threads)
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket("127.0.0.1", port);
            harness.closeLater(s);
            OutputStream out = s.getOutputStream();
            out.write("POST /tg/hook HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(s);
        }
        long t0 = System.currentTimeMillis();
        assertThat(post(port, 41, 2002, "/help")).isEqualTo(200);
        assertThat(System.currentTimeMillis() - t0).isLessThan(2000);
        api.awaitOne("sendMessage", c -> c.chatId() == 2002);

        // the update cannot be stored: 503, so Telegram delivers it again; nothing is answered twice
        db.injectFault(new SQLException("database or disk is full", null, 13));
        assertThat(post(port, 42, 3003, "/help")).isEqualTo(503);
        db.injectFault(null);
        assertThat(post(port, 42, 3003, "/help")).isEqualTo(200);
        assertThat(post(port, 42, 3003, "/help")).as("a redelivery").isEqualTo(200);
        api.awaitOne("sendMessage", c -> c.chatId() == 3003);
        TelegramBotTest.awaitOffset(db, 42);
        // nothing more arrives for the redelivered update: still one answer after a while
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> api.calls("sendMessage").stream().filter(c -> c.chatId() == 3003).count() == 1);
        assertThat(stalled).hasSize(20);
    }

    @Test
    void anonymousAdminsAndChannelsAreTheirOwnSenders() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Message anonymous = json.readValue("{\"message_id\":1,\"date\":1,\"chat\":{\"id\":-100500,\"type\":\"supergroup\"},"
                + "\"from\":{\"id\":1087968824,\"is_bot\":true,\"first_name\":\"Group\",\"username\":\"GroupAnonymousBot\"},"
                + "\"sender_chat\":{\"id\":-100500,\"type\":\"supergroup\",\"title\":\"G\"},\"text\":\"hi\"}", Message.class);
        Message channel = json.readValue("{\"message_id\":2,\"date\":1,\"chat\":{\"id\":-100500,\"type\":\"supergroup\"},"
                + "\"from\":{\"id\":777000,\"is_bot\":false,\"first_name\":\"Telegram\"},"
                + "\"sender_chat\":{\"id\":-100777,\"type\":\"channel\",\"title\":\"C\"},\"text\":\"post\"}", Message.class);
        Message person = json.readValue("{\"message_id\":3,\"date\":1,\"chat\":{\"id\":-100500,\"type\":\"supergroup\"},"
                + "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"P\"},\"text\":\"q\"}", Message.class);
        IncomingMessage a = UpdateHandler.toIncoming(anonymous, FakeBotApi.BOT_ID);
        IncomingMessage c = UpdateHandler.toIncoming(channel, FakeBotApi.BOT_ID);
        assertThat(a.userId()).isEqualTo(-100500);
        assertThat(c.userId()).isEqualTo(-100777);
        assertThat(UpdateHandler.toIncoming(person, FakeBotApi.BOT_ID).userId()).isEqualTo(42);
    }

    @Test
    void aLinkOverFourKilobytesNeitherBreaksSplittingNorIsLinked() {
        String url = "https://example.com/" + "a".repeat(5000);
        Citation c = new Citation(1, "a1", "Title", "Outlet", url, LocalDate.of(2020, 1, 2), "a1#0", "Passage.");
        String source = TelegramHtml.source(c);
        assertThat(source).doesNotContain("<a href");
        List<String> parts = TelegramHtml.split(source);
        assertThat(parts).isNotEmpty().allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(TelegramHtml.MAX_MESSAGE);
            TelegramBotTest.assertWellFormed(p);
        });
        // a tag too long to reopen in every part, given directly: plain text instead of an exception
        String hostile = "<a href=\"" + url + "\">title</a> " + "word ".repeat(2000);
        List<String> split = TelegramHtml.split(hostile);
        assertThat(split).isNotEmpty().allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(TelegramHtml.MAX_MESSAGE);
            TelegramBotTest.assertWellFormed(p);
        });
    }

    @Test
    void aTokenInTheConfigFileIsRefused() throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "telegram:\n  token: \"123:abc\"\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("telegram.token must not be in a file").hasMessageContaining("NEWSDESK_TELEGRAM_TOKEN")
                .hasMessageNotContaining("123:abc");
        Files.writeString(f, "telegram:\n  token: \"\"\n  webhook-secret: \"x\"\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEWSDESK_TELEGRAM_WEBHOOK_SECRET");
        assertThat(new ConfigLoader().load(null, Map.of("NEWSDESK_TELEGRAM_TOKEN", "1:x")).telegram().token()).isEqualTo("1:x");
    }

    @Test
    void opsEndpointServesHealthReadinessAndPrometheusMetrics() throws Exception {
        Database db = harness.db("o.db");
        ChatService chat = harness.chat(db);
        chat.handle(IncomingMessage.privateText(2002, "Where did Pompeo and Lavrov meet?"), new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                return 1;
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
            }
        });
        TelegramMetrics.register(); // the queue-depth gauge is registered with the class
        boolean[] pollerOk = {true};
        Map<String, Supplier<OpsServer.Check>> checks = new LinkedHashMap<>();
        checks.put("index", () -> OpsServer.Check.ok("seed"));
        checks.put("telegram", () -> pollerOk[0] ? OpsServer.Check.ok("polling") : OpsServer.Check.failed("stalled 200 s"));
        OpsServer ops = new OpsServer("127.0.0.1", 0, checks);
        harness.closeLater(ops);
        String base = "http://127.0.0.1:" + ops.port();
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
        pollerOk[0] = false;
        HttpResponse<String> notReady = get(base + "/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("telegram: FAIL (stalled 200 s)");
        chat.handle(IncomingMessage.privateText(2002, "When is New Start set to expire?"), new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                return 1;
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
            }
        });
        String metrics = get(base + "/metrics").body();
        assertThat(metrics).contains("newsdesk_questions_total").contains("newsdesk_abstentions_total")
                .contains("newsdesk_answer_latency_seconds_bucket").contains("newsdesk_telegram_queue_depth");
        double before = questions(metrics);
        chat.handle(IncomingMessage.privateText(2003, "Who is Masha Lipman?"), new Outbox() {
            @Override
            public long send(OutgoingMessage message) {
                return 1;
            }

            @Override
            public void edit(long handle, OutgoingMessage message) {
            }
        });
        assertThat(before).isGreaterThanOrEqualTo(1);
        assertThat(questions(get(base + "/metrics").body())).isEqualTo(before + 1);
        assertThat(get(base + "/nope").statusCode()).isEqualTo(404);
    }

    static double questions(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("newsdesk_questions_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
