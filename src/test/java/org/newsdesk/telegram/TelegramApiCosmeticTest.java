package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.testkit.LocalHttpServer;
import org.newsdesk.testkit.LocalServer;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Optional calls (typing indicator) against a server that lacks the method and is slow to say so. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TelegramApiCosmeticTest {
    static final String TOKEN = BotHarness.TOKEN;

    @Test
    void aMissingMethodIsAskedOnceEvenWhileItsFirstCallIsOut(@LocalServer LocalHttpServer telegram) throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        // an emulator without sendChatAction, answering its HTML 404 only when the test says so
        telegram.streamPrefix("/bot" + TOKEN + "/", (r, ex) -> {
            answer.await(30, TimeUnit.SECONDS);
            LocalHttpServer.send(ex, LocalHttpServer.Response.of(404, "text/html",
                    "<html><body><h1>404 Not Found</h1></body></html>"));
        });
        TelegramApi api = new TelegramApi(new OkHttpTelegramClient(TOKEN, TelegramBot.telegramUrl(telegram.url())),
                TOKEN, 20, 3);
        SendChatAction typing = SendChatAction.builder().chatId(1L).action(ActionType.TYPING.toString()).build();

        CompletableFuture<?> first = CompletableFuture.runAsync(() -> api.cosmetic(typing));
        await().until(() -> telegram.requests().size() == 1);
        // a second chat's indicator while the first call waits for its answer: skipped, not a second request
        assertThat(api.cosmetic(typing)).isEmpty();
        answer.countDown();
        first.get(30, TimeUnit.SECONDS);
        // and once the server said it lacks the method, never asked again
        assertThat(api.cosmetic(typing)).isEmpty();
        assertThat(telegram.requests()).hasSize(1);
    }
}
