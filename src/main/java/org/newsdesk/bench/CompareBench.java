package org.newsdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.newsdesk.answer.Answer;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.eval.Evaluator;
import org.newsdesk.eval.QaItem;
import org.newsdesk.index.Embedder;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.index.Passage;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.Hit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * "Why not twenty lines of LangChain4j Easy RAG?" measured: three systems over the same articles and questions, one
 * after the other in one JVM.
 * <ul>
 *   <li><b>newsdesk</b>: the product as shipped: {@link App} → full reindex (parse, split, embed, Lucene write) →
 *       {@code AnswerService.ask} with the configured mode, k and abstention;</li>
 *   <li><b>easy-rag</b>: Easy RAG's defaults rebuilt from the product's LangChain4j: recursive splitter 300/30 tokens
 *       counted by {@link HuggingFaceTokenCountEstimator}, bge-small-en-v1.5 quantized, {@link EmbeddingStoreIngestor}
 *       into an {@link InMemoryEmbeddingStore}, {@link EmbeddingStoreContentRetriever} with maxResults 10. The
 *       {@code langchain4j-easy-rag} artifact itself is not used: it pulls LangChain4j 1.16.3 and Apache Tika, which
 *       would clash with the product's 1.19.0 on one classpath;</li>
 *   <li><b>raw-model</b>: the embedding model alone over Newsdesk's passages (the floor of indexing time), searched by
 *       an exact dot-product scan over the vectors in memory.</li>
 * </ul>
 * Retrieval is scored with {@link Evaluator} (article level, and passage level where a passage is relevant if it
 * contains an evidence sentence, whitespace removed).
 */
public final class CompareBench {
    public static final String NEWSDESK = "newsdesk";
    public static final String EASY_RAG = "easyRag";
    public static final String RAW = "rawModel";
    /** Easy RAG's retriever keeps the 10 best segments here (its own default is 3; 10 is needed for Hits@10). */
    static final int EASY_RAG_MAX_RESULTS = 10;

    /** @param rawLimit passages the raw model embeds (0 = all); @param maxQueries timed questions (0 = all) */
    public record Options(Path queries, Path outDir, Path workDir, int warmup, int rawLimit, int maxQueries) {
    }

    private final NewsdeskConfig config;
    private final Embedder embedder;
    private final Options options;
    private final PrintStream out;

    public CompareBench(NewsdeskConfig config, Embedder embedder, Options options, PrintStream out) {
        this.config = config;
        this.embedder = embedder;
        this.options = options;
        this.out = out;
    }

    /** Runs the comparison and writes {@code compare.json} and {@code compare.png} into the output directory. */
    public ObjectNode run() throws IOException, CorpusException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        json.put("machine", Measure.machine());
        json.put("loadAverageAtStart", Measure.loadAverage());
        json.put("model", embedder.name());

        List<QaItem> qa = QaItem.read(options.queries());
        if (options.maxQueries() > 0 && qa.size() > options.maxQueries()) {
            qa = qa.subList(0, options.maxQueries());
        }
        if (qa.isEmpty()) {
            throw new IllegalArgumentException("no questions in " + options.queries());
        }
        long nullQs = qa.stream().filter(q -> !q.answerable()).count();

        // The articles and Newsdesk's passages, as the indexer cuts them.
        BenchCorpus bc = BenchCorpus.read(config);
        List<Article> articles = bc.articles();
        List<Passage> passages = bc.passages();
        NewsdeskConfig.Index ix = config.index();
        double parseSec = bc.seconds();
        long corpusWords = articles.stream().mapToLong(a -> Measure.words(a.body())).sum();
        out.printf(Locale.ROOT, "corpus %s: %d articles, %,d words; %d questions (%d without an answer); %s%n",
                config.corpusDir(), articles.size(), corpusWords, qa.size(), nullQs, Measure.machine());
        ObjectNode corpus = json.putObject("corpus");
        corpus.put("dir", config.corpusDir().toString());
        corpus.put("articles", articles.size());
        corpus.put("words", corpusWords);
        // Newsdesk's ingest time includes reading the files; Easy RAG and the raw model start from parsed text.
        corpus.put("parseAndSplitSeconds", parseSec);
        ObjectNode qn = json.putObject("queries");
        qn.put("file", options.queries().toString());
        qn.put("total", qa.size());
        qn.put("answerable", qa.size() - nullQs);
        qn.put("unanswerable", nullQs);
        qn.put("warmup", options.warmup());
        ObjectNode systems = json.putObject("systems");

        Files.createDirectories(options.workDir());
        Path work = Files.createTempDirectory(options.workDir().toAbsolutePath(), "compare-");
        HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
        try {
            // Warm the shared model so no system pays for ONNX start-up.
            embedder.embedAll(passages.subList(0, Math.min(8, passages.size())).stream().map(Embedder::passageInput).toList());
            embedder.embedQuery("warm up");

            // 1. Raw model: embedding Newsdesk's passages, nothing else.
            List<Passage> rawPassages = options.rawLimit() > 0 && passages.size() > options.rawLimit()
                    ? passages.subList(0, options.rawLimit()) : passages;
            double heap0 = Measure.heapAfterGcMb();
            out.printf(Locale.ROOT, "[raw-model] embedding %d passages ...%n", rawPassages.size());
            double rawLoad = Measure.loadAverage();
            double rawCpu0 = Measure.processCpuSeconds();
            long r0 = System.nanoTime();
            List<float[]> rawVectors = embedRaw(rawPassages);
            double rawSec = (System.nanoTime() - r0) / 1e9;
            double rawCpu = Measure.processCpuSeconds() - rawCpu0;
            ObjectNode raw = systems.putObject(RAW);
            raw.put("label", "raw model (" + embedder.name() + ") over Newsdesk passages, exact scan");
            describeUnits(raw, "passage", rawPassages.stream().map(Passage::text).toList(), tokens);
            ingest(raw, rawSec, rawPassages.size(), rawPassages.size() == passages.size() ? corpusWords : -1, heap0);
            phase(raw, rawCpu, rawLoad);
            raw.putNull("indexBytes");
            raw.put("scope", rawPassages.size() == passages.size() ? "all passages"
                    : "first " + rawPassages.size() + " of " + passages.size() + " passages (--raw-limit)");
            report(raw, "raw-model");

            // 2. Newsdesk, as shipped.
            NewsdeskConfig ndConfig = new NewsdeskConfig(work.resolve("newsdesk-data"), config.corpusDir(), config.index(),
                    config.search(), config.answer(), config.chat(), config.telegram(), config.llm());
            try (App app = new App(ndConfig, Clock.systemUTC(), embedder)) {
                double heap1 = Measure.heapAfterGcMb();
                out.printf(Locale.ROOT, "[newsdesk] full reindex of %s ...%n", config.corpusDir());
                double ndLoad = Measure.loadAverage();
                double ndCpu0 = Measure.processCpuSeconds();
                long n0 = System.nanoTime();
                ReindexResult result = app.reindex().run(true, progress("newsdesk"));
                double ndSec = (System.nanoTime() - n0) / 1e9;
                double ndCpu = Measure.processCpuSeconds() - ndCpu0;
                ObjectNode nd = systems.putObject(NEWSDESK);
                nd.put("label", "Newsdesk hybrid (BM25 + KNN, RRF, focused), extractive answers");
                describeUnits(nd, "passage", passages.stream().map(Passage::text).toList(), tokens);
                ingest(nd, ndSec, result.passages(), corpusWords, heap1);
                phase(nd, ndCpu, ndLoad);
                nd.put("indexBytes", Measure.sizeOnDisk(app.index().root().resolve(app.index().generation().orElseThrow())));
                nd.put("passageWordsSetting", ix.passageWords());
                nd.put("passageMaxWordsSetting", ix.passageMaxWords());
                nd.put("searchMode", config.search().mode());
                nd.put("k", config.search().k());
                report(nd, "newsdesk");

                // 3. Easy RAG defaults.
                double heap2 = Measure.heapAfterGcMb();
                EmbeddingModel easyModel = new BgeSmallEnV15QuantizedEmbeddingModel();
                easyModel.embed("warm up");
                DocumentSplitter easySplitter = DocumentSplitters.recursive(300, 30, new HuggingFaceTokenCountEstimator());
                InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
                EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                        .documentSplitter(easySplitter)
                        .embeddingModel(easyModel)
                        .embeddingStore(store)
                        .build();
                List<Document> documents = articles.stream().map(CompareBench::document).toList();
                out.printf(Locale.ROOT, "[easy-rag] ingesting %d documents ...%n", documents.size());
                double easyLoad = Measure.loadAverage();
                double easyCpu0 = Measure.processCpuSeconds();
                long e0 = System.nanoTime();
                ingestor.ingest(documents);
                double easySec = (System.nanoTime() - e0) / 1e9;
                double easyCpu = Measure.processCpuSeconds() - easyCpu0;
                double easyHeap = Measure.heapAfterGcMb();
                double easyRss = Measure.rssMb();
                // Counted after the timed part, by splitting again with the same splitter (deterministic).
                List<TextSegment> segments = easySplitter.splitAll(documents);
                ObjectNode er = systems.putObject(EASY_RAG);
                er.put("label", "LangChain4j Easy RAG defaults (recursive 300/30 tokens, bge-small-en-v1.5-q, in-memory store, top 10)");
                describeUnits(er, "segment", segments.stream().map(TextSegment::text).toList(), tokens);
                ingestMeasured(er, easySec, segments.size(), corpusWords, heap2, easyHeap, easyRss);
                phase(er, easyCpu, easyLoad);
                er.putNull("indexBytes");
                er.put("indexNote", "in-memory store: nothing on disk (serialising it to JSON would be extra work)");
                report(er, "easy-rag");
                segments = null;

                // 4. The raw model once more: the machine's speed drifts over the quarter of an hour the three
                // ingests take, so the raw model's throughput is the mean of a run before and a run after the other
                // two, which brackets both.
                out.printf(Locale.ROOT, "[raw-model] embedding the same %d passages again (drift bracket) ...%n",
                        rawPassages.size());
                double rawCpu1 = Measure.processCpuSeconds();
                long r1 = System.nanoTime();
                embedRaw(rawPassages);
                double rawSecAfter = (System.nanoTime() - r1) / 1e9;
                double rawCpuAfter = Measure.processCpuSeconds() - rawCpu1;
                bracket(raw, rawSec, rawSecAfter, rawCpu, rawCpuAfter, rawPassages.size(),
                        rawPassages.size() == passages.size() ? corpusWords : -1);
                out.printf(Locale.ROOT, "[raw-model] again: %.1f s (CPU %.1f s) at %.1f/s; the mean of both runs, "
                                + "%.1f/s, is the raw model's ingest throughput%n", rawSecAfter, rawCpuAfter,
                        rawPassages.size() / rawSecAfter, raw.get("unitsPerSec").asDouble());

                ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                        .embeddingStore(store)
                        .embeddingModel(easyModel)
                        .maxResults(EASY_RAG_MAX_RESULTS)
                        .build();

                // Questions: warm-up, then every question timed and scored, system by system.
                int k = config.search().k();
                Contender newsdesk = new Contender(nd, "newsdesk", q -> app.answers().ask(q));
                Contender easyRag = new Contender(er, "easy-rag", q -> {
                    long t0 = System.nanoTime();
                    List<Content> contents = retriever.retrieve(Query.from(q));
                    List<Hit> hits = new ArrayList<>(contents.size());
                    for (Content c : contents) {
                        hits.add(new Hit(segmentPassage(c.textSegment()), 0, 0, hits.size() + 1, 0, 0));
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    return new Answer(q, "", false, List.of(), hits, "easy-rag", 0, new Answer.Timings(ms, 0, ms));
                });
                Contender rawModel = new Contender(raw, "raw-model", q -> {
                    long t0 = System.nanoTime();
                    List<Hit> hits = exactTopK(embedder.embedQuery(q), rawVectors, rawPassages, k);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    return new Answer(q, "", false, List.of(), hits, "raw-model", 0, new Answer.Timings(ms, 0, ms));
                });
                query(qa, List.of(newsdesk, easyRag, rawModel));
                abstentionNotes(nd, er, raw);
            }
        } finally {
            LiveIndex.deleteTree(work);
        }
        json.set("ratios", ratios(mapper, systems));
        json.put("loadAverageAtEnd", Measure.loadAverage());

        Files.createDirectories(options.outDir());
        Path jsonFile = options.outDir().resolve("compare.json");
        Files.writeString(jsonFile, mapper.writeValueAsString(json));
        Path png = options.outDir().resolve("compare.png");
        chart(json, png);
        printSummary(json);
        out.printf(Locale.ROOT, "wrote %s and %s%n", jsonFile, png);
        return json;
    }

    /** A Document as a plain-text export of the article would read: headline, blank line, body. */
    static Document document(Article a) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("article_id", a.id());
        meta.put("title", a.title());
        if (a.source() != null) {
            meta.put("source", a.source());
        }
        if (a.url() != null) {
            meta.put("url", a.url());
        }
        return Document.from(a.title() + "\n\n" + a.body(), Metadata.from(meta));
    }

    /** An Easy RAG segment as a Passage, so that the same Evaluator scores it (text = the segment text). */
    static Passage segmentPassage(TextSegment s) {
        Metadata m = s.metadata();
        String articleId = m.getString("article_id");
        Object index = m.toMap().get("index");
        int ordinal = index == null ? 0 : Integer.parseInt(index.toString());
        return new Passage(Passage.idOf(articleId, ordinal), articleId, ordinal, 0, s.text().length(), s.text(),
                m.getString("title"), m.getString("source"), m.getString("url"), null);
    }

    /** The k passages whose vectors have the highest dot product with the query (vectors are L2-normalised). */
    static List<Hit> exactTopK(float[] query, List<float[]> vectors, List<Passage> passages, int k) {
        PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * query[d];
            }
            if (heap.size() < k) {
                heap.add(new double[]{dot, i});
            } else if (dot > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[]{dot, i});
            }
        }
        List<double[]> best = new ArrayList<>(heap);
        best.sort((a, b) -> Double.compare(b[0], a[0]));
        List<Hit> hits = new ArrayList<>();
        for (double[] b : best) {
            hits.add(new Hit(passages.get((int) b[1]), b[0], 0, hits.size() + 1, 0, (float) b[0]));
        }
        return hits;
    }

    private ReindexListener progress(String name) {
        int[] lastDecile = {-1};
        return p -> {
            if (p.passagesTotal() > 0 && "embedding".equals(p.phase())) {
                int decile = (int) (10L * p.passagesDone() / p.passagesTotal());
                if (decile != lastDecile[0]) {
                    lastDecile[0] = decile;
                    out.printf(Locale.ROOT, "[%s] %d/%d passages embedded%n", name, p.passagesDone(), p.passagesTotal());
                }
            }
        };
    }

    private static void describeUnits(ObjectNode o, String unit, List<String> texts, HuggingFaceTokenCountEstimator tokens) {
        long words = 0;
        long toks = 0;
        for (String t : texts) {
            words += Measure.words(t);
            toks += tokens.estimateTokenCountInText(t);
        }
        o.put("unit", unit);
        o.put("units", texts.size());
        o.put("unitMeanWords", texts.isEmpty() ? 0 : (double) words / texts.size());
        o.put("unitMeanTokens", texts.isEmpty() ? 0 : (double) toks / texts.size());
    }

    /** The raw model's vectors for the passages, in the batches the indexer uses. */
    private List<float[]> embedRaw(List<Passage> rawPassages) {
        List<float[]> vectors = new ArrayList<>(rawPassages.size());
        int batch = config.index().embedBatchSize();
        for (int i = 0; i < rawPassages.size(); i += batch) {
            vectors.addAll(embedder.embedAll(rawPassages.subList(i, Math.min(rawPassages.size(), i + batch)).stream()
                    .map(Embedder::passageInput).toList()));
        }
        return vectors;
    }

    /** The raw model's ingest figures as the mean of its two runs, both runs kept beside them. */
    static void bracket(ObjectNode o, double before, double after, double cpuBefore, double cpuAfter, int units,
                        long corpusWords) {
        double seconds = (before + after) / 2;
        o.putArray("ingestSecondsRuns").add(before).add(after);
        o.putArray("ingestCpuSecondsRuns").add(cpuBefore).add(cpuAfter);
        o.put("ingestSeconds", seconds);
        o.put("ingestCpuSeconds", (cpuBefore + cpuAfter) / 2);
        o.put("unitsPerSec", units / seconds);
        if (corpusWords > 0) {
            o.put("corpusWordsPerSec", corpusWords / seconds);
        }
        o.put("ingestNote", "mean of two runs, before Newsdesk's ingest and after Easy RAG's (ingestSecondsRuns)");
    }

    private static void ingest(ObjectNode o, double seconds, int units, long corpusWords, double heapBefore) {
        ingestMeasured(o, seconds, units, corpusWords, heapBefore, Measure.heapAfterGcMb(), Measure.rssMb());
    }

    private static void ingestMeasured(ObjectNode o, double seconds, int units, long corpusWords, double heapBefore,
                                       double heapAfter, double rss) {
        o.put("ingestSeconds", seconds);
        o.put("unitsPerSec", units / seconds);
        if (corpusWords > 0) {
            o.put("corpusWordsPerSec", corpusWords / seconds);
        } else {
            o.putNull("corpusWordsPerSec");
        }
        o.put("heapAfterIngestMb", heapAfter);
        o.put("heapGrowthMb", heapAfter - heapBefore);
        o.put("rssAfterIngestMb", rss);
    }

    /** CPU time of the ingest and the machine's load when it started: wall-clock time alone misleads on a shared box. */
    private static void phase(ObjectNode o, double cpuSeconds, double loadAtStart) {
        o.put("ingestCpuSeconds", cpuSeconds);
        o.put("loadAverageAtIngestStart", loadAtStart);
    }

    private void report(ObjectNode o, String name) {
        out.printf(Locale.ROOT, "[%s] ingest %.1f s (CPU %.1f s, load %.1f at start): %d %ss (mean %.0f words, %.0f tokens) at %.1f/s; heap after GC %.0f MB (+%.0f MB)%n",
                name, o.get("ingestSeconds").asDouble(), o.get("ingestCpuSeconds").asDouble(),
                o.get("loadAverageAtIngestStart").asDouble(), o.get("units").asInt(), o.get("unit").asText(),
                o.get("unitMeanWords").asDouble(), o.get("unitMeanTokens").asDouble(), o.get("unitsPerSec").asDouble(),
                o.get("heapAfterIngestMb").asDouble(), o.get("heapGrowthMb").asDouble());
    }

    /** One system under test: where its figures go, its name in the log, and how it answers a question. */
    private record Contender(ObjectNode o, String name, Function<String, Answer> ask) {
    }

    /**
     * Times and scores every system on every question. The systems take turns question by question (the first to
     * go rotates), after the same warm-up, so that JIT compilation, the model's state and any drift in the machine's
     * load fall on all of them alike rather than on whichever runs first.
     */
    private void query(List<QaItem> qa, List<Contender> contenders) {
        for (int i = 0; i < Math.min(options.warmup(), qa.size()); i++) {
            for (Contender c : contenders) {
                c.ask().apply(qa.get(i).query());
            }
        }
        // By identity: a Contender's JSON node changes as figures are added.
        Map<Contender, Evaluator> evaluators = new IdentityHashMap<>();
        Map<Contender, List<Double>> latencies = new IdentityHashMap<>();
        Map<Contender, List<Double>> retrieval = new IdentityHashMap<>();
        for (Contender c : contenders) {
            evaluators.put(c, new Evaluator());
            latencies.put(c, new ArrayList<>(qa.size()));
            retrieval.put(c, new ArrayList<>(qa.size()));
        }
        for (int i = 0; i < qa.size(); i++) {
            QaItem q = qa.get(i);
            for (int j = 0; j < contenders.size(); j++) {
                Contender c = contenders.get((i + j) % contenders.size());
                long t0 = System.nanoTime();
                Answer a = c.ask().apply(q.query());
                latencies.get(c).add((System.nanoTime() - t0) / 1e6);
                retrieval.get(c).add((double) a.timings().retrieveMs());
                evaluators.get(c).add(q, a);
            }
        }
        for (Contender c : contenders) {
            report(c, evaluators.get(c), latencies.get(c), retrieval.get(c));
        }
    }

    private void report(Contender c, Evaluator ev, List<Double> ms, List<Double> retrieveMs) {
        ObjectNode o = c.o();
        String name = c.name();
        Evaluator.Report r = ev.report();
        ObjectNode lat = o.putObject("latencyMs");
        lat.put("p50", Measure.percentile(ms, 50));
        lat.put("p95", Measure.percentile(ms, 95));
        lat.put("p99", Measure.percentile(ms, 99));
        lat.put("questions", ms.size());
        // Retrieval alone (Newsdesk: without composing the answer), whole milliseconds.
        ObjectNode ret = o.putObject("retrievalLatencyMs");
        ret.put("p50", Measure.percentile(retrieveMs, 50));
        ret.put("p95", Measure.percentile(retrieveMs, 95));
        ret.put("p99", Measure.percentile(retrieveMs, 99));
        ObjectNode art = o.putObject("article");
        art.put("hits4", r.hits4());
        art.put("hits10", r.hits10());
        art.put("mrr10", r.mrr10());
        art.put("recall10", r.recall10());
        art.put("questions", r.answerable());
        ObjectNode pas = o.putObject("passage");
        pas.put("hits4", r.passageHits4());
        pas.put("hits10", r.passageHits10());
        pas.put("mrr10", r.passageMrr10());
        pas.put("questions", r.passageScored());
        ObjectNode ab = o.putObject("abstention");
        ab.put("accuracyOnNull", r.abstentionAccuracy());
        ab.put("falseAbstentionRate", r.falseAbstentionRate());
        ab.put("nullQuestions", r.unanswerable());
        out.printf(Locale.ROOT, "[%s] %d questions: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms | article Hits@4 %.4f Hits@10 %.4f MRR@10 %.4f | passage Hits@4 %.4f Hits@10 %.4f MRR@10 %.4f | abstention %.4f%n",
                name, ms.size(), lat.get("p50").asDouble(), lat.get("p95").asDouble(), lat.get("p99").asDouble(),
                r.hits4(), r.hits10(), r.mrr10(), r.passageHits4(), r.passageHits10(), r.passageMrr10(), r.abstentionAccuracy());
    }

    private static void abstentionNotes(ObjectNode nd, ObjectNode er, ObjectNode raw) {
        ((ObjectNode) nd.get("abstention")).put("supported", true);
        for (ObjectNode o : List.of(er, raw)) {
            ObjectNode ab = (ObjectNode) o.get("abstention");
            ab.put("supported", false);
            ab.put("note", "always returns its top 10: it never abstains, so it scores 0 on questions the archive cannot answer");
        }
    }

    private static ObjectNode ratios(ObjectMapper mapper, ObjectNode systems) {
        ObjectNode r = mapper.createObjectNode();
        r.set("newsdeskOverEasyRag", ratio(mapper, systems.get(NEWSDESK), systems.get(EASY_RAG)));
        r.set("newsdeskOverRawModel", ratio(mapper, systems.get(NEWSDESK), systems.get(RAW)));
        return r;
    }

    private static ObjectNode ratio(ObjectMapper mapper, com.fasterxml.jackson.databind.JsonNode a,
                                    com.fasterxml.jackson.databind.JsonNode b) {
        ObjectNode r = mapper.createObjectNode();
        String[][] fields = {{"ingestSeconds"}, {"ingestCpuSeconds"}, {"unitsPerSec"}, {"corpusWordsPerSec"}, {"heapGrowthMb"},
                {"latencyMs", "p50"}, {"latencyMs", "p95"}, {"latencyMs", "p99"},
                {"retrievalLatencyMs", "p50"}, {"retrievalLatencyMs", "p95"}, {"retrievalLatencyMs", "p99"},
                {"article", "hits4"}, {"article", "hits10"}, {"article", "mrr10"},
                {"passage", "hits4"}, {"passage", "hits10"}, {"passage", "mrr10"}};
        for (String[] f : fields) {
            var x = a;
            var y = b;
            for (String part : f) {
                x = x == null ? null : x.get(part);
                y = y == null ? null : y.get(part);
            }
            String key = String.join(".", f);
            if (x == null || y == null || x.isNull() || y.isNull() || y.asDouble() == 0) {
                r.putNull(key);
            } else {
                r.put(key, x.asDouble() / y.asDouble());
            }
        }
        return r;
    }

    private void printSummary(ObjectNode json) {
        var s = json.get("systems");
        out.println();
        out.println("| | Newsdesk | Easy RAG defaults | raw model |");
        out.println("|---|---:|---:|---:|");
        row("retrieval unit", s, o -> String.format(Locale.ROOT, "%s, %.0f words (%.0f tokens)",
                o.get("unit").asText(), o.get("unitMeanWords").asDouble(), o.get("unitMeanTokens").asDouble()));
        row("units", s, o -> String.valueOf(o.get("units").asInt()));
        row("ingest time (s)", s, o -> String.format(Locale.ROOT, "%.1f", o.get("ingestSeconds").asDouble()));
        row("ingest CPU time (s)", s, o -> String.format(Locale.ROOT, "%.1f", o.get("ingestCpuSeconds").asDouble()));
        row("load average at ingest start", s, o -> String.format(Locale.ROOT, "%.1f",
                o.get("loadAverageAtIngestStart").asDouble()));
        row("ingest units/s", s, o -> String.format(Locale.ROOT, "%.1f", o.get("unitsPerSec").asDouble()));
        row("ingest corpus words/s", s, o -> o.get("corpusWordsPerSec").isNull() ? "n/a"
                : String.format(Locale.ROOT, "%.0f", o.get("corpusWordsPerSec").asDouble()));
        row("heap after GC (MB, growth)", s, o -> String.format(Locale.ROOT, "%.0f (+%.0f)",
                o.get("heapAfterIngestMb").asDouble(), o.get("heapGrowthMb").asDouble()));
        row("index on disk (MB)", s, o -> o.get("indexBytes").isNull() ? "none"
                : String.format(Locale.ROOT, "%.1f", o.get("indexBytes").asLong() / 1e6));
        row("latency p50/p95/p99 (ms)", s, o -> String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                o.get("latencyMs").get("p50").asDouble(), o.get("latencyMs").get("p95").asDouble(),
                o.get("latencyMs").get("p99").asDouble()));
        row("article Hits@4 / Hits@10 / MRR@10", s, o -> triple(o.get("article")));
        row("passage Hits@4 / Hits@10 / MRR@10", s, o -> triple(o.get("passage")));
        row("abstention on null questions", s, o -> String.format(Locale.ROOT, "%.4f%s",
                o.get("abstention").get("accuracyOnNull").asDouble(),
                o.get("abstention").get("supported").asBoolean() ? "" : " (never abstains)"));
        out.println();
        out.println("ratios: " + json.get("ratios"));
    }

    private static String triple(com.fasterxml.jackson.databind.JsonNode o) {
        return String.format(Locale.ROOT, "%.4f / %.4f / %.4f", o.get("hits4").asDouble(), o.get("hits10").asDouble(),
                o.get("mrr10").asDouble());
    }

    private void row(String label, com.fasterxml.jackson.databind.JsonNode s,
                     Function<com.fasterxml.jackson.databind.JsonNode, String> f) {
        out.println("| " + label + " | " + f.apply(s.get(NEWSDESK)) + " | " + f.apply(s.get(EASY_RAG)) + " | "
                + f.apply(s.get(RAW)) + " |");
    }

    /** Draws the chart of a result JSON (also used to redraw from a saved file). */
    public static void chart(ObjectNode json, Path png) throws IOException {
        var s = json.get("systems");
        List<String> names = List.of(NEWSDESK, EASY_RAG, RAW);
        List<String> labels = new ArrayList<>();
        for (String n : names) {
            var o = s.get(n);
            labels.add(switch (n) {
                case NEWSDESK -> "Newsdesk";
                case EASY_RAG -> "Easy RAG defaults";
                default -> "raw model";
            } + String.format(Locale.ROOT, " (%.0f-word %ss)", o.get("unitMeanWords").asDouble(), o.get("unit").asText()));
        }
        double[][] ingest = new double[3][1];
        double[][] heap = new double[3][1];
        double[][] lat = new double[3][3];
        double[][] art = new double[3][3];
        double[][] pas = new double[3][3];
        double[][] abst = new double[3][1];
        for (int i = 0; i < 3; i++) {
            var o = s.get(names.get(i));
            ingest[i][0] = o.get("ingestSeconds").asDouble();
            heap[i][0] = o.get("heapGrowthMb").asDouble();
            lat[i] = new double[]{o.get("latencyMs").get("p50").asDouble(), o.get("latencyMs").get("p95").asDouble(),
                    o.get("latencyMs").get("p99").asDouble()};
            art[i] = new double[]{o.get("article").get("hits4").asDouble(), o.get("article").get("hits10").asDouble(),
                    o.get("article").get("mrr10").asDouble()};
            pas[i] = new double[]{o.get("passage").get("hits4").asDouble(), o.get("passage").get("hits10").asDouble(),
                    o.get("passage").get("mrr10").asDouble()};
            abst[i][0] = o.get("abstention").get("accuracyOnNull").asDouble();
        }
        List<String> m3 = List.of("Hits@4", "Hits@10", "MRR@10");
        Charts.write(png, "Newsdesk vs LangChain4j Easy RAG defaults vs the raw model, one run: "
                        + json.get("corpus").get("articles").asInt() + " articles, " + json.get("queries").get("total").asInt()
                        + " questions",
                json.get("machine").asText() + ". Raw model: embedding only, exact scan; Easy RAG has no abstention.",
                3, List.of(
                        new Charts.BarPanel("Ingest time", "s, lower is better", List.of("ingest"), labels, ingest),
                        new Charts.BarPanel("Heap growth after ingest", "MB after GC", List.of("heap"), labels, heap),
                        new Charts.BarPanel("Question latency, warm", "ms", List.of("p50", "p95", "p99"), labels, lat),
                        new Charts.BarPanel("Article-level retrieval", "", m3, labels, art),
                        new Charts.BarPanel("Passage-level retrieval (contains evidence)", "", m3, labels, pas),
                        new Charts.BarPanel("Abstention on null questions", "share", List.of("abstained"), labels, abst)));
    }
}
