package org.newsdesk.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.EmbeddingException;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.LiveIndex;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.Reindexer;
import org.newsdesk.index.SentenceTerms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hybrid retrieval over the live index: BM25 (passage text with its metadata header, title and outlet/date fields)
 * and KNN over the passage vectors, fused by weighted reciprocal rank, near-duplicates collapsed.
 */
public final class HybridSearcher {
    private static final Logger log = LoggerFactory.getLogger(HybridSearcher.class);
    /** Three clauses per term: stay below Lucene's 1024-clause limit for very long questions. */
    static final int MAX_QUERY_TERMS = 200;

    /** Runs KNN searches beside BM25; daemon threads, so an idle pool never holds the JVM open. */
    private static final ExecutorService DENSE_SEARCH = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "knn-search");
        t.setDaemon(true);
        return t;
    });

    private final LiveIndex index;
    private final Embedder embedder;
    private final NewsdeskConfig.Search settings;
    private final Analyzer analyzer = PassageDocuments.analyzer();
    private final Map<IndexReader.CacheKey, List<String>> sourceCache = new java.util.WeakHashMap<>();
    private final Map<IndexReader.CacheKey, Generation> generationCache = new java.util.WeakHashMap<>();
    /** Question and function words, stemmed as the index stems them. */
    private final Set<String> questionStopTerms = analyze(String.join(" ", QUESTION_WORDS));
    private static final List<String> QUESTION_WORDS = List.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "do", "does", "done", "has",
            "have", "had", "having", "his", "her", "hers", "its", "he", "she", "him", "i", "me", "my", "you", "your",
            "we", "our", "us", "them", "those", "from", "about", "would", "could", "should", "can", "may", "might",
            "been", "being", "were", "am", "any", "some", "all", "both", "each", "other", "than", "so", "also", "just",
            "only", "very", "much", "many", "more", "most", "over", "after", "before", "between", "up", "down", "out",
            "tell", "know", "please", "according", "article", "articles", "report", "reported", "reports", "news");

    public HybridSearcher(LiveIndex index, Embedder embedder, NewsdeskConfig.Search settings) {
        this.index = index;
        this.embedder = embedder;
        this.settings = settings;
    }

    public NewsdeskConfig.Search settings() {
        return settings;
    }

    /** Searches the live generation; an empty list when there is no index or nothing matches. */
    public List<Hit> search(SearchRequest request) {
        String query = QueryText.normalize(request.query());
        if (!QueryText.hasWords(query)) {
            return List.of(); // nothing to search for; the embedder is never handed an empty text
        }
        if (!query.equals(request.query())) {
            request = new SearchRequest(query, request.k(), request.mode(), request.from(), request.to());
        }
        var lease = index.acquire();
        if (lease.isEmpty()) {
            return List.of();
        }
        try (var l = lease.get()) {
            return search(l.searcher(), request, generation(l.reader()));
        } catch (IOException e) {
            throw new IndexException("search failed in " + index.root() + ": " + e.getMessage(), e);
        }
    }

    private List<Hit> search(IndexSearcher searcher, SearchRequest request, Generation generation) throws IOException {
        boolean vectorsMatch = generation.vectorsMatch();
        int candidates = Math.max(settings.candidates(), request.k());
        Query filter = dateFilter(request.from(), request.to());
        if (filter != null && searcher.count(filter) == 0) {
            return List.of(); // nothing published in the period: not worth embedding the question
        }
        boolean dense = request.mode() != SearchRequest.Mode.BM25 && vectorsMatch;
        float[] vector = dense ? questionVector(request.query()) : null;
        dense = vector != null;
        boolean lexical = request.mode() != SearchRequest.Mode.KNN || !dense;
        // A question that names an outlet or a date is also ranked within each one, so that the article it points
        // at is not crowded out by the same story from other outlets or days.
        List<Query> focused = settings.metadataWeight() > 0
                ? focusFilters(searcher.getIndexReader(), request.query()) : List.of();
        // The KNN search runs on another core while BM25 runs on this one (docs/bench.md, "Growth").
        Future<ScoreDoc[]> denseRun = dense && lexical
                ? DENSE_SEARCH.submit(() -> knn(searcher, vector, filter, candidates)) : null;
        // With focus filters BM25 reads deeper: the focused rankings are drawn from its top focus-depth.
        ScoreDoc[] lexicalDeep = !lexical ? new ScoreDoc[0]
                : bm25(searcher, request.query(), filter, focused.isEmpty() ? candidates : Math.max(candidates, settings.focusDepth()));
        ScoreDoc[] knnRun = !dense ? new ScoreDoc[0]
                : denseRun == null ? knn(searcher, vector, filter, candidates) : await(denseRun);
        Map<Integer, double[]> fused = new HashMap<>(); // doc -> {score, bm25Rank, knnRank, bm25Score, knnScore}
        fuse(fused, Arrays.copyOf(lexicalDeep, Math.min(candidates, lexicalDeep.length)), settings.bm25Weight(), 1);
        fuse(fused, knnRun, settings.knnWeight(), 2);
        for (Query focus : focused) {
            fuseFocused(fused, searcher, focus, lexicalDeep, knnRun, vector, candidates / 2);
        }
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort((a, b) -> {
            int c = Double.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : Integer.compare(a.getKey(), b.getKey());
        });
        StoredFields stored = searcher.storedFields();
        int depth = Math.min(ranked.size(), Math.max(request.k(), settings.rerankDepth()));
        List<Scored> pool = new ArrayList<>(depth);
        for (int r = 0; r < depth; r++) {
            Map.Entry<Integer, double[]> e = ranked.get(r);
            pool.add(new Scored(PassageDocuments.loadWithTerms(stored, e.getKey()), e.getValue()));
        }
        if (settings.rerankDepth() > 0 && settings.sentenceWeight() > 0) {
            rerankBySentence(pool, request.query(), searcher.getIndexReader(), generation.headerInText());
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
        List<Set<String>> keptWords = new ArrayList<>(k);
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
            Set<String> words = wordSet(c.passage().text());
            int of = -1;
            for (int i = 0; i < keptWords.size() && of < 0; i++) {
                if (nearDuplicate(keptWords.get(i), words)) {
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

    /** Why vector search is off for the live index generation (for admins), or empty when it is on. */
    public Optional<String> vectorSearchOff() {
        return vectorSearchOff(index.userData());
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

    /** Read from the generation's commit metadata once per reader. */
    private Generation generation(DirectoryReader reader) throws IOException {
        IndexReader.CacheKey key = reader.getReaderCacheHelper() == null ? null : reader.getReaderCacheHelper().getKey();
        synchronized (generationCache) {
            Generation cached = key == null ? null : generationCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, String> commitData = reader.getIndexCommit().getUserData();
        Optional<String> off = vectorSearchOff(commitData);
        off.ifPresent(log::warn);
        Generation g = new Generation(off.isEmpty(), Boolean.parseBoolean(commitData.get(Reindexer.HEADER_IN_TEXT_KEY)));
        if (key != null) {
            synchronized (generationCache) {
                generationCache.put(key, g);
            }
        }
        return g;
    }

    private static ScoreDoc[] await(Future<ScoreDoc[]> runs) throws IOException {
        try {
            return runs.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IndexException("search failed: " + e.getCause(), e.getCause());
        }
    }

    /** A fused candidate: its passage, fusion record, and final score. */
    private static final class Scored {
        private final Passage passage;
        private final double[] fused;
        private SentenceTerms sentenceTerms;
        private double score;
        /** The best sentence's weighted coverage of the question, once reranked (NaN before). */
        private double coverage = Double.NaN;

        Scored(PassageDocuments.StoredPassage stored, double[] fused) {
            this.passage = stored.passage();
            this.sentenceTerms = stored.sentenceTerms();
            this.fused = fused;
            this.score = fused[0];
        }

        Passage passage() {
            return passage;
        }

        double[] fused() {
            return fused;
        }

        double score() {
            return score;
        }
    }

    /**
     * Re-scores candidates by their single best sentence: the weighted share of the question's content terms it
     * contains. Questions are built from facts, and a fact is one sentence, so a passage whose one sentence matches
     * much of the question beats a passage that matches the same words spread thin. A term weighs its idf and, with
     * {@code search.article-contrast}, also how few of the article's passages contain it: the article's topic words
     * are in all of its passages and cannot tell them apart, the words of the fact asked about are in one. On the
     * MultiHop-RAG dev split each step lifted passage-level MRR@10 (README, "Retrieval quality").
     */
    private void rerankBySentence(List<Scored> candidates, String query, IndexReader reader, boolean headerInText)
            throws IOException {
        Set<String> terms = questionTerms(query);
        if (terms.isEmpty()) {
            return;
        }
        Map<String, Double> idf = idf(reader, terms);
        double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, ArticleTerms.Spread> spread = settings.articleContrast()
                ? articleSpread(candidates, terms, reader, headerInText) : Map.of();
        Map<String, TermWeights> weightsByArticle = new HashMap<>();
        for (int r = 0; r < candidates.size(); r++) {
            Scored c = candidates.get(r);
            TermWeights weights = weightsByArticle.computeIfAbsent(c.passage().articleId(),
                    a -> TermWeights.of(idf, total, spread.get(a)));
            if (c.sentenceTerms == null) {
                c.sentenceTerms = SentenceTerms.of(analyzer, c.passage().text());
            }
            double best = 0;
            for (Set<String> sentence : c.sentenceTerms.sentences()) {
                double sum = 0;
                for (String t : sentence) {
                    sum += weights.weight().getOrDefault(t, 0.0);
                }
                best = Math.max(best, sum / weights.norm());
            }
            c.coverage = best;
            c.score = settings.rrfK() / (double) (settings.rrfK() + r + 1) + settings.sentenceWeight() * best;
        }
        candidates.sort((a, b) -> Double.compare(b.score(), a.score()));
    }

    /**
     * The weight of each question term in one article's passages, and what a sentence holding all of them would
     * score (coverage is their ratio). Without the article's spread: idf alone.
     */
    record TermWeights(Map<String, Double> weight, double norm) {
        static TermWeights of(Map<String, Double> idf, double idfTotal, ArticleTerms.Spread spread) {
            if (spread == null || idfTotal == 0) {
                return new TermWeights(idf, idfTotal == 0 ? 1 : idfTotal);
            }
            // A within-article idf, damped by the square root (on dev, exponent 0.5 beat 0.25, 0.75 and 1); the norm
            // is a term found in one passage only, so a one-passage article scores as by idf alone.
            int n = Math.max(1, spread.passages());
            Map<String, Double> weight = new HashMap<>();
            idf.forEach((t, w) -> weight.put(t, w * Math.sqrt(Math.log((n + 1) / (spread.with(t) + 0.5)))));
            return new TermWeights(weight, idfTotal * Math.sqrt(Math.log((n + 1) / 1.5)));
        }
    }

    /** How the question's terms spread over the passages of each candidate's article (body text only). */
    private Map<String, ArticleTerms.Spread> articleSpread(List<Scored> candidates, Set<String> terms, IndexReader reader,
                                                           boolean headerInText) throws IOException {
        Map<String, Map<String, Integer>> headerCounts = new HashMap<>();
        Set<String> articles = new LinkedHashSet<>();
        for (Scored c : candidates) {
            articles.add(c.passage().articleId());
            if (headerInText) {
                headerCounts.computeIfAbsent(c.passage().articleId(), a -> termCounts(c.passage().header()));
            }
        }
        return ArticleTerms.of(reader, articles, headerCounts, terms);
    }

    /**
     * Adds the rankings within one focus filter, drawn from the candidates both retrievers already found rather than
     * from two more searches of the whole index (on a million passages those searches took over half of the query
     * time; docs/bench.md, "Growth"). Lexical: the deep BM25 ranking restricted to the filter, which is exactly what
     * a filtered BM25 search ranks first as long as the filter's best passages are within the depth read. Dense: the
     * filter's passages among the KNN candidates and the lexical focused ones, ranked by their vectors' similarity
     * to the question. On the MultiHop-RAG dev split this ranks as the two filtered searches did (README).
     */
    private void fuseFocused(Map<Integer, double[]> fused, IndexSearcher searcher, Query focus, ScoreDoc[] lexicalDeep,
                             ScoreDoc[] knnRun, float[] vector, int n) throws IOException {
        Set<Integer> pool = new LinkedHashSet<>();
        for (ScoreDoc d : lexicalDeep) {
            pool.add(d.doc);
        }
        for (ScoreDoc d : knnRun) {
            pool.add(d.doc);
        }
        Set<Integer> inFocus = Candidates.matching(searcher, focus, pool);
        List<ScoreDoc> lexicalFocus = new ArrayList<>(n);
        for (ScoreDoc d : lexicalDeep) {
            if (lexicalFocus.size() < n && inFocus.contains(d.doc)) {
                lexicalFocus.add(d);
            }
        }
        fuse(fused, lexicalFocus.toArray(new ScoreDoc[0]), settings.metadataWeight(), 0);
        if (vector == null) {
            return;
        }
        Map<Integer, Float> knownSimilarity = new HashMap<>();
        List<Integer> densePool = new ArrayList<>();
        for (ScoreDoc d : knnRun) {
            if (inFocus.contains(d.doc)) {
                knownSimilarity.put(d.doc, d.score);
                densePool.add(d.doc);
            }
        }
        lexicalFocus.forEach(d -> densePool.add(d.doc));
        ScoreDoc[] denseFocus = Candidates.bySimilarity(searcher, PassageDocuments.VECTOR, vector, densePool, knownSimilarity);
        fuse(fused, Arrays.copyOf(denseFocus, Math.min(n, denseFocus.length)), settings.metadataWeight(), 0);
    }

    private ScoreDoc[] bm25(IndexSearcher searcher, String query, Query filter, int n) throws IOException {
        Query q = lexicalQuery(query, filter, searcher.getIndexReader());
        return q == null ? new ScoreDoc[0] : searcher.search(q, n).scoreDocs;
    }

    private static ScoreDoc[] knn(IndexSearcher searcher, float[] vector, Query filter, int n) throws IOException {
        return searcher.search(new KnnFloatVectorQuery(PassageDocuments.VECTOR, vector, n, filter), n).scoreDocs;
    }

    /**
     * Adds one ranking to the fusion: weight / (rrf-k + rank). {@code slot} 1 or 2 records the rank and score as
     * the BM25 or KNN rank of the hit; 0 for the focused rankings, which only add to the score.
     */
    private void fuse(Map<Integer, double[]> fused, ScoreDoc[] ranking, double weight, int slot) {
        for (int r = 0; r < ranking.length; r++) {
            double[] f = fused.computeIfAbsent(ranking[r].doc, d -> new double[5]);
            f[0] += weight / (settings.rrfK() + r + 1);
            if (slot > 0) {
                f[slot] = r + 1;
                f[slot + 2] = ranking[r].score;
            }
        }
    }

    /** Filters for each outlet and each date the question names. */
    List<Query> focusFilters(IndexReader reader, String question) throws IOException {
        List<Query> filters = new ArrayList<>();
        String q = " " + PassageDocuments.sourceKey(question) + " ";
        for (String source : sources(reader)) {
            if (q.contains(" " + source + " ")) {
                filters.add(new TermQuery(new Term(PassageDocuments.SOURCE_KEY, source)));
            }
        }
        for (LocalDate d : QueryDates.find(question)) {
            filters.add(LongPoint.newRangeQuery(PassageDocuments.PUBLISHED, d.toEpochDay() - 1, d.toEpochDay() + 1));
        }
        return filters;
    }

    /** The outlets in one index generation, read once per reader from the terms of the source_key field. */
    private List<String> sources(IndexReader reader) throws IOException {
        IndexReader.CacheKey key = reader.getReaderCacheHelper() == null ? null : reader.getReaderCacheHelper().getKey();
        synchronized (sourceCache) {
            List<String> cached = key == null ? null : sourceCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<String> list = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, PassageDocuments.SOURCE_KEY);
        if (terms != null) {
            TermsEnum it = terms.iterator();
            for (BytesRef t = it.next(); t != null; t = it.next()) {
                String s = t.utf8ToString();
                if (!s.isBlank()) {
                    list.add(s);
                }
            }
        }
        if (key != null) {
            synchronized (sourceCache) {
                sourceCache.put(key, list);
            }
        }
        return list;
    }

    /** BM25 over the passage text, plus the title and the outlet/date field; null when the query has no terms. */
    Query lexicalQuery(String text, Query filter, org.apache.lucene.index.IndexReader reader) throws IOException {
        Set<String> terms = questionTerms(text);
        if (terms.isEmpty()) {
            terms = analyze(text); // a question made only of common words still deserves a search
        }
        if (terms.size() > MAX_QUERY_TERMS) {
            terms = rarest(terms, reader);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        // Three clauses per term; stay far below Lucene's 1024-clause limit for very long questions.
        for (String t : terms) {
            b.add(new TermQuery(new Term(PassageDocuments.TEXT, t)), BooleanClause.Occur.SHOULD);
            if (settings.titleBoost() > 0) {
                b.add(new BoostQuery(new TermQuery(new Term(PassageDocuments.TITLE, t)), (float) settings.titleBoost()),
                        BooleanClause.Occur.SHOULD);
            }
            if (settings.metadataBoost() > 0) {
                b.add(new BoostQuery(new TermQuery(new Term(PassageDocuments.META, t)), (float) settings.metadataBoost()),
                        BooleanClause.Occur.SHOULD);
            }
        }
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /**
     * Inverse document frequency of each term over the live index's passages (BM25's idf), so that rare words
     * (names, places) count for more than common ones when judging whether a sentence answers a question.
     */
    public Map<String, Double> idf(Set<String> terms) {
        Map<String, Double> idf = new HashMap<>();
        var lease = index.acquire();
        if (lease.isEmpty()) {
            terms.forEach(t -> idf.put(t, 1.0));
            return idf;
        }
        try (var l = lease.get()) {
            return idf(l.reader(), terms);
        } catch (IOException e) {
            throw new IndexException("reading term statistics failed: " + e.getMessage(), e);
        }
    }

    /** BM25's idf of each term over one reader's passages. */
    private static Map<String, Double> idf(IndexReader reader, Set<String> terms) throws IOException {
        Map<String, Double> idf = new HashMap<>();
        int n = Math.max(1, reader.numDocs());
        for (String t : terms) {
            int df = reader.docFreq(new Term(PassageDocuments.TEXT, t));
            idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return idf;
    }

    /** For a very long query: the terms that occur in the index, rarest first, at most MAX_QUERY_TERMS. */
    private static Set<String> rarest(Set<String> terms, org.apache.lucene.index.IndexReader reader) throws IOException {
        List<Map.Entry<String, Integer>> df = new ArrayList<>();
        for (String t : terms) {
            int f = reader.docFreq(new Term(PassageDocuments.TEXT, t));
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

    private static Query dateFilter(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return null;
        }
        long lo = from == null ? Long.MIN_VALUE : from.toEpochDay();
        long hi = to == null ? Long.MAX_VALUE : to.toEpochDay();
        return LongPoint.newRangeQuery(PassageDocuments.PUBLISHED, lo, hi);
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
        Set<String> words = new HashSet<>(QUESTION_WORDS);
        for (Object w : org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            words.add(new String((char[]) w));
        }
        return Set.copyOf(words);
    }

    /** The distinct lower-cased words of a text: runs of ASCII letters, digits and underscores (regex \\w). */
    static Set<String> wordSet(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> words = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /** Word sets with a Jaccard similarity of at least 0.8. */
    static boolean nearDuplicate(Set<String> a, Set<String> b) {
        // The similarity is at most the ratio of the sizes: most pairs are told apart without comparing words.
        return Math.min(a.size(), b.size()) >= NEAR_DUPLICATE * Math.max(a.size(), b.size())
                && jaccard(a, b) >= NEAR_DUPLICATE;
    }

    private static final double NEAR_DUPLICATE = 0.8;

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int inter = 0;
        for (String w : small) {
            if (large.contains(w)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }
}
