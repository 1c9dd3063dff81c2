package org.newsdesk.telegram;

import org.newsdesk.chat.GroupAdmins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A group's administrators as Telegram knows them: getChatMember, status "creator" or "administrator". Answers are
 * kept a minute (a command burst asks once); when Telegram cannot be asked (outage, throttling) the answer is
 * UNKNOWN and nothing is cached, so the caller fails closed and the next attempt asks again.
 */
final class ChatMemberCheck implements GroupAdmins {
    private static final Logger log = LoggerFactory.getLogger(ChatMemberCheck.class);
    static final long CACHE_MS = 60_000;
    /** Bounds the cache: a bot in many busy groups does not keep every member it was asked about. */
    static final int MAX_CACHED = 10_000;

    private record Key(long chatId, long userId) {
    }

    private record Known(Status status, long until) {
    }

    private final TelegramApi api;
    private final LongSupplier clockMs;
    private final Map<Key, Known> cache = new ConcurrentHashMap<>();

    ChatMemberCheck(TelegramApi api, LongSupplier clockMs) {
        this.api = api;
        this.clockMs = clockMs;
    }

    @Override
    public Status of(long chatId, long userId) {
        Key key = new Key(chatId, userId);
        long now = clockMs.getAsLong();
        Known known = cache.get(key);
        if (known != null && known.until() > now) {
            return known.status();
        }
        TelegramApi.Attempt a = api.attempt(GetChatMember.builder().chatId(chatId).userId(userId).build());
        Status status;
        if (a.kind() == TelegramApi.Attempt.Kind.SENT && a.result() instanceof ChatMember m) {
            status = "creator".equals(m.getStatus()) || "administrator".equals(m.getStatus()) ? Status.ADMIN
                    : Status.MEMBER;
        } else if (a.kind() == TelegramApi.Attempt.Kind.REFUSED && a.code() == 400) {
            status = Status.MEMBER; // "user not found" / "participant not found": Telegram says no
        } else {
            log.warn("Telegram getChatMember for group {} failed ({}); the change is refused", chatId, a.problem());
            return Status.UNKNOWN;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.entrySet().removeIf(e -> e.getValue().until() <= now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(key, new Known(status, now + CACHE_MS));
        return status;
    }
}
