package org.newsdesk.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.util.Optional;

/**
 * Calls the Bot API with Telegram's error rules: 429 waits {@code retry_after} and retries (no message is lost),
 * 5xx and network errors are retried with exponential backoff a bounded number of times, 403 (user blocked the
 * bot, bot removed from the group) and other 4xx are logged and dropped. Never throws; never logs the token.
 */
final class TelegramApi {
    private static final Logger log = LoggerFactory.getLogger(TelegramApi.class);
    /** Consecutive 429 replies tolerated for one call before giving up (each honours retry_after). */
    static final int MAX_THROTTLES = 20;

    private final TelegramClient client;
    private final String token;
    private final SendPacer pacer;
    private final long backoffBaseMs;
    private final int maxAttempts;

    TelegramApi(TelegramClient client, String token, SendPacer pacer, long backoffBaseMs, int maxAttempts) {
        this.client = client;
        this.token = token;
        this.pacer = pacer;
        this.backoffBaseMs = backoffBaseMs;
        this.maxAttempts = maxAttempts;
    }

    String token() {
        return token;
    }

    /** Sends a message, paced per chat. Empty when it could not be delivered (logged). */
    Optional<Message> send(SendMessage message, long chatId, boolean group) {
        try {
            pacer.await(chatId, group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return call(message);
    }

    /** Executes a method with retries. Empty when it failed for good (logged). */
    <T extends Serializable> Optional<T> call(BotApiMethod<T> method) {
        int failures = 0;
        int throttles = 0;
        while (true) {
            String problem;
            try {
                return Optional.ofNullable(client.execute(method));
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                if (code != null && code == 429) {
                    Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    long waitMs = 1000L * (after == null || after < 1 ? 1 : after);
                    if (++throttles > MAX_THROTTLES) {
                        log.error("Telegram kept throttling {}; giving up after {} waits", method.getMethod(), throttles - 1);
                        return Optional.empty();
                    }
                    log.warn("Telegram throttled {} (429); retrying in {} ms", method.getMethod(), waitMs);
                    if (!sleep(waitMs)) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (code != null && code == 403) {
                    log.warn("Telegram refused {} (403: {}): the user blocked the bot or it left the chat; dropped",
                            method.getMethod(), Secrets.redact(e.getApiResponse(), token));
                    return Optional.empty();
                }
                if (code != null && code >= 400 && code < 500) {
                    String response = Secrets.redact(e.getApiResponse(), token);
                    if (response != null && response.contains("message is not modified")) {
                        return Optional.empty();
                    }
                    log.warn("Telegram rejected {} ({}: {}); dropped", method.getMethod(), code, response);
                    return Optional.empty();
                }
                problem = code == null ? Secrets.describe(e, token) : code + " " + Secrets.redact(e.getApiResponse(), token);
            } catch (TelegramApiException | RuntimeException e) {
                problem = Secrets.describe(e, token);
            }
            failures++;
            if (failures >= maxAttempts) {
                log.error("Telegram {} failed {} times, giving up: {}", method.getMethod(), failures, problem);
                return Optional.empty();
            }
            long waitMs = backoffBaseMs << Math.min(failures - 1, 10);
            log.warn("Telegram {} failed ({}); retry {} in {} ms", method.getMethod(), problem, failures, waitMs);
            if (!sleep(waitMs)) {
                return Optional.empty();
            }
        }
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
