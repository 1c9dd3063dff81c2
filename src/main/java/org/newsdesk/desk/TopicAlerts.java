package org.newsdesk.desk;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.WordHashes;
import org.newsdesk.store.AlertStore;
import org.newsdesk.store.SourceFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Topic alerts after a sync: the articles the sync indexed are matched against every chat's followed topics
 * ({@link TopicMatcher}, within the chat's archive), and each chat with matches gets one message with all of them,
 * wire copies collapsed, never an article it was alerted to before, at most {@code alerts.max-per-day} a day. A
 * fault in one chat is logged and the other chats still get theirs.
 */
public final class TopicAlerts {
    private static final Logger log = LoggerFactory.getLogger(TopicAlerts.class);
    /** Alerted articles are remembered this long (an article is "new" only in the sync that indexed it). */
    static final int REMEMBER_DAYS = 180;

    private final AlertStore store;
    private final ChatScopes scopes;
    private final TopicMatcher matcher;
    private final SourceFileStore files;
    private final NewsdeskConfig.Alerts limits;
    private final Clock clock;
    private volatile Consumer<Alert> delivery;

    public TopicAlerts(AlertStore store, ChatScopes scopes, TopicMatcher matcher, SourceFileStore files,
                       NewsdeskConfig.Alerts limits, Clock clock) {
        this.store = store;
        this.scopes = scopes;
        this.matcher = matcher;
        this.files = files;
        this.limits = limits;
        this.clock = clock;
    }

    public AlertStore store() {
        return store;
    }

    public NewsdeskConfig.Alerts limits() {
        return limits;
    }

    /** Where alerts go (the transport's durable outbox); without one (no bot running) nothing is matched. */
    public void deliverTo(Consumer<Alert> delivery) {
        this.delivery = delivery;
    }

    /** The chat blocked the bot (Telegram 403): its topics are dropped, logged once (then it has none). */
    public void chatBlocked(long chatId) {
        int n = store.dropChat(chatId);
        if (n > 0) {
            log.info("Chat {} blocked the bot: dropped its {} followed topic(s)", chatId, n);
        }
    }

    /**
     * The article ids a reindex indexed (added or changed files): the files it wrote are the newest
     * {@code added + updated} rows of the index bookkeeping. A full rebuild writes every row: nothing is new.
     */
    public static Set<String> newArticles(ReindexResult r, SourceFileStore files) {
        if (r == null || r.full() || r.added() + r.updated() == 0) {
            return Set.of();
        }
        List<SourceFileStore.Row> rows = new ArrayList<>(files.all().values());
        rows.sort(Comparator.comparing(SourceFileStore.Row::indexedAt).reversed());
        Set<String> out = new LinkedHashSet<>();
        for (SourceFileStore.Row row : rows.subList(0, Math.min(rows.size(), r.added() + r.updated()))) {
            out.addAll(row.articleIds());
        }
        return out;
    }

    /** After a sync: alerts for what its reindex indexed. Never throws. */
    public void afterSync(ReindexResult reindexed) {
        Consumer<Alert> to = delivery;
        if (to == null) {
            return;
        }
        try {
            Set<String> fresh = newArticles(reindexed, files);
            if (!fresh.isEmpty()) {
                alert(fresh, to);
            }
            Instant now = clock.instant();
            store.prune(now.minus(java.time.Duration.ofDays(REMEMBER_DAYS)), LocalDate.now(clock).minusDays(2));
        } catch (RuntimeException e) {
            log.warn("Topic alerts after the sync failed: {}", e.toString());
        }
    }

    /** Matches {@code fresh} against every chat's topics and delivers one alert per chat with matches. */
    public void alert(Set<String> fresh, Consumer<Alert> to) {
        Map<Long, List<AlertStore.Topic>> chats = store.byChat();
        // chats with the same archive share a topic's search within one sync
        Map<String, List<TopicMatcher.Candidate>> searched = new HashMap<>();
        for (var e : chats.entrySet()) {
            long chatId = e.getKey();
            try {
                Alert a = forChat(chatId, e.getValue(), fresh, searched);
                if (a != null) {
                    to.accept(a);
                    Set<String> ids = new HashSet<>();
                    a.sections().forEach(s -> s.items().forEach(i -> ids.add(i.articleId())));
                    ids.addAll(copiesOf(a, searched));
                    store.recordAlert(chatId, ids, LocalDate.now(clock.withZone(ZoneOffset.UTC)), clock.instant());
                    log.debug("Alert to chat {}: {} article(s)", chatId, a.articles());
                }
            } catch (RuntimeException ex) {
                log.warn("Topic alert for chat {} failed: {}", chatId, ex.toString());
            }
        }
    }

    private Alert forChat(long chatId, List<AlertStore.Topic> topics, Set<String> fresh,
                          Map<String, List<TopicMatcher.Candidate>> searched) {
        if (store.messagesOn(chatId, LocalDate.now(clock.withZone(ZoneOffset.UTC))) >= limits.maxPerDay()) {
            log.debug("Chat {} had its {} alert(s) today", chatId, limits.maxPerDay());
            return null;
        }
        Set<String> origins = scopes.originsOf(chatId);
        Map<String, List<TopicMatcher.Candidate>> byTopic = new java.util.LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (AlertStore.Topic t : topics) {
            List<TopicMatcher.Candidate> found = searched.computeIfAbsent(key(t.topic(), origins),
                    k -> matcher.candidates(t.topic(), fresh, origins));
            List<TopicMatcher.Candidate> matching = TopicMatcher.matching(found, TopicMatcher.CALIBRATED);
            byTopic.put(t.topic(), matching);
            matching.forEach(c -> all.add(c.passage().articleId()));
        }
        Set<String> sent = store.alreadySent(chatId, all);
        List<Alert.Section> sections = new ArrayList<>();
        List<long[]> keptWords = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (var e : byTopic.entrySet()) {
            List<Digest.Item> items = new ArrayList<>();
            for (TopicMatcher.Candidate c : e.getValue()) {
                String id = c.passage().articleId();
                if (sent.contains(id) || !listed.add(id)) {
                    continue;
                }
                // a wire copy the search did not collapse (another passage of it was retrieved) is listed once
                long[] words = WordHashes.of(c.passage().text());
                if (keptWords.stream().anyMatch(w -> WordHashes.nearDuplicate(w, words))) {
                    continue;
                }
                keptWords.add(words);
                items.add(item(c));
            }
            if (!items.isEmpty()) {
                sections.add(new Alert.Section(e.getKey(), items));
            }
        }
        return sections.isEmpty() ? null : new Alert(chatId, sections);
    }

    private static Digest.Item item(TopicMatcher.Candidate c) {
        var p = c.passage();
        String own = p.source() == null || p.source().isBlank() ? p.title() : p.source();
        List<String> alsoIn = c.copies().stream().map(w -> w.outletName()).filter(o -> !o.equals(own)).distinct()
                .toList();
        return new Digest.Item(p.articleId(), p.title(), p.source(), p.published(), p.url(), alsoIn);
    }

    /** The wire copies of the alerted articles: never alerted later on their own. */
    private static Set<String> copiesOf(Alert a, Map<String, List<TopicMatcher.Candidate>> searched) {
        Set<String> alerted = new HashSet<>();
        a.sections().forEach(s -> s.items().forEach(i -> alerted.add(i.articleId())));
        Set<String> out = new HashSet<>();
        for (List<TopicMatcher.Candidate> list : searched.values()) {
            for (TopicMatcher.Candidate c : list) {
                if (alerted.contains(c.passage().articleId())) {
                    c.copies().forEach(w -> out.add(w.articleId()));
                }
            }
        }
        return out;
    }

    private static String key(String topic, Set<String> origins) {
        return topic.strip().toLowerCase(java.util.Locale.ROOT) + "\n" + Objects.toString(
                origins == null ? null : new java.util.TreeSet<>(origins));
    }
}
