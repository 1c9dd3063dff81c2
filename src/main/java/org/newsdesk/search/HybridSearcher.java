package org.newsdesk.search;

import org.apache.lucene.analysis.Analyzer;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.EmbeddingException;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.LiveIndex;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.Reindexer;
import org.newsdesk.index.SentenceTerms;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Hybrid retrieval over the live index: BM25 (passage text with its metadata header, title and outlet/date fields)
 * and KNN over the passage vectors, fused by weighted reciprocal rank ({@link Fusion}), re-scored by the best sentence
 * ({@link SentenceRerank}), near-duplicates collapsed. All of it runs here, the same for every engine; the engine
 * ({@link RetrievalEngine}: embedded Lucene or SolrCloud) only supplies candidates, document frequencies and stored
 * fields.
 */
public final class HybridSearcher {
    private static final Logger log = LoggerFactory.getLogger(HybridSearcher.class);
    /** Three clauses per term: stay below Lucene's 1024-clause limit for very long questions. */
    static final int MAX_QUERY_TERMS = 200;

    /**
     * Runs KNN searches beside BM25; daemon threads, so an idle pool never holds the JVM open. Bounded: one thread a
     * core (more cannot run KNN faster) and a short queue; when both are full the asking thread runs its KNN itself
     * instead of piling up threads under a burst of questions.
     */
    private static final ExecutorService DENSE_SEARCH = denseSearchPool(Runtime.getRuntime().availableProcessors());

    static ExecutorService denseSearchPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * threads), r -> {
                    Thread t = new Thread(r, "knn-search");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private final RetrievalEngine engine;
    private final Embedder embedder;
    private final NewsdeskConfig.Search settings;
    private final Analyzer analyzer = PassageDocuments.analyzer();
    private final SentenceRerank rerank;
    private final Map<Object, Generation> generationCache = new WeakHashMap<>();
    /** Question and function words, stemmed as the index stems them. */
    private final Set<String> questionStopTerms = analyze(String.join(" ", QUESTION_WORDS));
    private static final List<String> QUESTION_WORDS = List.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "do", "does", "done", "has",
            "have", "had", "having", "his", "her", "hers", "its", "he", "she", "him", "i", "me", "my", "you", "your",
            "we", "our", "us", "them", "those", "from", "about", "would", "could", "should", "can", "may", "might",
            "been", "being", "were", "am", "any", "some", "all", "both", "each", "other", "than", "so", "also", "just",
            "only", "very", "much", "many", "more", "most", "over", "after", "before", "between", "up", "down", "out",
            "tell", "know", "please", "according", "article", "articles", "report", "reported", "reports", "news");

    /** Over the embedded Lucene index. */
    public HybridSearcher(LiveIndex index, Embedder embedder, NewsdeskConfig.Search settings) {
        this(new LuceneEngine(index, settings), embedder, settings);
    }

    public HybridSearcher(RetrievalEngine engine, Embedder embedder, NewsdeskConfig.Search settings) {
        this.engine = engine;
        this.embedder = embedder;
        this.settings = settings;
        this.rerank = new SentenceRerank(settings, analyzer);
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
                return search(v, request, generation(v));
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
    public List<Passage> latest(Period period, java.util.Set<String> origins, int max) {
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

    private List<Hit> search(RetrievalEngine.View view, SearchRequest request, Generation generation) {
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
                ? DENSE_SEARCH.submit(() -> view.knn(vector, filter, candidates)) : null;
        // With focus filters BM25 reads deeper: the focused rankings are drawn from its top focus-depth.
        Set<String> queryTerms;
        Ranked[] lexicalDeep;
        try {
            queryTerms = questionTerms(request.query());
            lexicalDeep = !lexical ? new Ranked[0] : bm25(view, queryTerms, request.query(), filter,
                    focused.isEmpty() ? candidates : Math.max(candidates, settings.focusDepth()));
        } catch (RuntimeException | Error e) {
            // The caller closes the view when this returns: the KNN task still reading it must end first.
            settle(denseRun);
            throw e;
        }
        Ranked[] knnRun = !dense ? new Ranked[0]
                : denseRun == null ? view.knn(vector, filter, candidates) : await(denseRun);
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
            rerank.rerank(pool, queryTerms, idf(view, queryTerms), view, generation.headerInText(), this::termCounts);
        }
        if (request.newestFirst()) {
            NewestFirst.reorder(pool, c -> Double.isNaN(c.coverage) ? c.score() : c.coverage, c -> c.passage().published());
        }
        return collapse(pool, request.k());
    }

    /**
     * The top {@code k} candidates without near-duplicates (syndicated copies, Jaccard >= 0.8): each copy that is
     * dropped, there or further down the pool, is listed under the kept passage it repeats, one per other outlet.
     */
    private List<Hit> collapse(List<Scored> pool, int k) {
        List<Scored> kept = new ArrayList<>(k);
        List<long[]> keptWords = new ArrayList<>(k);
        List<List<WireCopy>> copies = new ArrayList<>(k);
        for (Scored c : pool) {
            if (!settings.collapseDuplicates()) {
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

    /**
     * The question's vector, or null when a model server fails to give one: the question is then answered from BM25
     * alone (logged), not failed. An in-process model's failure is a bug and propagates.
     */
    private float[] questionVector(String query) {
        try {
            return embedder.embedQuery(settings.embedContentWords() ? contentWords(query) : query);
        } catch (EmbeddingException e) {
            log.warn("Question embedding failed, this question is answered from BM25 alone: {}", e.getMessage());
            return null;
        }
    }

    /** Why vector search is off for the live index (for admins), or empty when it is on. */
    public Optional<String> vectorSearchOff() {
        return vectorSearchOff(engine.archive().userData());
    }

    private Optional<String> vectorSearchOff(Map<String, String> commitData) {
        String built = commitData.get(Reindexer.EMBEDDING_MODEL_KEY);
        if (built == null || built.equals(embedder.name())) {
            return Optional.empty();
        }
        return Optional.of("the index was built with embedding model " + built + " but the configured one is "
                + embedder.name() + " (index.embedding-provider, index.embedding-model or index.embedding-remote-model, "
                + "index.embedding-dimensions): vector search is off and answers come from BM25 alone until the next reindex, "
                + "which rebuilds the index in full");
    }

    /**
     * What searching one index generation needs to know of how it was built.
     *
     * @param vectorsMatch whether its vectors come from the configured model. Both shipped models write 384-d
     *                     vectors, so after `index.embedding-model` changes and before `index --full` runs, a KNN search
     *                     would silently compare vectors of two different spaces; BM25 alone serves until the rebuild
     * @param headerInText whether each passage's BM25 text starts with the metadata header line
     */
    private record Generation(boolean vectorsMatch, boolean headerInText) {
    }

    /** Read from the generation's build metadata once per generation (the warning is logged once). */
    private Generation generation(RetrievalEngine.View view) {
        Object key = view.cacheKey();
        synchronized (generationCache) {
            Generation cached = generationCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, String> commitData = view.userData();
        Optional<String> off = vectorSearchOff(commitData);
        off.ifPresent(log::warn);
        Generation g = new Generation(off.isEmpty(), Boolean.parseBoolean(commitData.get(Reindexer.HEADER_IN_TEXT_KEY)));
        synchronized (generationCache) {
            generationCache.put(key, g);
        }
        return g;
    }

    /** Waits for a task whose result is no longer wanted; its own failure is not the one to report. */
    private static void settle(Future<Ranked[]> run) {
        if (run == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                run.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // still wait: the view must outlive the task
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Ranked[] await(Future<Ranked[]> runs) {
        try {
            return runs.get();
        } catch (InterruptedException e) {
            settle(runs); // the view is closed after this throws
            Thread.currentThread().interrupt();
            throw new IndexException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IndexException("search failed: " + e.getCause(), e.getCause());
        }
    }

    /** BM25 over the passage text, plus the title and the outlet/date field; nothing when the query has no terms. */
    private Ranked[] bm25(RetrievalEngine.View view, Set<String> queryTerms, String query, RetrievalEngine.Filter filter,
                          int n) {
        Set<String> terms = queryTerms;
        if (terms.isEmpty()) {
            terms = analyze(query); // a question made only of common words still deserves a search
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

    /**
     * Inverse document frequency of each term over the live index's passages (BM25's idf), so that rare words
     * (names, places) count for more than common ones when judging whether a sentence answers a question.
     */
    public Map<String, Double> idf(Set<String> terms) {
        TermStats stats = termStats(terms);
        Map<String, Double> idf = new HashMap<>();
        terms.forEach(t -> idf.put(t, stats == null ? 1.0 : stats.idf(t)));
        return idf;
    }

    /**
     * What the live index says of a question's words, from one view (one round trip per kind on Solr): its passage
     * count, each term's document frequency, and the words of the outlets it holds.
     *
     * @param docFreqs  passages holding each asked term (0 for a term no passage writes)
     * @param outletWords the words of the outlets' names ("cbssports", "com", "guardian")
     */
    public record TermStats(int passages, Map<String, Integer> docFreqs, Set<String> outletWords) {
        /** BM25's idf of an asked term. */
        public double idf(String term) {
            int n = Math.max(1, passages);
            int f = docFreqs.getOrDefault(term, 0);
            return Math.log(1 + (n - f + 0.5) / (f + 0.5));
        }
    }

    /** The {@link TermStats} of {@code terms}; null without an index. */
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

    /** How often each analysed term occurs in a text. */
    private Map<String, Integer> termCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        forEachTerm(text, t -> counts.merge(t, 1, Integer::sum));
        return counts;
    }

    /** The analysed terms of a text (stemmed, stop words dropped), in order of first appearance. */
    public Set<String> analyze(String text) {
        Set<String> terms = new LinkedHashSet<>();
        forEachTerm(text, terms::add);
        return terms;
    }

    /** Analyses a text as the index does and hands each term over, in order, repeats included. */
    private void forEachTerm(String text, java.util.function.Consumer<String> sink) {
        SentenceTerms.forEachTerm(analyzer, text, sink);
    }

    /** The analysed terms of a hit's sentences: as the index stored them, or analysed now when it did not. */
    public SentenceTerms sentenceTerms(Hit hit) {
        return hit.sentenceTerms() != null ? hit.sentenceTerms() : SentenceTerms.of(analyzer, hit.passage().text());
    }

    /**
     * The terms of a question that carry its content: analysed like the index, without the question words and
     * function words that Lucene's English stop list keeps ("why", "did", "how", "his" ...), which would otherwise
     * make a question look unanswered by a passage that answers it.
     */
    public Set<String> questionTerms(String question) {
        Set<String> terms = analyze(question);
        terms.removeAll(questionStopTerms);
        return terms;
    }

    /**
     * What the question's vector is computed from with {@code search.embed-content-words}: its words without the
     * stop words and question words, except capitalised ones after the first word (names: "The Verge", "Sporting
     * News"). The embedding takes time in proportion to the tokens, and these carry next to nothing for the dense
     * retriever (dev figures in README); the whole question when nothing would be left.
     */
    static String contentWords(String question) {
        StringBuilder sb = new StringBuilder(question.length());
        String[] words = WHITESPACE.split(question.strip());
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String key = NOT_WORD_CHARS.matcher(w.toLowerCase(Locale.ROOT)).replaceAll("");
            if (key.isEmpty() || (DENSE_STOP_WORDS.contains(key) && !(i > 0 && capitalised(w)))) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.length() > 0 ? sb.toString() : question;
    }

    private static boolean capitalised(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetterOrDigit(word.charAt(i))) {
                return Character.isUpperCase(word.charAt(i));
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern NOT_WORD_CHARS = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]");
    /** Lucene's English stop words and the question words, as written (not stemmed). */
    private static final Set<String> DENSE_STOP_WORDS = denseStopWords();

    private static Set<String> denseStopWords() {
        return org.newsdesk.text.EnglishWords.luceneStopAnd(QUESTION_WORDS);
    }
}
