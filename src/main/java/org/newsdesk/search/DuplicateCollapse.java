package org.newsdesk.search;

import org.newsdesk.index.Passage;
import org.newsdesk.search.SentenceRerank.Scored;

import java.util.ArrayList;
import java.util.List;

/**
 * The top {@code k} of a ranked pool without near-duplicates (syndicated copies, Jaccard >= 0.8): each copy that is
 * dropped, there or further down the pool, is listed under the kept passage it repeats, one per other outlet.
 */
final class DuplicateCollapse {
    private DuplicateCollapse() {
    }

    /** The hits; with {@code collapse} off, simply the top {@code k}. */
    static List<Hit> topK(List<Scored> pool, int k, boolean collapse) {
        List<Scored> kept = new ArrayList<>(k);
        List<long[]> keptWords = new ArrayList<>(k);
        List<List<WireCopy>> copies = new ArrayList<>(k);
        for (Scored c : pool) {
            if (!collapse) {
                if (kept.size() >= k) {
                    break;
                }
                kept.add(c);
                copies.add(List.of());
                continue;
            }
            long[] words = WordHashes.of(c.passage().text());
            int of = -1;
            for (int i = 0; i < keptWords.size() && of < 0; i++) {
                if (WordHashes.nearDuplicate(keptWords.get(i), words)) {
                    of = i;
                }
            }
            if (of >= 0) {
                addCopy(kept.get(of).passage(), copies.get(of), c.passage());
            } else if (kept.size() < k) {
                kept.add(c);
                keptWords.add(words);
                copies.add(new ArrayList<>());
            }
        }
        List<Hit> hits = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Scored c = kept.get(i);
            double[] f = c.fused();
            hits.add(new Hit(c.passage(), c.score(), (int) f[1], (int) f[2], (float) f[3], (float) f[4], c.sentenceTerms,
                    copies.get(i)));
        }
        return hits;
    }

    /** Lists {@code copy} under {@code kept} unless it is from the same article or an outlet already listed. */
    private static void addCopy(Passage kept, List<WireCopy> copies, Passage copy) {
        if (copy.articleId().equals(kept.articleId())) {
            return;
        }
        String outlet = copy.source() == null ? "" : copy.source();
        if (outlet.equals(kept.source() == null ? "" : kept.source())
                || copies.stream().anyMatch(w -> outlet.equals(w.source() == null ? "" : w.source()))) {
            return;
        }
        copies.add(new WireCopy(copy.articleId(), copy.source(), copy.title(), copy.url(), copy.published()));
    }
}
