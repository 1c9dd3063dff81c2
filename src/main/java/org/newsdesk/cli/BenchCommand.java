package org.newsdesk.cli;

import org.newsdesk.app.App;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.bench.BenchCorpus;
import org.newsdesk.bench.CompareBench;
import org.newsdesk.bench.GrowthBench;
import org.newsdesk.corpus.Article;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.eval.QaItem;
import org.newsdesk.bench.Measure;
import org.newsdesk.index.Embedder;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.index.Passage;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures, in one run over the same passages: the embedding model alone, full indexing (parse, split, embed,
 * write), the index size, and warm question latency for BM25, KNN and hybrid retrieval.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure embedding and indexing throughput, index size and query latency.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Questions: a JSONL QA file (field 'query') or plain text, one per line. Default: built from titles.")
    Path queries;

    @Option(names = "--max-queries", paramLabel = "N",
            description = "Questions timed per mode (default 300; with --compare every question of the file).")
    Integer maxQueries;

    @Option(names = "--warmup", defaultValue = "30", description = "Untimed questions per mode first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON here.")
    Path out;

    @Option(names = "--compare", description = "Newsdesk vs LangChain4j Easy RAG defaults vs the raw model, side by side "
            + "(needs --queries in MultiHop-RAG JSONL); writes compare.json and compare.png to --out-dir.")
    boolean compare;

    @Option(names = "--growth", description = "Index time, size, memory and latency at --sizes passages (synthetic "
            + "passages, hashed vectors); writes growth.json and growth.png to --out-dir.")
    boolean growth;

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000", paramLabel = "N,N,...",
            description = "Passage counts for --growth (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--out-dir", defaultValue = "bench-out", paramLabel = "DIR",
            description = "Where --compare and --growth write JSON and PNG (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--raw-limit", defaultValue = "0", paramLabel = "N",
            description = "--compare: passages the raw model embeds, 0 = all (default ${DEFAULT-VALUE}).")
    int rawLimit;

    @Option(names = "--embed-sample", defaultValue = "256", paramLabel = "N",
            description = "--growth: real passages embedded to measure the real model's throughput (default ${DEFAULT-VALUE}).")
    int embedSample;

    @Option(names = "--force-merge", description = "--growth: also merge each index into one segment and time the searches again.")
    boolean forceMerge;

    @Option(names = "--sync", description = "The cost of one sync pass (fetch + extract + incremental index) for "
            + "--sync-articles new articles of the corpus, served by a local HTTP server as an RSS feed and pages.")
    boolean sync;

    @Option(names = "--sync-articles", defaultValue = "100", paramLabel = "N",
            description = "--sync: articles in the feed (default ${DEFAULT-VALUE}).")
    int syncArticles;

    @Option(names = "--digest", paramLabel = "FROM..TO", description = "Digest latency (/latest) over a period of "
            + "the configured archive, e.g. 2023-10-01..2023-12-25.")
    String digest;

    @Option(names = "--digest-runs", defaultValue = "20", paramLabel = "N", description = "--digest: timed runs.")
    int digestRuns;

    @Option(names = "--alerts", paramLabel = "CORPUS.jsonl", description = "Calibrate topic alerts: replay the "
            + "corpus's articles in published order as syncs and measure precision and recall of the alerts per "
            + "threshold (docs/desk.md, Topic alerts).")
    java.nio.file.Path alerts;

    @Option(names = "--alert-topics", paramLabel = "FILE", description = "--alerts: topics and relevance rules "
            + "(default: the built-in bench/alert-topics.tsv).")
    java.nio.file.Path alertTopics;

    @Option(names = "--alert-batch", defaultValue = "25", paramLabel = "N",
            description = "--alerts: articles per replayed sync (default ${DEFAULT-VALUE}).")
    int alertBatch;

    @Option(names = "--seed", defaultValue = "20261123", description = "--growth: seed of the synthetic archive (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || (maxQueries != null && maxQueries < 0) || rawLimit < 0 || embedSample < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--warmup, --max-queries, --raw-limit and --embed-sample must be 0 or more");
        }
        if (forceMerge && !growth) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--force-merge only applies to --growth");
        }
        if (alerts != null) {
            if (!java.nio.file.Files.isRegularFile(alerts)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--alerts: no such file: "
                        + alerts + " (a corpus JSONL file, e.g. ../shared/bench/multihop-rag/corpus/corpus.jsonl)");
            }
            if (alertBatch < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--alert-batch must be 1 or more");
            }
            java.nio.file.Path work = java.nio.file.Files.createTempDirectory("newsdesk-alerts");
            new org.newsdesk.bench.AlertBench(main.config(), System.out).run(alerts, alertTopics, alertBatch, work);
            return 0;
        }
        if (digest != null) {
            String[] ends = digest.split("\\.\\.");
            org.newsdesk.search.Period period;
            try {
                period = new org.newsdesk.search.Period(java.time.LocalDate.parse(ends[0].strip()),
                        java.time.LocalDate.parse(ends[ends.length - 1].strip()));
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--digest takes FROM..TO as two dates, e.g. 2023-10-01..2023-12-25");
            }
            if (digestRuns < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--digest-runs must be 1 or more");
            }
            try (App app = new App(main.config(), java.time.Clock.systemUTC())) {
                new org.newsdesk.bench.DigestBench(app.searcher(), System.out).run(period, digestRuns);
            }
            return 0;
        }
        if (sync) {
            if (compare || growth || syncArticles < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--sync runs alone, with --sync-articles 1 or more");
            }
            return syncBench();
        }
        if (compare || growth) {
            return extended();
        }
        return classic();
    }

    /** --compare and --growth: the benchmarks of {@code org.newsdesk.bench}, in this order when both are given. */
    private Integer extended() throws Exception {
        NewsdeskConfig config = main.config();
        if (compare && queries == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--compare needs --queries FILE (MultiHop-RAG JSONL with evidence)");
        }
        Path workDir = config.dataDir().toAbsolutePath().getParent() == null ? Path.of(".").toAbsolutePath()
                : config.dataDir().toAbsolutePath().getParent();
        try (Embedder embedder = Embedder.load(config.index())) {
            if (compare) {
                new CompareBench(config, embedder, new CompareBench.Options(queries, outDir, workDir, warmup, rawLimit,
                        maxQueries == null ? 0 : maxQueries), System.out).run();
            }
            if (growth) {
                new GrowthBench(config, embedder, new GrowthBench.Options(sizes, queries, outDir, workDir, warmup,
                        maxQueries == null ? 300 : maxQueries, embedSample, seed, forceMerge), System.out).run();
            }
        }
        return 0;
    }

    /** --sync: one sync pass over a local feed (org.newsdesk.bench.SyncBench). */
    private Integer syncBench() throws Exception {
        NewsdeskConfig config = main.config();
        Path workDir = config.dataDir().toAbsolutePath().getParent() == null ? Path.of(".").toAbsolutePath()
                : config.dataDir().toAbsolutePath().getParent();
        try (Embedder embedder = Embedder.load(config.index())) {
            ObjectNode json = new org.newsdesk.bench.SyncBench(config, embedder,
                    new org.newsdesk.bench.SyncBench.Options(syncArticles, workDir), System.out).run();
            if (out != null) {
                Files.writeString(out, AnswerJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            }
        }
        return 0;
    }

    private Integer classic() throws Exception {
        NewsdeskConfig base = main.config();
        Path work = Files.createTempDirectory(base.dataDir().toAbsolutePath().getParent() == null
                ? Path.of(".").toAbsolutePath() : base.dataDir().toAbsolutePath().getParent(), "bench-");
        NewsdeskConfig config = new NewsdeskConfig(work.resolve("data"), base.corpusDir(), base.index(), base.search(),
                base.answer(), base.chat(), base.telegram(), base.llm());
        ObjectNode json = AnswerJson.MAPPER.createObjectNode();
        try (Embedder embedder = Embedder.load(config.index())) {
            // 1. The passages every measurement uses.
            BenchCorpus corpus = BenchCorpus.read(config);
            List<Passage> passages = corpus.passages();
            List<Article> articles = corpus.articles();
            double splitSec = corpus.seconds();
            System.out.printf(Locale.ROOT, "corpus: %d articles, %d passages (target %d words, max %d), parsed and split in %.2f s%n",
                    articles.size(), passages.size(), config.index().passageWords(), config.index().passageMaxWords(), splitSec);

            // 2. The model alone over the same inputs, in the same batches the indexer uses. Half of the passages are
            // embedded before indexing and the other half after it, so that drift in this machine's speed during
            // the run (other load, thermal) weighs on both sides of the ratio alike.
            embedder.embedAll(passages.subList(0, Math.min(16, passages.size())).stream().map(Embedder::passageInput).toList());
            int half = passages.size() / 2;
            double rawSec = embedTimed(embedder, passages.subList(0, half), config.index().embedBatchSize());

            // 3. Full indexing: parse, split, embed, write, commit, swap.
            try (App app = new App(config, Clock.systemUTC(), embedder)) {
                long i0 = System.nanoTime();
                ReindexResult result = app.reindex().run(true, ReindexListener.NONE);
                double indexSec = (System.nanoTime() - i0) / 1e9;
                double indexRate = result.passages() / indexSec;
                rawSec += embedTimed(embedder, passages.subList(half, passages.size()), config.index().embedBatchSize());
                double rawRate = passages.size() / rawSec;
                long bytes = Measure.sizeOnDisk(app.index().root().resolve(app.index().generation().orElseThrow()));
                Runtime rt = Runtime.getRuntime();
                System.gc();
                long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                System.out.printf(Locale.ROOT, "embedding model alone (%s): %.1f passages/s (%.1f s)%n",
                        embedder.name(), rawRate, rawSec);
                System.out.printf(Locale.ROOT, "full indexing: %.1f passages/s (%.1f s) = %.3f x the model alone%n",
                        indexRate, indexSec, indexRate / rawRate);
                System.out.printf(Locale.ROOT, "index size: %.1f MB for %d passages; heap after indexing %d MB%n",
                        bytes / 1e6, result.passages(), heapMb);
                json.put("model", embedder.name());
                json.put("articles", articles.size());
                json.put("passages", passages.size());
                json.put("passageWords", config.index().passageWords());
                json.put("rawEmbedPassagesPerSec", rawRate);
                json.put("indexPassagesPerSec", indexRate);
                json.put("indexOverRaw", indexRate / rawRate);
                json.put("indexBytes", bytes);
                json.put("heapAfterIndexMb", heapMb);

                // 4. Warm latency per retrieval mode, through the same path as `ask`.
                List<String> qs = questions(articles);
                for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                    for (int i = 0; i < Math.min(warmup, qs.size()); i++) {
                        app.answers().ask(qs.get(i), config.search().k(), mode);
                    }
                    List<Double> ms = new ArrayList<>();
                    for (int i = 0; i < Math.min(maxQueries == null ? 300 : maxQueries, qs.size()); i++) {
                        long q0 = System.nanoTime();
                        app.answers().ask(qs.get(i), config.search().k(), mode);
                        ms.add((System.nanoTime() - q0) / 1e6);
                    }
                    double p50 = Measure.percentile(ms, 50);
                    double p95 = Measure.percentile(ms, 95);
                    double p99 = Measure.percentile(ms, 99);
                    System.out.printf(Locale.ROOT, "ask latency %-6s over %d questions: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                            mode.name().toLowerCase(Locale.ROOT), ms.size(), p50, p95, p99);
                    ObjectNode m = json.putObject("latencyMs_" + mode.name().toLowerCase(Locale.ROOT));
                    m.put("p50", p50);
                    m.put("p95", p95);
                    m.put("p99", p99);
                    m.put("questions", ms.size());
                }
            }
        } finally {
            LiveIndex.deleteTree(work);
        }
        if (out != null) {
            Files.writeString(out, AnswerJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return 0;
    }

    /** Seconds the model alone takes to embed these passages in batches. */
    private static double embedTimed(Embedder embedder, List<Passage> passages, int batch) {
        long e0 = System.nanoTime();
        for (int i = 0; i < passages.size(); i += batch) {
            embedder.embedAll(passages.subList(i, Math.min(passages.size(), i + batch)).stream()
                    .map(Embedder::passageInput).toList());
        }
        return (System.nanoTime() - e0) / 1e9;
    }

    private List<String> questions(List<Article> articles) throws IOException {
        List<String> qs = new ArrayList<>();
        if (queries != null) {
            String first = Files.readAllLines(queries).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
            if (first.startsWith("{")) {
                QaItem.read(queries).forEach(q -> qs.add(q.query()));
            } else {
                Files.readAllLines(queries).stream().filter(l -> !l.isBlank()).forEach(qs::add);
            }
        } else {
            for (Article a : articles) {
                qs.add("What happened: " + a.title() + "?");
            }
        }
        if (qs.isEmpty()) {
            throw new IllegalArgumentException("no questions to time");
        }
        while (qs.size() < warmup + 10) {
            qs.addAll(new ArrayList<>(qs));
        }
        return qs;
    }
}
