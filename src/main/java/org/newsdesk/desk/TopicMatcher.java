package org.newsdesk.desk;

import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.search.WireCopy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which new articles match a followed topic well. The topic is searched like a question (hybrid, within the chat's
 * archive); of the retrieved passages, those of new articles are kept when the topic's words are in the article's
 * title or in the passage (lexical evidence: all of them, see {@link Threshold}) and the passage's vector is close to
 * the topic's (semantic evidence: an absolute similarity, unlike the rank-based fused score, so a batch without any
 * article on the topic alerts nothing). The two limits were calibrated on MultiHop-RAG replayed as syncs
 * ({@code bench --alerts}, docs/desk.md, "Topic alerts"), not guessed.
 */
public final class TopicMatcher {
    /** Passages retrieved per topic: new articles must be among them. */
    static final int CANDIDATES = 100;
    /**
     * The calibrated threshold (docs/desk.md, "Topic alerts"): every topic word present and a vector similarity of at
     * least 0.75 (in practice: KNN retrieved the passage too). On MultiHop-RAG replayed as syncs, 12 topics: precision
     * 0.841, recall 0.726; without the similarity gate recall is higher (0.847) but precision 0.739, and an alert
     * is a push: precision first.
     */
    public static final Threshold CALIBRATED = new Threshold(1.0, 0.75);

    /**
     * When a candidate matches.
     *
     * @param minWords      share of the topic's words (stop words left out, plural "s" ignored) that must occur in the
     *                      article's title or the passage; 0 = any passage BM25 matched at all
     * @param minSimilarity the passage's vector similarity to the topic (the index's KNN score, 0..1), at least
     */
    public record Threshold(double minWords, double minSimilarity) {
        public boolean accepts(Candidate c) {
            return c.words() >= minWords && c.similarity() >= minSimilarity && c.lexical();
        }
    }

    /**
     * A new article's best passage for a topic, with what the threshold reads.
     *
     * @param words      share of the topic's words in the title or the passage
     * @param similarity the best KNN score among the article's retrieved passages (0 when KNN did not retrieve it)
     * @param lexical    whether BM25 matched any of its passages (a topic word is there at all)
     * @param copies     article ids of the wire copies collapsed into it (alerted with it: never on their own)
     */
    public record Candidate(Passage passage, double words, double similarity, boolean lexical, List<WireCopy> copies) {
    }

    private final HybridSearcher searcher;

    public TopicMatcher(HybridSearcher searcher) {
        this.searcher = searcher;
    }

    /** The new articles ({@code newIds}) retrieved for {@code topic} within {@code origins} (null: all), best first. */
    public List<Candidate> candidates(String topic, Collection<String> newIds, Set<String> origins) {
        Set<String> fresh = newIds instanceof Set<String> s ? s : new java.util.HashSet<>(newIds);
        if (fresh.isEmpty()) {
            return List.of();
        }
        var settings = searcher.settings();
        List<Hit> hits = searcher.search(new SearchRequest(topic, CANDIDATES, SearchRequest.Mode.parse(settings.mode()),
                null, null, false, origins));
        List<String> words = words(topic);
        Map<String, Candidate> byArticle = new LinkedHashMap<>();
        for (Hit h : hits) {
            Passage p = h.passage();
            if (!fresh.contains(p.articleId())) {
                continue; // an older article, or a new copy of one (wire copies collapse into the first seen)
            }
            double share = share(words, p.title() + "\n" + p.text());
            Candidate c = new Candidate(p, share, h.knnScore(), h.bm25Score() > 0, h.alsoIn());
            byArticle.merge(p.articleId(), c, TopicMatcher::stronger);
        }
        return new ArrayList<>(byArticle.values());
    }

    /** The candidates {@code threshold} accepts, in order. */
    public static List<Candidate> matching(List<Candidate> candidates, Threshold threshold) {
        return candidates.stream().filter(threshold::accepts).toList();
    }

    private static Candidate stronger(Candidate a, Candidate b) {
        Candidate best = b.words() > a.words() || b.words() == a.words() && b.similarity() > a.similarity() ? b : a;
        List<WireCopy> copies = new ArrayList<>(new LinkedHashSet<>(concat(a.copies(), b.copies())));
        return new Candidate(best.passage(), Math.max(a.words(), b.words()), Math.max(a.similarity(), b.similarity()),
                a.lexical() || b.lexical(), copies);
    }

    private static List<WireCopy> concat(List<WireCopy> a, List<WireCopy> b) {
        List<WireCopy> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Words that carry no topic. */
    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "about",
            "news", "with", "at", "by", "from", "latest", "new", "is", "are", "s");

    /** The topic's words, lower case, without stop words or a plural "s" (a crude but predictable stem). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : split(text)) {
            if (!STOP.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The share of {@code words} found in {@code text} (1 when there are no words). */
    static double share(List<String> words, String text) {
        if (words.isEmpty()) {
            return 1;
        }
        Set<String> present = new java.util.HashSet<>(split(text));
        long found = words.stream().filter(present::contains).count();
        return (double) found / words.size();
    }

    /** Letters and digits runs, lower case, "'s" and a final plural "s" dropped; one pass, linear in the text. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(stem(s.substring(start, i)));
            }
        }
        return out;
    }

    private static String stem(String w) {
        return w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w;
    }
}
