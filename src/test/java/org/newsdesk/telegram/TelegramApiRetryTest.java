package org.newsdesk.telegram;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.testkit.LocalHttpServer;
import org.newsdesk.testkit.LocalServer;
import org.newsdesk.testkit.LogCapture;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A call that Telegram fails with 5xx is retried with the bot-wide backoff: doubling pauses, bounded jitter. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TelegramApiRetryTest {
    static final String TOKEN = BotHarness.TOKEN;
    private static final Pattern RETRY = Pattern.compile("retry (\\d+) in (\\d+) ms");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void serverErrorsAreRetriedWithDoublingJitteredPauses(@LocalServer LocalHttpServer telegram) {
        AtomicInteger calls = new AtomicInteger();
        telegram.routePrefix("/bot" + TOKEN + "/", r -> calls.incrementAndGet() <= 5
                ? LocalHttpServer.Response.json(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}")
                : LocalHttpServer.Response.json(200, "{\"ok\":true,\"result\":{\"message_id\":7,\"date\":1700000000,"
                        + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"hi\"}}"));
        TelegramApi api = new TelegramApi(new OkHttpTelegramClient(TOKEN, TelegramBot.telegramUrl(telegram.url())),
                TOKEN, 40, 6);

        var sent = api.call(SendMessage.builder().chatId(1L).text("hi").build());

        assertThat(sent).hasValueSatisfying(m -> assertThat(m.getMessageId()).isEqualTo(7));
        assertThat(telegram.requests()).hasSize(6);
        List<long[]> pauses = logs.events().stream().map(ILoggingEvent::getFormattedMessage).map(RETRY::matcher)
                .filter(Matcher::find).map(m -> new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))})
                .toList();
        assertThat(pauses).hasSize(5);
        for (long[] p : pauses) {
            long base = 40L << (p[0] - 1); // 40, 80, 160, 320, 640 ms
            assertThat(p[1]).as("pause before retry %d", p[0])
                    .isBetween(base, base + (long) (base * TelegramApi.JITTER));
        }
        // jittered: five pauses all exactly on their base would happen about once in 40 million runs
        assertThat(pauses).anyMatch(p -> p[1] > 40L << (p[0] - 1));
    }
}
