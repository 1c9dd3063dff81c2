package org.newsdesk.search;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.EmbeddingException;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.RetrievalEngine.DayRange;
import org.newsdesk.search.RetrievalEngine.Focus;
import org.newsdesk.search.RetrievalEngine.Ranked;
import org.newsdesk.search.SentenceRerank.Scored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Hybrid retrieval over the live index: BM25 (passage text with its metadata header, title and outlet/date fields)
 * and KNN over the passage vectors, fused by weighted reciprocal rank ({@link Fusion}), re-scored by the best sentence
 * ({@link SentenceRerank}), near-duplicates collapsed. All of it runs here, the same for every engine; the engine
 * ({@link RetrievalEngine}: embedded Lucene or SolrCloud) only supplies candidates, document frequencies and stored
 * fields. This class runs one search; the concerns it orchestrates live beside it: {@link TermAnalysis}, {@link
 * Generations} (the vector-off rule), {@link DenseSearchPool}, {@link Fusion}, {@link FocusedRankings}, {@link
 * SentenceRerank}, {@link DuplicateCollapse}.
 */
public final class HybridSearcher implements TermStatistics {
    private static final Logger log = LoggerFactory.getLogger(HybridSearcher.class);
    /** Three clauses per term: stay below Lucene's 1024-clause limit for very long questions. */
    static final int MAX_QUERY_TERMS = 200;

    private final RetrievalEngine engine;
    private final Embedder embedder;
    private final NewsdeskConfig.Search settings;
    private final SentenceRerank rerank;
    private final Generations generations;

    public HybridSearcher(RetrievalEngine engine, Embedder embedder, NewsdeskConfig.Search settings) {
        this.engine = engine;
        this.embedder = embedder;
        this.settings = settings;
        this.rerank = new SentenceRerank(settings, TermAnalysis.ANALYZER);
        this.generations = new Generations(embedder.name());
    }

    public NewsdeskConfig.Search settings() {
        return settings;
    }

    /** The live index as a whole (status, size), whichever engine holds it. */
    public Archive archive() {
        return engine.archive();
    }

    /** Searches the live index; an empty list when there is no index or nothing matches. */
    public List<Hit> search(SearchRequest request) {
        String query = QueryText.normalize(request.query());
        if (!QueryText.hasWords(query)) {
            return List.of(); // nothing to search for; the embedder is never handed an empty text
        }
        if (!query.equals(request.query())) {
            request = new SearchRequest(query, request.k(), request.mode(), request.from(), request.to(),
                    request.newestFirst(), request.origins());
        }
        for (int attempt = 0; ; attempt++) {
            var view = engine.open();
            if (view.isEmpty()) {
                return List.of();
            }
            try (RetrievalEngine.View v = view.get()) {
                return search(v, request, generations.of(v));
            } catch (RetrievalEngine.ViewGone e) {
                // A full reindex replaced the collection under this search: once more on the new one.
                if (attempt > 0) {
                    throw new IndexException("search failed twice while the index was being replaced: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Up to {@code max} passages published within {@code period} in the given origins (null: all), newest day first,
     * equal days in index order: the candidates of a digest. Read a day at a time, so the cost grows with the days
     * read, not with the archive (the publication day is not a sortable value in the indexes written so far).
     */
    public List<Passage> latest(Period period, Set<String> origins, int max) {
        var opened = engine.open();
        if (opened.isEmpty()) {
            return List.of();
        }
        try (RetrievalEngine.View view = opened.get()) {
            DayRange whole = new DayRange(period.from().toEpochDay(), period.to().toEpochDay());
            List<Passage> out = new ArrayList<>();
            if (!view.anyIn(whole)) {
                return out;
            }
            for (long day = whole.to(); day >= whole.from() && out.size() < max; day--) {
                Ranked[] docs = view.within(new RetrievalEngine.Filter(new DayRange(day, day), origins), max - out.size());
                List<Integer> handles = new ArrayList<>(docs.length);
                for (Ranked r : docs) {
                    handles.add(r.doc());
                }
                view.load(handles).forEach(sp -> out.add(sp.passage()));
            }
            return out;
        }
    }

    private List<Hit> search(RetrievalEngine.View view, SearchRequest request, Generations.Generation generation) {
        boolean vectorsMatch = generation.vectorsMatch();
        int candidates = Math.max(settings.candidates(), request.k());
        DayRange days = request.from() == null && request.to() == null ? null
                : new DayRange(request.from() == null ? null : request.from().toEpochDay(),
                request.to() == null ? null : request.to().toEpochDay());
        if (days != null && !view.anyIn(days)) {
            return List.of(); // nothing published in the period: not worth embedding the question
        }
        RetrievalEngine.Filter filter = new RetrievalEngine.Filter(days, request.origins());
        boolean dense = request.mode() != SearchRequest.Mode.BM25 && vectorsMatch;
        float[] vector = dense ? questionVector(request.query()) : null;
        dense = vector != null;
        boolean lexical = request.mode() != SearchRequest.Mode.KNN || !dense;
        // A question that names an outlet or a date is also ranked within each one, so that the article it points
        // at is not crowded out by the same story from other outlets or days.
        List<Focus> focused = settings.metadataWeight() > 0 ? focusFilters(view, request.query()) : List.of();
        // The KNN search runs on another core while BM25 runs on this one (docs/bench.md, "Growth").
        Future<Ranked[]> denseRun = dense && lexical
                ? DenseSearchPool.SHARED.submit(() -> view.knn(vector, filter, candidates)) : null;
        // With focus filters BM25 reads deeper: the focused rankings are drawn from its top focus-depth.
        Set<String> queryTerms;
        Ranked[] lexicalDeep;
        try {
            queryTerms = TermAnalysis.questionTerms(request.query());
            lexicalDeep = !lexical ? new Ranked[0] : bm25(view, queryTerms, request.query(), filter,
                    focused.isEmpty() ? candidates : Math.max(candidates, settings.focusDepth()));
        } catch (RuntimeException | Error e) {
            // The caller closes the view when this returns: the KNN task still reading it must end first.
            DenseSearchPool.settle(denseRun);
            throw e;
        }
        Ranked[] knnRun = !dense ? new Ranked[0]
                : denseRun == null ? view.knn(vector, filter, candidates) : DenseSearchPool.await(denseRun);
        List<int[]> focusRankings = new ArrayList<>();
        for (Focus focus : focused) {
            focusRankings.addAll(FocusedRankings.of(view, focus, lexicalDeep, knnRun, vector, candidates / 2));
        }
        List<Fusion.Fused> ranked = Fusion.fuse(
                new Fusion.Ranking(Arrays.copyOf(lexicalDeep, Math.min(candidates, lexicalDeep.length)),
                        settings.bm25Weight()),
                new Fusion.Ranking(knnRun, settings.knnWeight()),
                focusRankings, settings.metadataWeight(), settings.rrfK(), view::order);
        int depth = Math.min(ranked.size(), Math.max(request.k(), settings.rerankDepth()));
        List<Integer> docs = new ArrayList<>(depth);
        for (int r = 0; r < depth; r++) {
            docs.add(ranked.get(r).doc());
        }
        List<PassageDocuments.StoredPassage> stored = view.load(docs);
        List<Scored> pool = new ArrayList<>(depth);
        for (int r = 0; r < depth; r++) {
            pool.add(new Scored(stored.get(r), ranked.get(r).toArray()));
        }
        if (settings.rerankDepth() > 0 && settings.sentenceWeight() > 0) {
            rerank.rerank(pool, queryTerms, idf(view, queryTerms), view, generation.headerInText(),
                    TermAnalysis::termCounts);
        }
        if (request.newestFirst()) {
            NewestFirst.reorder(pool, c -> Double.isNaN(c.coverage) ? c.score() : c.coverage, c -> c.passage().published());
        }
        return DuplicateCollapse.topK(pool, request.k(), settings.collapseDuplicates());
    }

    /**
     * The question's vector, or null when a model server fails to give one: the question is then answered from BM25
     * alone (logged), not failed. An in-process model's failure is a bug and propagates.
     */
    private float[] questionVector(String query) {
        try {
            return embedder.embedQuery(settings.embedContentWords() ? TermAnalysis.contentWords(query) : query);
        } catch (EmbeddingException e) {
            log.warn("Question embedding failed, this question is answered from BM25 alone: {}", e.getMessage());
            return null;
        }
    }

    /** Why vector search is off for the live index (for admins), or empty when it is on. */
    public Optional<String> vectorSearchOff() {
        return generations.vectorSearchOff(engine.archive().userData());
    }

    /** BM25 over the passage text, plus the title and the outlet/date field; nothing when the query has no terms. */
    private Ranked[] bm25(RetrievalEngine.View view, Set<String> queryTerms, String query, RetrievalEngine.Filter filter,
                          int n) {
        Set<String> terms = queryTerms;
        if (terms.isEmpty()) {
            terms = TermAnalysis.analyze(query); // a question made only of common words still deserves a search
        }
        if (terms.size() > MAX_QUERY_TERMS) {
            terms = rarest(view, terms);
        }
        return terms.isEmpty() ? new Ranked[0] : view.bm25(terms, filter, n);
    }

    /** Filters for each outlet and each date the question names. */
    List<Focus> focusFilters(RetrievalEngine.View view, String question) {
        List<Focus> filters = new ArrayList<>();
        String q = " " + PassageDocuments.outletWords(question) + " ";
        for (String source : view.sources()) {
            if (q.contains(" " + source + " ")) {
                filters.add(new Focus(source, null));
            }
        }
        for (LocalDate d : QueryDates.find(question)) {
            filters.add(new Focus(null, new DayRange(d.toEpochDay() - 1, d.toEpochDay() + 1)));
        }
        return filters;
    }

    /** What the live index says of {@code terms}, from one view; null without an index. */
    @Override
    public TermStats termStats(Set<String> terms) {
        var view = engine.open();
        if (view.isEmpty()) {
            return null;
        }
        try (RetrievalEngine.View v = view.get()) {
            Map<String, Integer> df = new HashMap<>(terms.isEmpty() ? Map.of() : v.docFreqs(terms));
            terms.forEach(t -> df.putIfAbsent(t, 0));
            Set<String> outlets = new HashSet<>();
            for (String source : v.sources()) {
                outlets.addAll(List.of(source.split(" ")));
            }
            return new TermStats(v.numDocs(), Map.copyOf(df), Set.copyOf(outlets));
        }
    }

    /** BM25's idf of each term over one view's passages. */
    private static Map<String, Double> idf(RetrievalEngine.View view, Set<String> terms) {
        Map<String, Double> idf = new HashMap<>();
        if (terms.isEmpty()) {
            return idf;
        }
        // Frequencies first: on Solr their reply also carries the passage count, which numDocs() then reuses.
        Map<String, Integer> df = view.docFreqs(terms);
        TermStats stats = new TermStats(view.numDocs(), df, Set.of());
        terms.forEach(t -> idf.put(t, stats.idf(t)));
        return idf;
    }

    /** For a very long query: the terms that occur in the index, rarest first, at most MAX_QUERY_TERMS. */
    private static Set<String> rarest(RetrievalEngine.View view, Set<String> terms) {
        Map<String, Integer> freqs = view.docFreqs(terms);
        List<Map.Entry<String, Integer>> df = new ArrayList<>();
        for (String t : terms) {
            int f = freqs.getOrDefault(t, 0);
            if (f > 0) {
                df.add(Map.entry(t, f));
            }
        }
        df.sort(Map.Entry.comparingByValue());
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(MAX_QUERY_TERMS, df.size()); i++) {
            kept.add(df.get(i).getKey());
        }
        return kept;
    }
}
