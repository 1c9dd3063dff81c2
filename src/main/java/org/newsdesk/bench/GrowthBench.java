package org.newsdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.backend.lucene.LuceneBackend;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.eval.QaItem;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.PassageSplitter;
import org.newsdesk.index.Reindexer;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the index grows: build time, size on disk, memory and question latency at several archive sizes, with the
 * product's Lucene schema ({@link PassageDocuments}), writer settings ({@link LuceneBackend#writerConfig}, HNSW M and beam
 * width from the configuration) and search path ({@link HybridSearcher}: BM25 + KNN + focused rankings, fused).
 * <p>
 * What is real and what is simulated: passages beyond the real archive come from {@link SyntheticCorpus}; vectors
 * are {@link HashingEmbeddingModel} projections, for documents and questions alike, because embedding a million
 * passages with the real model is out of reach on two cores. The real model's throughput is measured on a small
 * sample in the same run, and the embedding time it implies at each size is reported as an extrapolation.
 */
public final class GrowthBench {
    /** @param forceMerge also merge each index into one segment and time the searches again */
    public record Options(List<Integer> sizes, Path queries, Path outDir, Path workDir, int warmup, int maxQueries,
                          int embedSample, long seed, boolean forceMerge) {
        public Options {
            if (sizes == null || sizes.isEmpty() || sizes.stream().anyMatch(n -> n == null || n < 1)) {
                throw new IllegalArgumentException("--sizes must list positive passage counts (was " + sizes + ")");
            }
            sizes = sizes.stream().distinct().sorted().toList();
        }
    }

    /** Sizes up to this also time LangChain4j's in-memory store; beyond it the store's heap would crowd the run. */
    static final int IN_MEMORY_STORE_MAX = 200_000;

    private final NewsdeskConfig config;
    /** The real model, for the throughput sample; null to skip it. */
    private final Embedder realModel;
    private final Options options;
    private final PrintStream out;

    public GrowthBench(NewsdeskConfig config, Embedder realModel, Options options, PrintStream out) {
        this.config = config;
        this.realModel = realModel;
        this.options = options;
        this.out = out;
    }

    public ObjectNode run() throws IOException, CorpusException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        json.put("machine", Measure.machine());
        json.put("loadAverageAtStart", Measure.loadAverage());
        NewsdeskConfig.Index ix = config.index();
        json.put("hnswM", ix.hnswM());
        json.put("hnswBeamWidth", ix.hnswBeamWidth());
        json.put("seed", options.seed());

        BenchCorpus real = BenchCorpus.read(config);
        List<Article> articles = real.articles();
        List<Passage> realPassages = real.passages();
        PassageSplitter splitter = PassageSplitter.of(ix);
        List<String> questions = questions(articles);
        out.printf(Locale.ROOT, "growth from %s: %d real articles, %d real passages; sizes %s; %s%n",
                config.corpusDir(), articles.size(), realPassages.size(), options.sizes(), Measure.machine());
        json.put("realArticles", articles.size());
        json.put("realPassages", realPassages.size());
        json.put("questions", questions.size());

        // The real model on a sample: its throughput implies the embedding time at each size.
        double realRate = Double.NaN;
        double realQueryMs = Double.NaN;
        if (realModel != null && options.embedSample() > 0) {
            int n = Math.min(options.embedSample(), realPassages.size());
            List<String> sample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sample.add(Embedder.passageInput(realPassages.get((int) ((long) i * realPassages.size() / n))));
            }
            realModel.embedAll(sample.subList(0, Math.min(8, n)));
            double cpu0 = Measure.processCpuSeconds();
            double load = Measure.loadAverage();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += ix.embedBatchSize()) {
                realModel.embedAll(sample.subList(i, Math.min(n, i + ix.embedBatchSize())));
            }
            realRate = n / ((System.nanoTime() - t0) / 1e9);
            double cpu = Measure.processCpuSeconds() - cpu0;
            List<Double> qms = new ArrayList<>();
            for (int i = 0; i < Math.min(50, questions.size()); i++) {
                long q0 = System.nanoTime();
                realModel.embedQuery(questions.get(i));
                qms.add((System.nanoTime() - q0) / 1e6);
            }
            realQueryMs = Measure.percentile(qms, 50);
            out.printf(Locale.ROOT, "real model %s: %.1f passages/s over a sample of %d passages; query embedding p50 %.1f ms%n",
                    realModel.name(), realRate, n, realQueryMs);
            ObjectNode r = json.putObject("realModel");
            r.put("model", realModel.name());
            r.put("samplePassages", n);
            r.put("passagesPerSec", realRate);
            r.put("cpuSeconds", cpu);
            r.put("loadAverageAtStart", load);
            r.put("queryEmbedP50Ms", realQueryMs);
        }

        HashingEmbeddingModel hashing = new HashingEmbeddingModel(384, options.seed());
        Embedder stand = Embedder.of("hashing-384", hashing);
        SyntheticCorpus synthetic = new SyntheticCorpus(articles, splitter, options.seed());
        ArrayNode rows = json.putArray("sizes");
        Files.createDirectories(options.workDir());
        for (int size : options.sizes()) {
            Path root = Files.createTempDirectory(options.workDir().toAbsolutePath(), "growth-" + size + "-");
            try {
                rows.add(measure(mapper, size, root, synthetic, hashing, stand, questions, realRate));
            } finally {
                LiveIndex.deleteTree(root);
            }
        }
        json.set("growthExponents", exponents(mapper, rows));
        json.put("loadAverageAtEnd", Measure.loadAverage());
        Files.createDirectories(options.outDir());
        Path jsonFile = options.outDir().resolve("growth.json");
        Files.writeString(jsonFile, mapper.writeValueAsString(json));
        Path png = options.outDir().resolve("growth.png");
        chart(json, png);
        out.println("growth exponents (slope on log-log between consecutive sizes): " + json.get("growthExponents"));
        out.printf(Locale.ROOT, "wrote %s and %s%n", jsonFile, png);
        return json;
    }

    private ObjectNode measure(ObjectMapper mapper, int size, Path root, SyntheticCorpus synthetic,
                               HashingEmbeddingModel hashing, Embedder stand, List<String> questions, double realRate)
            throws IOException {
        NewsdeskConfig.Index ix = config.index();
        String generation = "gen-1";
        Path dir = root.resolve(generation);
        long[] genNanos = {0};
        long[] vecNanos = {0};
        long[] words = {0};
        out.printf(Locale.ROOT, "[growth %,d] building ...%n", size);
        double load = Measure.loadAverage();
        double cpu0 = Measure.processCpuSeconds();
        long t0 = System.nanoTime();
        try (FSDirectory target = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(target, LuceneBackend.writerConfig(ix))) {
            long[] last = {System.nanoTime()};
            int[] count = {0};
            synthetic.passages(size, p -> {
                long a = System.nanoTime();
                genNanos[0] += a - last[0];
                float[] v = hashing.vector(Embedder.passageInput(p));
                long b = System.nanoTime();
                vecNanos[0] += b - a;
                words[0] += Measure.words(p.text());
                try {
                    writer.addDocument(PassageDocuments.toDocument(p, "synthetic/" + p.articleId(), v, ix.headerInText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (++count[0] % Math.max(1, size / 10) == 0) {
                    out.printf(Locale.ROOT, "[growth %,d] %,d passages added (%.0f s)%n", size, count[0],
                            (System.nanoTime() - t0) / 1e9);
                }
                last[0] = System.nanoTime();
            });
            writer.setLiveCommitData(Map.of(Reindexer.EMBEDDING_MODEL_KEY, stand.name()).entrySet());
            writer.commit();
        }
        double totalSec = (System.nanoTime() - t0) / 1e9;
        double cpuSec = Measure.processCpuSeconds() - cpu0;
        double genSec = genNanos[0] / 1e9;
        double vecSec = vecNanos[0] / 1e9;
        double luceneSec = totalSec - genSec - vecSec;
        Files.writeString(root.resolve("CURRENT"), generation, StandardCharsets.UTF_8);
        long bytes = Measure.sizeOnDisk(dir);

        ObjectNode row = mapper.createObjectNode();
        row.put("passages", size);
        row.put("meanPassageWords", (double) words[0] / size);
        row.put("buildSeconds", totalSec);
        row.put("buildCpuSeconds", cpuSec);
        row.put("loadAverageAtBuildStart", load);
        row.put("generateSeconds", genSec);
        row.put("hashVectorSeconds", vecSec);
        row.put("luceneSeconds", luceneSec);
        row.put("lucenePassagesPerSec", size / luceneSec);
        row.put("indexBytes", bytes);
        row.put("indexBytesPerPassage", (double) bytes / size);
        if (!Double.isNaN(realRate)) {
            row.put("extrapolatedRealEmbedSeconds", size / realRate);
        }
        try (LiveIndex live = LiveIndex.open(root)) {
            HybridSearcher searcher = new HybridSearcher(new LuceneEngine(live, config.search()), stand, config.search());
            SearchRequest.Mode mode = SearchRequest.Mode.parse(config.search().mode());
            int k = config.search().k();
            // Every mode is warmed before any is timed, so the first one timed does not pay for JIT compilation.
            for (SearchRequest.Mode m : SearchRequest.Mode.values()) {
                time(searcher, questions, k, m);
            }
            List<Double> ms = time(searcher, questions, k, mode);
            // Where the time goes: each retriever alone, on the same index and questions.
            for (SearchRequest.Mode single : List.of(SearchRequest.Mode.BM25, SearchRequest.Mode.KNN)) {
                List<Double> t = time(searcher, questions, k, single);
                String name = single.name().toLowerCase(Locale.ROOT);
                row.put(name + "QueryP50Ms", Measure.percentile(t, 50));
                row.put(name + "QueryP95Ms", Measure.percentile(t, 95));
            }
            row.put("segments", live.acquire().map(l -> {
                try (l) {
                    return l.reader().leaves().size();
                }
            }).orElse(0));
            row.put("searchMode", mode.name().toLowerCase(Locale.ROOT));
            row.put("queries", ms.size());
            row.put("queryP50Ms", Measure.percentile(ms, 50));
            row.put("queryP95Ms", Measure.percentile(ms, 95));
            row.put("heapAfterGcMb", Measure.heapAfterGcMb());
            row.put("rssMb", Measure.rssMb());
        }
        out.printf(Locale.ROOT, "[growth %,d] alone: bm25 p50 %.2f ms p95 %.2f ms, knn p50 %.2f ms p95 %.2f ms; %d segments%n",
                size, row.get("bm25QueryP50Ms").asDouble(), row.get("bm25QueryP95Ms").asDouble(),
                row.get("knnQueryP50Ms").asDouble(), row.get("knnQueryP95Ms").asDouble(), row.get("segments").asInt());
        if (options.forceMerge() && row.get("segments").asInt() > 1) {
            forceMerged(row, size, root, dir, stand, questions);
        }
        if ("solr".equals(config.search().backend())) {
            new SolrGrowth(config, out).measure(row, size, synthetic, hashing, stand,
                    search -> time(questions, search::apply));
        }
        if (size <= IN_MEMORY_STORE_MAX) {
            inMemoryStore(row, size, synthetic, hashing, questions);
        }
        out.printf(Locale.ROOT, "[growth %,d] build %.1f s, CPU %.1f s, load %.1f at start (Lucene %.1f s, generating %.1f s, hash vectors %.1f s); index %.1f MB (%.0f B/passage); "
                        + "query p50 %.2f ms p95 %.2f ms (hashed query vectors, %d questions); heap after GC %.0f MB, RSS %.0f MB%n",
                size, totalSec, cpuSec, load, luceneSec, genSec, vecSec, bytes / 1e6, (double) bytes / size,
                row.get("queryP50Ms").asDouble(), row.get("queryP95Ms").asDouble(), row.get("queries").asInt(),
                row.get("heapAfterGcMb").asDouble(), row.get("rssMb").asDouble());
        return row;
    }

    /** The same index merged into one segment: how long the merge takes and what it does to latency. */
    private void forceMerged(ObjectNode row, int size, Path root, Path dir, Embedder stand, List<String> questions)
            throws IOException {
        long m0 = System.nanoTime();
        try (FSDirectory target = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(target,
                     LuceneBackend.writerConfig(config.index()).setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            writer.forceMerge(1);
            writer.commit();
        }
        row.put("forceMergeSeconds", (System.nanoTime() - m0) / 1e9);
        row.put("forceMergedIndexBytes", Measure.sizeOnDisk(dir));
        try (LiveIndex live = LiveIndex.open(root)) {
            HybridSearcher searcher = new HybridSearcher(new LuceneEngine(live, config.search()), stand, config.search());
            int k = config.search().k();
            for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                List<Double> t = time(searcher, questions, k, mode);
                String name = "merged" + mode.name().charAt(0) + mode.name().substring(1).toLowerCase(Locale.ROOT);
                row.put(name + "QueryP50Ms", Measure.percentile(t, 50));
                row.put(name + "QueryP95Ms", Measure.percentile(t, 95));
            }
        }
        out.printf(Locale.ROOT, "[growth %,d] merged into one segment in %.1f s: hybrid p50 %.2f ms p95 %.2f ms, bm25 p95 %.2f ms, knn p95 %.2f ms%n",
                size, row.get("forceMergeSeconds").asDouble(), row.get("mergedHybridQueryP50Ms").asDouble(),
                row.get("mergedHybridQueryP95Ms").asDouble(), row.get("mergedBm25QueryP95Ms").asDouble(),
                row.get("mergedKnnQueryP95Ms").asDouble());
    }

    /** Warm, timed searches of the questions in one mode (milliseconds each). */
    private List<Double> time(HybridSearcher searcher, List<String> questions, int k, SearchRequest.Mode mode) {
        return time(questions, q -> searcher.search(SearchRequest.of(q, k, mode)));
    }

    /** Warm-up questions first, then each timed question's milliseconds. */
    private List<Double> time(List<String> questions, Consumer<String> search) {
        for (int i = 0; i < Math.min(options.warmup(), questions.size()); i++) {
            search.accept(questions.get(i));
        }
        List<Double> ms = new ArrayList<>();
        int n = options.maxQueries() > 0 ? Math.min(options.maxQueries(), questions.size()) : questions.size();
        for (int i = 0; i < n; i++) {
            long q0 = System.nanoTime();
            search.accept(questions.get(i));
            ms.add((System.nanoTime() - q0) / 1e6);
        }
        return ms;
    }

    /**
     * The Easy RAG side at the same size: LangChain4j's {@code InMemoryEmbeddingStore} holding the same passages and
     * hashed vectors, searched for the 10 nearest with the same hashed question vectors. Both sides would add the
     * same real question embedding, so this compares what each does beyond it. Built after Newsdesk's figures are
     * taken, so its heap does not count against them.
     */
    private void inMemoryStore(ObjectNode row, int size, SyntheticCorpus synthetic, HashingEmbeddingModel hashing,
                               List<String> questions) {
        List<Embedding> vectors = new ArrayList<>(size);
        List<TextSegment> segments = new ArrayList<>(size);
        synthetic.passages(size, p -> {
            vectors.add(Embedding.from(hashing.vector(Embedder.passageInput(p))));
            segments.add(TextSegment.from(p.title() + "\n\n" + p.text()));
        });
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        store.addAll(vectors, segments);
        int k = config.search().k();
        List<Double> ms = time(questions, q -> store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(hashing.vector(q))).maxResults(k).build()));
        row.put("inMemoryStoreQueryP50Ms", Measure.percentile(ms, 50));
        row.put("inMemoryStoreQueryP95Ms", Measure.percentile(ms, 95));
        out.printf(Locale.ROOT, "[growth %,d] in-memory store (Easy RAG): query p50 %.2f ms p95 %.2f ms (hashed query vectors)%n",
                size, row.get("inMemoryStoreQueryP50Ms").asDouble(), row.get("inMemoryStoreQueryP95Ms").asDouble());
    }

    private List<String> questions(List<Article> articles) throws IOException {
        List<String> qs = new ArrayList<>();
        if (options.queries() != null) {
            QaItem.read(options.queries()).forEach(q -> qs.add(q.query()));
        } else {
            articles.forEach(a -> qs.add("What happened: " + a.title() + "?"));
        }
        if (qs.isEmpty()) {
            throw new IllegalArgumentException("no questions to time");
        }
        return qs;
    }

    /** Slope of log(y) over log(passages) between consecutive sizes: 1 = linear, below 1 = sublinear. */
    static ObjectNode exponents(ObjectMapper mapper, ArrayNode rows) {
        ObjectNode e = mapper.createObjectNode();
        for (String f : List.of("luceneSeconds", "buildSeconds", "buildCpuSeconds", "indexBytes", "heapAfterGcMb", "rssMb", "queryP50Ms",
                "queryP95Ms", "inMemoryStoreQueryP95Ms")) {
            ArrayNode a = e.putArray(f);
            for (int i = 1; i < rows.size(); i++) {
                double x0 = rows.get(i - 1).get("passages").asDouble();
                double x1 = rows.get(i).get("passages").asDouble();
                double y0 = rows.get(i - 1).path(f).asDouble();
                double y1 = rows.get(i).path(f).asDouble();
                if (y0 > 0 && y1 > 0 && x1 != x0) {
                    a.add(Math.log(y1 / y0) / Math.log(x1 / x0));
                } else {
                    a.addNull();
                }
            }
        }
        return e;
    }

    /** Draws the chart of a result JSON (also used to redraw from a saved file). */
    public static void chart(ObjectNode json, Path png) throws IOException {
        var rows = json.get("sizes");
        int n = rows.size();
        double[] x = new double[n];
        double[][] time = new double[2][n];
        double[][] size = new double[1][n];
        double[][] mem = new double[2][n];
        double[][] lat = new double[3][n];
        for (int i = 0; i < n; i++) {
            var r = rows.get(i);
            x[i] = r.get("passages").asDouble();
            time[0][i] = r.get("luceneSeconds").asDouble();
            time[1][i] = r.has("extrapolatedRealEmbedSeconds") ? r.get("extrapolatedRealEmbedSeconds").asDouble() : Double.NaN;
            size[0][i] = r.get("indexBytes").asDouble() / 1e6;
            mem[0][i] = r.get("heapAfterGcMb").asDouble();
            mem[1][i] = r.get("rssMb").asDouble();
            lat[0][i] = r.get("queryP50Ms").asDouble();
            lat[1][i] = r.get("queryP95Ms").asDouble();
            lat[2][i] = r.has("inMemoryStoreQueryP95Ms") ? r.get("inMemoryStoreQueryP95Ms").asDouble() : Double.NaN;
        }
        String model = json.has("realModel") ? json.get("realModel").get("model").asText() : "real model";
        Charts.write(png, "Index growth with the product's schema and HNSW settings (M " + json.get("hnswM").asInt()
                        + ", beam " + json.get("hnswBeamWidth").asInt() + ")",
                json.get("machine").asText() + ". Synthetic passages beyond the real archive; hashed 384-d vectors; "
                        + "real embedding time extrapolated from a measured sample.",
                2, List.of(
                        new Charts.LinePanel("Build time", "passages", "s", x,
                                List.of("Lucene (BM25 + HNSW), measured", model + " embedding, extrapolated"), time),
                        new Charts.LinePanel("Index on disk", "passages", "MB", x, List.of("index size"), size),
                        new Charts.LinePanel("Memory with the index open", "passages", "MB", x,
                                List.of("heap after GC", "process RSS"), mem),
                        new Charts.LinePanel("Hybrid search latency, warm", "passages", "ms", x,
                                List.of("p50", "p95", "Easy RAG in-memory store p95"), lat)));
    }
}
