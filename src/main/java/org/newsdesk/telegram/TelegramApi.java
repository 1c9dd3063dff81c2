package org.newsdesk.telegram;

import org.newsdesk.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the Bot API with Telegram's error rules. Only what can succeed later is retried: 429 after its
 * {@code retry_after}, 5xx and network errors with exponential backoff, a bounded number of times. A 4xx (403: the
 * user blocked the bot or it left the chat) or a reply that cannot be read is logged and dropped at once. Cosmetic
 * calls ({@link #cosmetic}: typing indicator, command menu) are tried once, and a method the server does not have is
 * not called again. Never throws; never logs the token. Retries sleep on the calling chat's worker, never on the
 * thread receiving updates.
 */
final class TelegramApi {
    private static final Logger log = LoggerFactory.getLogger(TelegramApi.class);
    /** Consecutive 429 replies tolerated for one call before giving up (each honours retry_after). */
    static final int MAX_THROTTLES = 20;
    /** Up to this share of a pause added at random, so that chats refused together do not retry in step. */
    static final double JITTER = 0.2;
    /** An HTTP 5xx status named in a client message (a proxy's HTML error page): worth retrying. Linear. */
    private static final java.util.regex.Pattern SERVER_ERROR = java.util.regex.Pattern.compile("\\b5\\d\\d\\b");

    private final TelegramClient client;
    private final String token;
    /** Pauses between attempts of one call: the bot-wide retry policy, with jitter. */
    private final Backoff backoff;
    private final int maxAttempts;
    /** Methods that failed as cosmetic calls: logged once, and not called again if the server lacks them. */
    private final Set<String> cosmeticFailed = ConcurrentHashMap.newKeySet();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    /** Optional methods the server has answered; until then only one call of each is out at a time. */
    private final Set<String> supported = ConcurrentHashMap.newKeySet();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();

    TelegramApi(TelegramClient client, String token, long backoffBaseMs, int maxAttempts) {
        this.client = client;
        this.token = token;
        this.backoff = new Backoff(Duration.ofMillis(backoffBaseMs), Duration.ofMillis(backoffBaseMs << 10), JITTER);
        this.maxAttempts = maxAttempts;
    }

    String token() {
        return token;
    }

    /** Counts a Telegram error by its code (or "network", "unreadable", "store") for /metrics. */
    static void countError(String code) {
        TelegramMetrics.errors(code).increment();
    }

    /**
     * What one attempt of a call came to, for the {@link SendScheduler}: delivered (with the result), throttled
     * (wait {@code waitMs}), worth retrying (5xx, timeout, network), or refused for good (a 4xx other than 429, or a
     * reply that is not the Bot API's).
     */
    record Attempt(Kind kind, Serializable result, long waitMs, int code, String problem) {
        enum Kind { SENT, THROTTLED, RETRY, REFUSED }

        boolean notModified() {
            return kind == Kind.REFUSED && code == 400 && problem != null && problem.contains("message is not modified");
        }
    }

    /** One attempt, classified by Telegram's error rules; never throws, never sleeps. */
    <T extends Serializable> Attempt attempt(BotApiMethod<T> method) {
        try {
            return new Attempt(Attempt.Kind.SENT, client.execute(method), 0, 200, null);
        } catch (TelegramApiRequestException e) {
            Integer code = errorCode(e);
            countError(code == null ? (isNetwork(e) ? "network" : "unreadable") : code.toString());
            if (code != null && code == 429) {
                Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                return new Attempt(Attempt.Kind.THROTTLED, null, 1000L * (after == null || after < 1 ? 1 : after),
                        429, "429 " + Secrets.redact(e.getApiResponse(), token));
            }
            if (code != null && code >= 400 && code < 500) {
                return new Attempt(Attempt.Kind.REFUSED, null, 0, code, code + " " + Secrets.redact(e.getApiResponse(), token));
            }
            if (code == null && !isNetwork(e)) {
                // a proxy's HTML 502 page during an outage reads as "unreadable" with the status in the message
                boolean serverError = SERVER_ERROR.matcher(String.valueOf(e.getMessage())).find();
                return new Attempt(serverError ? Attempt.Kind.RETRY : Attempt.Kind.REFUSED, null, 0, 0,
                        "unreadable reply (" + Secrets.describe(e, token) + ")");
            }
            return new Attempt(Attempt.Kind.RETRY, null, 0, code == null ? 0 : code,
                    code == null ? Secrets.describe(e, token) : code + " " + Secrets.redact(e.getApiResponse(), token));
        } catch (TelegramApiException | RuntimeException e) {
            boolean network = isNetwork(e);
            countError(network ? "network" : "unreadable");
            return new Attempt(network ? Attempt.Kind.RETRY : Attempt.Kind.REFUSED, null, 0, 0, Secrets.describe(e, token));
        }
    }

    /**
     * A call whose failure must not delay or stop anything (typing indicator, command menu): one attempt, the first
     * failure of each method logged, later ones only at debug; a method the server does not know is skipped from
     * then on. Until the server has answered a method once, a second call of it while the first is out is skipped
     * too: otherwise two chats' typing indicators would both ask a server that lacks the method.
     */
    <T extends Serializable> Optional<T> cosmetic(BotApiMethod<T> method) {
        String name = method.getMethod();
        if (unsupported.contains(name)) {
            return Optional.empty();
        }
        boolean probe = !supported.contains(name);
        if (probe && !probing.add(name)) {
            return Optional.empty();
        }
        try {
            Optional<T> result = Optional.ofNullable(client.execute(method));
            supported.add(name);
            return result;
        } catch (TelegramApiRequestException e) {
            Integer code = errorCode(e);
            countError(code == null ? "unreadable" : code.toString());
            if (code == null || code == 404 || code == 400 && String.valueOf(e.getApiResponse()).contains("method")) {
                unsupported.add(name); // not there (or not speaking the Bot API): stop asking
            }
            cosmeticFailure(name, code == null ? Secrets.describe(e, token) : code + " " + Secrets.redact(e.getApiResponse(), token));
        } catch (TelegramApiException | RuntimeException e) {
            boolean network = isNetwork(e);
            countError(network ? "network" : "unreadable");
            if (!network) {
                unsupported.add(name); // the server does not answer this method in Bot API terms
            }
            cosmeticFailure(name, Secrets.describe(e, token));
        } finally {
            if (probe) {
                probing.remove(name);
            }
        }
        return Optional.empty();
    }

    /** An optional call the server refused for good (its attempt was made elsewhere): not asked again, logged once. */
    void cosmeticRefused(String method, String problem) {
        unsupported.add(method);
        cosmeticFailure(method, problem);
    }

    private void cosmeticFailure(String method, String problem) {
        if (cosmeticFailed.add(method)) {
            log.warn("Telegram {} failed ({}); it is optional, answers go on without it (logged once)", method, problem);
        } else {
            log.debug("Telegram {} failed again: {}", method, problem);
        }
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
                Integer code = errorCode(e);
                countError(code == null ? (isNetwork(e) ? "network" : "unreadable") : code.toString());
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
                if (code == null && !isNetwork(e)) {
                    // a reply that cannot be read will not become readable by asking again
                    log.warn("Telegram {}: unreadable reply ({}); dropped", method.getMethod(), Secrets.describe(e, token));
                    return Optional.empty();
                }
                problem = code == null ? Secrets.describe(e, token) : code + " " + Secrets.redact(e.getApiResponse(), token);
            } catch (TelegramApiException | RuntimeException e) {
                if (!isNetwork(e)) {
                    countError("unreadable");
                    log.warn("Telegram {} failed ({}); not retried", method.getMethod(), Secrets.describe(e, token));
                    return Optional.empty();
                }
                countError("network");
                problem = Secrets.describe(e, token);
            }
            failures++;
            if (failures >= maxAttempts) {
                log.error("Telegram {} failed {} times, giving up: {}", method.getMethod(), failures, problem);
                return Optional.empty();
            }
            long waitMs = backoff.delay(failures - 1).toMillis();
            log.warn("Telegram {} failed ({}); retry {} in {} ms", method.getMethod(), problem, failures, waitMs);
            if (!sleep(waitMs)) {
                return Optional.empty();
            }
        }
    }

    /** Telegram's error code, or null when the reply carried none (TelegramBots reports 0 for a reply it cannot read). */
    static Integer errorCode(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        return code == null || code == 0 ? null : code;
    }

    /** A network failure (connection refused, reset, timeout): an I/O error that is not a JSON parse error. */
    static boolean isNetwork(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return false;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
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
