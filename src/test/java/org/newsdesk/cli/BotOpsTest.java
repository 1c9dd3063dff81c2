package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.telegram.TelegramBot;

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
        } finally {
            bot.close();
        }
    }
}
