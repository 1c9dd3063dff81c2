package org.newsdesk.desk;

import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.Period;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.search.WordHashes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The newest articles of a period, one line each: without a topic every article of the period (newest day first),
 * with one the articles that match it about as well as the best match does (the rule of the latest-first ranking),
 * newest first. Wire copies (the same text under other outlets) are one line naming the other outlets.
 */
public final class Digest {
    /** Passages read for a digest without a topic: enough for the articles one message can list. */
    static final int MAX_PASSAGES = 600;
    /** Articles a digest lists at most (one Telegram message holds about this many lines). */
    static final int MAX_ARTICLES = 40;
    /** Candidates searched for a topic. */
    static final int TOPIC_CANDIDATES = 30;
    /** "About as well as the best": the share of the best match's score a topic's article must reach. */
    static final double MATCHING_SHARE = 0.75;

    /** One article of a digest, with the other outlets that carried the same text. */
    public record Item(String articleId, String title, String outlet, LocalDate published, String url,
                       List<String> alsoIn) {
    }

    /** A digest: the period, the topic (null for none) and its articles, newest first. */
    public record Result(Period period, String topic, List<Item> items, long tookMs) {
    }

    private final HybridSearcher searcher;

    public Digest(HybridSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * The digest of {@code period} (null, with a topic only: the whole archive) within {@code origins} (null:
     * everything), about {@code topic} when not null.
     */
    public Result of(Period period, String topic, Set<String> origins) {
        long t0 = System.nanoTime();
        List<Item> items = topic == null || topic.isBlank() ? newest(period, origins) : onTopic(period, topic, origins);
        return new Result(period, topic == null || topic.isBlank() ? null : topic.strip(), items,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private List<Item> newest(Period period, Set<String> origins) {
        // the article's first passage read (its lead, in index order) stands for it
        Map<String, Passage> leads = new LinkedHashMap<>();
        for (Passage p : searcher.latest(period, origins, MAX_PASSAGES)) {
            leads.merge(p.articleId(), p, (a, b) -> b.ordinal() < a.ordinal() ? b : a);
        }
        List<Kept> kept = new ArrayList<>();
        for (Passage p : leads.values()) {
            long[] words = WordHashes.of(p.text());
            Kept copyOf = null;
            for (Kept k : kept) {
                if (WordHashes.nearDuplicate(k.words, words)) {
                    copyOf = k;
                    break;
                }
            }
            if (copyOf != null) {
                copyOf.alsoIn.add(outlet(p.source(), p.title()));
            } else if (kept.size() < MAX_ARTICLES) {
                kept.add(new Kept(p, words, new ArrayList<>()));
            }
        }
        return kept.stream().map(k -> item(k.passage, k.alsoIn)).toList();
    }

    private List<Item> onTopic(Period period, String topic, Set<String> origins) {
        var settings = searcher.settings();
        List<Hit> hits = searcher.search(new SearchRequest(topic, TOPIC_CANDIDATES, SearchRequest.Mode.parse(settings.mode()),
                period == null ? null : period.from(), period == null ? null : period.to(), true, origins));
        double best = hits.stream().mapToDouble(Hit::score).max().orElse(0);
        Map<String, Item> byArticle = new LinkedHashMap<>();
        for (Hit h : hits) {
            // a passage without a BM25 score shares no word with the topic (a filtered BM25 search also returns the
            // filter's other passages, scored 0): found by the vectors alone, near the topic, not about it
            if (h.bm25Score() > 0 && h.score() >= MATCHING_SHARE * best
                    && !byArticle.containsKey(h.passage().articleId())) {
                List<String> also = h.alsoIn().stream().map(w -> w.outletName()).distinct().toList();
                byArticle.put(h.passage().articleId(), item(h.passage(), also));
            }
        }
        List<Item> items = new ArrayList<>(byArticle.values());
        // newest first; the same day keeps the relevance order (List.sort is stable)
        items.sort(Comparator.comparing(Item::published, Comparator.nullsLast(Comparator.reverseOrder())));
        return items.size() > MAX_ARTICLES ? items.subList(0, MAX_ARTICLES) : items;
    }

    private static Item item(Passage p, List<String> alsoIn) {
        String own = outlet(p.source(), p.title());
        return new Item(p.articleId(), p.title(), p.source(), p.published(), p.url(),
                alsoIn.stream().filter(o -> !o.equals(own)).distinct().toList());
    }

    private static String outlet(String source, String title) {
        return source == null || source.isBlank() ? title : source;
    }

    private record Kept(Passage passage, long[] words, List<String> alsoIn) {
    }
}
