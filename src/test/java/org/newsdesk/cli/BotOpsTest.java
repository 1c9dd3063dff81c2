package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.telegram.TelegramBot;
import org.newsdesk.testkit.LocalHttpServer;
import org.newsdesk.testkit.LocalServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness checks the bot command wires into the ops endpoint. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BotOpsTest {
    @Test
    void readinessNamesTheFailingCheck() throws Exception {
        App seed = TestFixtures.seedApp();
        NewsdeskConfig c = seed.config();
        NewsdeskConfig withOps = c.withOps(new NewsdeskConfig.Ops(0, "127.0.0.1", 180));
        TelegramBot bot = new TelegramBot(seed.chat(), seed.db(),
                new NewsdeskConfig.Telegram("1:x", "http://127.0.0.1:1", null), TelegramBot.Settings.defaults());
        HttpClient http = HttpClient.newHttpClient();
        try (OpsServer ops = BotCommand.startOps(withOps, seed, bot, 180_000,
                new PrintStream(new ByteArrayOutputStream()))) {
            URI readyz = URI.create("http://127.0.0.1:" + ops.port() + "/readyz");
            HttpResponse<String> notPolling = http.send(HttpRequest.newBuilder(readyz).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(notPolling.statusCode()).isEqualTo(503);
            assertThat(notPolling.body()).contains("index: ok (" + seed.index().passageCount() + " passages)")
                    .contains("database: ok (writable)").contains("telegram: FAIL (long polling is not running)");
            seed.db().injectFault(new SQLException("database or disk is full", null, 13));
            try {
                HttpResponse<String> full = http.send(HttpRequest.newBuilder(readyz).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(full.body()).contains("database: FAIL (not writable:").contains("disk is full");
            } finally {
                seed.db().injectFault(null);
            }
            assertThat(notPolling.body()).contains("outbox: ok (0 reply(ies) waiting");
        } finally {
            bot.close();
        }
    }

    /**
     * A Bot API that knows the bot and delivers one question, then answers 502 to every message: the reply waits in
     * the outbox, and once it is older than the stall limit /readyz says the outbox is stuck; /metrics shows it.
     */
    @Test
    void aStuckOutboxMakesReadinessFail(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp,
                                        @LocalServer LocalHttpServer telegram) throws Exception {
        String token = "123:stuck-outbox";
        java.util.concurrent.atomic.AtomicBoolean delivered = new java.util.concurrent.atomic.AtomicBoolean();
        telegram.routePrefix("/", r -> {
            String method = r.path().replaceAll(".*/", "").toLowerCase(java.util.Locale.ROOT);
            String body = switch (method) {
                case "getme" -> "{\"ok\":true,\"result\":{\"id\":77,\"is_bot\":true,\"first_name\":\"B\","
                        + "\"username\":\"NewsdeskBot\"}}";
                case "deletewebhook", "setmycommands" -> "{\"ok\":true,\"result\":true}";
                case "getupdates" -> delivered.getAndSet(true) ? "{\"ok\":true,\"result\":[]}"
                        : "{\"ok\":true,\"result\":[{\"update_id\":5,\"message\":{\"message_id\":9,\"date\":1700000000,"
                        + "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,"
                        + "\"first_name\":\"U\"},\"text\":\"/help\"}}]}";
                default -> null;
            };
            return body == null ? LocalHttpServer.Response.json(502, "{\"ok\":false,\"error_code\":502,"
                    + "\"description\":\"Bad Gateway\"}") : LocalHttpServer.Response.json(200, body);
        });
        App seed = TestFixtures.seedApp();
        NewsdeskConfig withOps = seed.config().withOps(new NewsdeskConfig.Ops(0, "127.0.0.1", 180));
        try (org.newsdesk.store.Database db = org.newsdesk.store.Database.open(tmp.resolve("stuck.db"));
             org.newsdesk.chat.ChatService chat = new org.newsdesk.chat.ChatService(seed.answers(), seed.index(),
                     seed.reindex(), new NewsdeskConfig.Chat(java.util.List.of(), 4000, 100, 100, java.util.List.of(),
                     java.util.List.of()), db, java.time.Clock.systemUTC());
             TelegramBot bot = new TelegramBot(chat, db, new NewsdeskConfig.Telegram(token,
                     telegram.url(), null),
                     new TelegramBot.Settings(1, 20, 20, 50, 3, 300));
             OpsServer ops = BotCommand.startOps(withOps, seed, bot, 1000, new PrintStream(new ByteArrayOutputStream()))) {
            bot.start();
            HttpClient http = HttpClient.newHttpClient();
            URI readyz = URI.create("http://127.0.0.1:" + ops.port() + "/readyz");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 503 && r.body().contains("outbox: FAIL (stuck: 1 reply(ies) waiting");
            });
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("newsdesk_telegram_outbox_depth 1.0").contains("newsdesk_telegram_outbox_oldest_seconds")
                    .contains("newsdesk_telegram_send_retries_total{reason=\"5xx\"}");
        }
    }
}
