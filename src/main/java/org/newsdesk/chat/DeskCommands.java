package org.newsdesk.chat;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.desk.ChatScopes;
import org.newsdesk.desk.Digest;
import org.newsdesk.desk.DigestQuestions;
import org.newsdesk.desk.DigestText;
import org.newsdesk.search.Period;
import org.newsdesk.search.TimeExpressions;
import org.newsdesk.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The news-desk commands: /scope (which sources a chat's archive is made of, admins only) and /latest (a digest of
 * the newest articles, also asked for as "what's new today"). The chat's archive is applied to every search and
 * digest of the chat through {@link #originsOf}.
 */
public final class DeskCommands {
    private static final Logger log = LoggerFactory.getLogger(DeskCommands.class);
    static final Set<String> NAMES = Set.of("scope", "latest", "follow", "following", "unfollow");
    /** A default digest reaches back to the chat's last digest, but never further than this. */
    static final int MAX_CATCH_UP_DAYS = 30;

    private final ChatScopes scopes;
    private final NewsdeskConfig.Chat settings;
    private final Database db;
    private final Clock clock;
    private final Digest digest;
    /** Topic alerts (/follow, /following, /unfollow); null: not offered. */
    private volatile AlertCommands alerts;

    public DeskCommands(ChatScopes scopes, Digest digest, NewsdeskConfig.Chat settings, Database db, Clock clock) {
        this.scopes = scopes;
        this.digest = digest;
        this.settings = settings;
        this.db = db;
        this.clock = clock;
    }

    public void setAlertCommands(AlertCommands alerts) {
        this.alerts = alerts;
    }

    /** Topic alerts, or null when not offered. */
    public AlertCommands alertCommands() {
        return alerts;
    }

    /** The origins the chat's searches are filtered on (null: none). */
    public Set<String> originsOf(long chatId) {
        return scopes.originsOf(chatId);
    }

    /** The origins of inline answers (null: none). */
    public Set<String> inlineOrigins() {
        return scopes.inlineOrigins();
    }

    public void migrateChat(long oldChatId, long newChatId) {
        scopes.store().migrateChat(oldChatId, newChatId);
        AlertCommands a = alerts;
        if (a != null) {
            a.alerts().store().migrateChat(oldChatId, newChatId);
        }
    }

    /** Handles the desk's commands; false for any other. */
    boolean handle(String name, String args, IncomingMessage m, Outbox outbox) {
        if (!NAMES.contains(name)) {
            return false;
        }
        if (AlertCommands.NAMES.contains(name)) {
            AlertCommands a = alerts;
            if (a == null) {
                outbox.send(OutgoingMessage.text("Topic alerts are not offered here.", m.messageId()));
            } else {
                a.handle(name, args, m, outbox);
            }
        } else if (name.equals("latest")) {
            latest(args.strip(), m, outbox);
        } else {
            scope(args.strip(), m, outbox);
        }
        return true;
    }

    /** "/latest [topic] [period]": the digest, within the chat's archive. */
    void latest(String args, IncomingMessage m, Outbox outbox) {
        LocalDate today = LocalDate.now(clock);
        var time = TimeExpressions.resolve(args, today);
        String words = DigestQuestions.topicOf(time);
        String topic = words.codePoints().anyMatch(Character::isLetterOrDigit) ? words : null;
        send(new DigestQuestions.Request(topic, time.period()), m, outbox);
    }

    /** Answers a message that asks for a digest ("what's new today"); false when it is a question for the search. */
    boolean digestQuestion(IncomingMessage m, String question, Outbox outbox) {
        var request = DigestQuestions.parse(question, LocalDate.now(clock));
        request.ifPresent(r -> send(r, m, outbox));
        return request.isPresent();
    }

    private void send(DigestQuestions.Request r, IncomingMessage m, Outbox outbox) {
        Period period = r.period() != null ? r.period() : r.topic() != null ? null : defaultPeriod(m.chatId());
        Digest.Result result = digest.of(period, r.topic(), scopes.originsOf(m.chatId()));
        outbox.send(OutgoingMessage.text(DigestText.render(result), m.messageId()));
        if (r.topic() == null && r.period() == null) {
            scopes.store().digestSent(m.chatId(), clock.instant());
        }
        log.debug("Digest for chat {}: {} articles in {} ms", m.chatId(), result.items().size(), result.tookMs());
    }

    /** The last 24 hours (yesterday and today), or back to the chat's last digest when that was earlier. */
    private Period defaultPeriod(long chatId) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(1);
        var last = scopes.store().lastDigest(chatId);
        if (last.isPresent()) {
            LocalDate day = last.get().atZone(ZoneOffset.UTC).toLocalDate();
            if (day.isBefore(from)) {
                from = day.isBefore(today.minusDays(MAX_CATCH_UP_DAYS)) ? today.minusDays(MAX_CATCH_UP_DAYS) : day;
            }
        }
        return new Period(from, today);
    }

    private void scope(String args, IncomingMessage m, Outbox outbox) {
        boolean admin = settings.isAdmin(m.userId());
        db.update("INSERT INTO admin_events(ts, chat_id, user_id, command, allowed) VALUES (?,?,?,?,?)",
                Instant.now(clock).toString(), m.chatId(), m.userId(), "scope", admin ? 1 : 0);
        if (!admin) {
            log.warn("Refused /scope from user {} in chat {}", m.userId(), m.chatId());
            outbox.send(OutgoingMessage.text("/scope is for admins only. Your attempt has been recorded.", m.messageId()));
            return;
        }
        if (args.isEmpty()) {
            outbox.send(OutgoingMessage.text("This chat's archive: " + current(m.chatId()) + ".\nSet it with /scope "
                    + "<sources...> or /scope all. Sources: " + scopes.describeNames() + ".", m.messageId()));
            return;
        }
        List<String> names = Arrays.stream(args.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("all")) {
            scopes.set(m.chatId(), null, clock.instant());
        } else {
            List<String> unknown = scopes.unknown(names);
            if (!unknown.isEmpty()) {
                String shown = String.join(", ", unknown);
                outbox.send(OutgoingMessage.text("Unknown source" + (unknown.size() > 1 ? "s " : " ")
                        + (shown.length() > 200 ? shown.substring(0, 199) + "…" : shown) + "; nothing changed. Sources: "
                        + scopes.describeNames() + ".", m.messageId()));
                return;
            }
            scopes.set(m.chatId(), names, clock.instant());
        }
        // The chat's earlier answers may cite sources it may no longer see: their source buttons go stale.
        db.update("UPDATE answers SET citations = '[]' WHERE chat_id = ?", m.chatId());
        outbox.send(OutgoingMessage.text("Done. This chat's archive: " + current(m.chatId()) + ".", m.messageId()));
    }

    private String current(long chatId) {
        return scopes.restriction(chatId).map(l -> String.join(", ", l))
                .orElse("every source that is not private");
    }
}
