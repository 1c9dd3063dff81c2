package org.newsdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * "Why not twenty lines of LangChain4j Easy RAG?" measured: three systems over the same articles and questions, one
 * after the other in one JVM.
 * <ul>
 *   <li><b>newsdesk</b>: the product as shipped: {@link App} → full reindex (parse, split, embed, Lucene write) →
 *       {@code AnswerService.ask} with the configured mode, k and abstention;</li>
 *   <li><b>easy-rag</b>: Easy RAG's defaults rebuilt from the product's LangChain4j ({@link EasyRag}). The
 *       {@code langchain4j-easy-rag} artifact itself is not used: it pulls LangChain4j 1.16.3 and Apache Tika, which
 *       would clash with the product's 1.19.0 on one classpath;</li>
 *   <li><b>raw-model</b>: the embedding model alone over Newsdesk's passages (the floor of indexing time), searched by
 *       an exact dot-product scan over the vectors in memory ({@link RawModelScan}).</li>
 * </ul>
 * Retrieval is scored with {@link Evaluator} (article level, and passage level where a passage is relevant if it
 * contains an evidence sentence, whitespace removed); the figures are written by {@link CompareReport}.
 */
public final class CompareBench {
    public static final String NEWSDESK = "newsdesk";
    public static final String EASY_RAG = "easyRag";
    public static final String RAW = "rawModel";

    /** @param rawLimit passages the raw model embeds (0 = all); @param maxQueries timed questions (0 = all) */
    public record Options(Path queries, Path outDir, Path workDir, int warmup, int rawLimit, int maxQueries) {
    }

    /** One ingest's wall-clock and CPU seconds, and the machine's load when it started. */
    private record Timed(double seconds, double cpuSeconds, double loadAtStart) {
        interface Work {
            void run() throws IOException, CorpusException;
        }

        static Timed of(Work work) throws IOException, CorpusException {
            double load = Measure.loadAverage();
            double cpu0 = Measure.processCpuSeconds();
            long t0 = System.nanoTime();
            work.run();
            return new Timed((System.nanoTime() - t0) / 1e9, Measure.processCpuSeconds() - cpu0, load);
        }
    }

    /** The inputs every system shares: the questions, the articles and Newsdesk's passages as the indexer cuts them. */
    private record Inputs(List<QaItem> qa, List<Article> articles, List<Passage> passages, long corpusWords) {
    }

    private final NewsdeskConfig config;
    private final Embedder embedder;
    private final Options options;
    private final PrintStream out;
    private final CompareReport report;
    private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();

    public CompareBench(NewsdeskConfig config, Embedder embedder, Options options, PrintStream out) {
        this.config = config;
        this.embedder = embedder;
        this.options = options;
        this.out = out;
        this.report = new CompareReport(out);
    }

    /** Runs the comparison and writes {@code compare.json} and {@code compare.png} into the output directory. */
    public ObjectNode run() throws IOException, CorpusException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        json.put("machine", Measure.machine());
        json.put("loadAverageAtStart", Measure.loadAverage());
        json.put("model", embedder.name());
        Inputs in = inputs(json);
        ObjectNode systems = json.putObject("systems");

        Files.createDirectories(options.workDir());
        Path work = Files.createTempDirectory(options.workDir().toAbsolutePath(), "compare-");
        try {
            // Warm the shared model so no system pays for ONNX start-up.
            embedder.embedAll(in.passages().subList(0, Math.min(8, in.passages().size())).stream()
                    .map(Embedder::passageInput).toList());
            embedder.embedQuery("warm up");

            List<Passage> rawPassages = options.rawLimit() > 0 && in.passages().size() > options.rawLimit()
                    ? in.passages().subList(0, options.rawLimit()) : in.passages();
            RawModelScan rawModel = new RawModelScan(embedder, config.index().embedBatchSize(), rawPassages);
            ObjectNode raw = systems.putObject(RAW);
            Timed rawFirst = ingestRawModel(raw, rawModel, rawPassages, in);

            NewsdeskConfig ndConfig = new NewsdeskConfig(work.resolve("newsdesk-data"), config.corpusDir(), config.index(),
                    config.search(), config.answer(), config.chat(), config.telegram(), config.llm());
            try (App app = new App(ndConfig, Clock.systemUTC(), embedder)) {
                ObjectNode nd = systems.putObject(NEWSDESK);
                ingestNewsdesk(nd, app, in);
                ObjectNode er = systems.putObject(EASY_RAG);
                EasyRag easyRag = ingestEasyRag(er, in);
                bracketRawModel(raw, rawModel, rawFirst, rawPassages.size() == in.passages().size() ? in.corpusWords() : -1);

                // Questions: warm-up, then every question timed and scored, system by system.
                int k = config.search().k();
                query(in.qa(), List.of(new Contender(nd, "newsdesk", q -> app.answers().ask(q)),
                        new Contender(er, "easy-rag", easyRag::ask),
                        new Contender(raw, "raw-model", q -> rawModel.ask(q, k))));
                CompareReport.abstentionNotes(nd, er, raw);
            }
        } finally {
            LiveIndex.deleteTree(work);
        }
        json.set("ratios", CompareReport.ratios(mapper, systems));
        json.put("loadAverageAtEnd", Measure.loadAverage());

        Files.createDirectories(options.outDir());
        Path jsonFile = options.outDir().resolve("compare.json");
        Files.writeString(jsonFile, mapper.writeValueAsString(json));
        Path png = options.outDir().resolve("compare.png");
        CompareReport.chart(json, png);
        report.printSummary(json);
        out.printf(Locale.ROOT, "wrote %s and %s%n", jsonFile, png);
        return json;
    }

    /** Reads the questions and the corpus, and describes both in the JSON. */
    private Inputs inputs(ObjectNode json) throws IOException, CorpusException {
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
        long corpusWords = articles.stream().mapToLong(a -> Measure.words(a.body())).sum();
        out.printf(Locale.ROOT, "corpus %s: %d articles, %,d words; %d questions (%d without an answer); %s%n",
                config.corpusDir(), articles.size(), corpusWords, qa.size(), nullQs, Measure.machine());
        ObjectNode corpus = json.putObject("corpus");
        corpus.put("dir", config.corpusDir().toString());
        corpus.put("articles", articles.size());
        corpus.put("words", corpusWords);
        // Newsdesk's ingest time includes reading the files; Easy RAG and the raw model start from parsed text.
        corpus.put("parseAndSplitSeconds", bc.seconds());
        ObjectNode qn = json.putObject("queries");
        qn.put("file", options.queries().toString());
        qn.put("total", qa.size());
        qn.put("answerable", qa.size() - nullQs);
        qn.put("unanswerable", nullQs);
        qn.put("warmup", options.warmup());
        return new Inputs(qa, articles, bc.passages(), corpusWords);
    }

    /** 1. The raw model: embedding Newsdesk's passages, nothing else. */
    private Timed ingestRawModel(ObjectNode raw, RawModelScan rawModel, List<Passage> rawPassages, Inputs in)
            throws IOException, CorpusException {
        double heap0 = Measure.heapAfterGcMb();
        out.printf(Locale.ROOT, "[raw-model] embedding %d passages ...%n", rawPassages.size());
        Timed t = Timed.of(rawModel::embed);
        boolean all = rawPassages.size() == in.passages().size();
        raw.put("label", "raw model (" + embedder.name() + ") over Newsdesk passages, exact scan");
        CompareReport.describeUnits(raw, "passage", rawPassages.stream().map(Passage::text).toList(), tokens);
        CompareReport.ingest(raw, t.seconds(), rawPassages.size(), all ? in.corpusWords() : -1, heap0);
        CompareReport.phase(raw, t.cpuSeconds(), t.loadAtStart());
        raw.putNull("indexBytes");
        raw.put("scope", all ? "all passages"
                : "first " + rawPassages.size() + " of " + in.passages().size() + " passages (--raw-limit)");
        report.ingestLine(raw, "raw-model");
        return t;
    }

    /** 2. Newsdesk, as shipped: a full reindex. */
    private void ingestNewsdesk(ObjectNode nd, App app, Inputs in) throws IOException, CorpusException {
        double heap1 = Measure.heapAfterGcMb();
        out.printf(Locale.ROOT, "[newsdesk] full reindex of %s ...%n", config.corpusDir());
        ReindexResult[] result = new ReindexResult[1];
        Timed t = Timed.of(() -> result[0] = app.reindex().run(true, progress("newsdesk")));
        NewsdeskConfig.Index ix = config.index();
        nd.put("label", "Newsdesk hybrid (BM25 + KNN, RRF, focused), extractive answers");
        CompareReport.describeUnits(nd, "passage", in.passages().stream().map(Passage::text).toList(), tokens);
        CompareReport.ingest(nd, t.seconds(), result[0].passages(), in.corpusWords(), heap1);
        CompareReport.phase(nd, t.cpuSeconds(), t.loadAtStart());
        nd.put("indexBytes", Measure.sizeOnDisk(app.index().root().resolve(app.index().generation().orElseThrow())));
        nd.put("passageWordsSetting", ix.passageWords());
        nd.put("passageMaxWordsSetting", ix.passageMaxWords());
        nd.put("searchMode", config.search().mode());
        nd.put("k", config.search().k());
        report.ingestLine(nd, "newsdesk");
    }

    /** 3. Easy RAG's defaults over the same articles. */
    private EasyRag ingestEasyRag(ObjectNode er, Inputs in) throws IOException, CorpusException {
        double heap2 = Measure.heapAfterGcMb();
        EasyRag easyRag = new EasyRag();
        List<Document> documents = EasyRag.documents(in.articles());
        out.printf(Locale.ROOT, "[easy-rag] ingesting %d documents ...%n", documents.size());
        Timed t = Timed.of(() -> easyRag.ingest(documents));
        double easyHeap = Measure.heapAfterGcMb();
        double easyRss = Measure.rssMb();
        List<TextSegment> segments = easyRag.segments(documents);
        er.put("label", "LangChain4j Easy RAG defaults (recursive 300/30 tokens, bge-small-en-v1.5-q, in-memory store, "
                + "top " + EasyRag.MAX_RESULTS + ")");
        CompareReport.describeUnits(er, "segment", segments.stream().map(TextSegment::text).toList(), tokens);
        CompareReport.ingestMeasured(er, t.seconds(), segments.size(), in.corpusWords(), heap2, easyHeap, easyRss);
        CompareReport.phase(er, t.cpuSeconds(), t.loadAtStart());
        er.putNull("indexBytes");
        er.put("indexNote", "in-memory store: nothing on disk (serialising it to JSON would be extra work)");
        report.ingestLine(er, "easy-rag");
        return easyRag;
    }

    /**
     * 4. The raw model once more: the machine's speed drifts over the quarter of an hour the three ingests take, so
     * the raw model's throughput is the mean of a run before and a run after the other two, which brackets both.
     */
    private void bracketRawModel(ObjectNode raw, RawModelScan rawModel, Timed first, long corpusWords)
            throws IOException, CorpusException {
        int units = raw.get("units").asInt();
        out.printf(Locale.ROOT, "[raw-model] embedding the same %d passages again (drift bracket) ...%n", units);
        Timed again = Timed.of(rawModel::embed);
        CompareReport.bracket(raw, first.seconds(), again.seconds(), first.cpuSeconds(), again.cpuSeconds(), units,
                corpusWords);
        out.printf(Locale.ROOT, "[raw-model] again: %.1f s (CPU %.1f s) at %.1f/s; the mean of both runs, "
                        + "%.1f/s, is the raw model's ingest throughput%n", again.seconds(), again.cpuSeconds(),
                units / again.seconds(), raw.get("unitsPerSec").asDouble());
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
            report.questions(c.o(), c.name(), evaluators.get(c), latencies.get(c), retrieval.get(c));
        }
    }
}
