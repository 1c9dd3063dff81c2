package org.newsdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.nodes.Entities;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.index.Embedder;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.sources.SyncService;
import org.newsdesk.sources.SourceReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost of one sync pass for N new articles: a local HTTP server serves an RSS feed of N items and their pages
 * (real articles from the configured corpus, rendered as news pages with page furniture); an archive that already
 * holds one article syncs the feed: fetch, extract, store, then the incremental reindex that embeds only the new
 * articles. A second pass with nothing new measures the conditional-GET path.
 */
public final class SyncBench {
    /** {@code articles}: pages in the feed; {@code workDir}: where a temporary archive is built. */
    public record Options(int articles, Path workDir) {
    }

    private final NewsdeskConfig config;
    private final Embedder embedder;
    private final Options options;
    private final PrintStream out;

    public SyncBench(NewsdeskConfig config, Embedder embedder, Options options, PrintStream out) {
        this.config = config;
        this.embedder = embedder;
        this.options = options;
        this.out = out;
    }

    public ObjectNode run() throws Exception {
        List<Article> all = BenchCorpus.read(config).articles();
        int n = options.articles();
        if (all.size() < n + 1) {
            throw new IllegalArgumentException("--sync needs at least " + (n + 1) + " articles in " + config.corpusDir()
                    + " (found " + all.size() + ")");
        }
        List<Article> served = all.subList(0, n);
        Map<String, byte[]> site = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        AtomicInteger notModified = new AtomicInteger();
        server.createContext("/", ex -> serve(ex, site, notModified));
        server.start();
        Path work = Files.createTempDirectory(Files.createDirectories(options.workDir()), "sync-bench-");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            site.put("/robots.txt", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8));
            StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                    + "<channel><title>Bench</title><link>" + base + "/</link><description>bench</description>\n");
            for (int i = 0; i < n; i++) {
                String path = "/a/" + i;
                site.put(path, page(served.get(i), base + path).getBytes(StandardCharsets.UTF_8));
                rss.append("<item><title>").append(Entities.escape(served.get(i).title())).append("</title><link>")
                        .append(base).append(path).append("</link></item>\n");
            }
            site.put("/feed.xml", rss.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8));

            // An archive holding one article already (not timed), so the pass below is an incremental update.
            Path corpus = Files.createDirectories(work.resolve("corpus"));
            Article seed = all.get(n);
            ObjectNode line = new ObjectMapper().createObjectNode().put("id", "seed").put("title", seed.title())
                    .put("body", seed.body());
            Files.writeString(corpus.resolve("seed.jsonl"), line + "\n");
            NewsdeskConfig.Fetch d = NewsdeskConfig.Fetch.defaults();
            // No per-host delay: the figure is this program's cost; a real site adds host-delay-ms per page.
            NewsdeskConfig.Fetch fetch = new NewsdeskConfig.Fetch(d.userAgent(), d.connectTimeoutSeconds(),
                    d.timeoutSeconds(), d.maxPageBytes(), 0, d.maxRedirects(), d.retryBaseSeconds(), d.retryMaxSeconds(),
                    Math.max(n, d.maxItemsPerRun()), true, 0);
            NewsdeskConfig c = config.withPaths(work.resolve("data"), corpus).withSources(List.of(
                    new NewsdeskConfig.Source("bench", "feed", base + "/feed.xml", null, null, "1h", false)), fetch);
            try (App app = new App(c, Clock.systemUTC(), embedder)) {
                app.reindex().run(true, p -> { });
                long[] sourcesDone = new long[1];
                long t0 = System.nanoTime();
                SyncService.Result first = app.sync().run(true, r -> sourcesDone[0] = System.nanoTime(), p -> { });
                long t1 = System.nanoTime();
                SourceReport report = first.sources().get(0);
                ReindexResult index = first.reindex();
                if (index == null || report.added() + report.duplicates() != n || index.added() != report.added()) {
                    throw new IllegalStateException("the sync did not add the " + n + " articles: " + first.summary());
                }
                n = report.added(); // a corpus may hold copies of one story: those are deduplicated, not indexed
                double total = (t1 - t0) / 1e9;
                double fetchParse = (sourcesDone[0] - t0) / 1e9;
                double reindex = (t1 - sourcesDone[0]) / 1e9;
                out.printf(Locale.ROOT, "sync of %d new articles (%d passages embedded) from a local server: %.2f s = "
                                + "fetch + extract + store %.2f s (%.1f ms a page) + incremental index %.2f s "
                                + "(%.1f passages/s)%n", n, index.embedded(), total, fetchParse, 1000 * fetchParse / n,
                        reindex, index.embedded() / reindex);
                long t2 = System.nanoTime();
                SyncService.Result second = app.sync().run(true, r -> { }, p -> { });
                double idle = (System.nanoTime() - t2) / 1e9;
                out.printf(Locale.ROOT, "second sync, nothing new: %.3f s (feed answered 304: %s, index %s)%n", idle,
                        second.sources().get(0).status().equals("not modified"),
                        second.reindex() == null ? "unchanged" : "updated");
                ObjectNode json = new ObjectMapper().createObjectNode();
                json.put("model", embedder.name());
                json.put("articles", n);
                json.put("duplicatesSkipped", report.duplicates());
                json.put("passagesEmbedded", index.embedded());
                json.put("totalSeconds", total);
                json.put("fetchExtractStoreSeconds", fetchParse);
                json.put("incrementalIndexSeconds", reindex);
                json.put("idleSyncSeconds", idle);
                json.put("notModifiedAnswers", notModified.get());
                return json;
            }
        } finally {
            server.stop(0);
            pool.shutdownNow();
            LiveIndex.deleteTree(work);
        }
    }

    /** An article as a news site renders it: navigation, share bar and footer around the paragraphs. */
    static String page(Article a, String url) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><title>").append(Entities.escape(a.title()))
                .append("</title><link rel=\"canonical\" href=\"").append(url).append("\">")
                .append("<meta property=\"og:site_name\" content=\"")
                .append(Entities.escape(a.source() == null ? "Bench News" : a.source())).append("\">");
        if (a.published() != null) {
            sb.append("<meta property=\"article:published_time\" content=\"").append(a.published()).append("\">");
        }
        sb.append("</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>")
                .append(Entities.escape(a.title())).append("</h1><div class=\"share-bar\">Share on Facebook</div>");
        for (String para : a.body().split("\n\\s*\n")) {
            sb.append("<p>").append(Entities.escape(para.strip())).append("</p>\n");
        }
        return sb.append("</article><footer>© Bench News</footer></body></html>").toString();
    }

    private static void serve(HttpExchange ex, Map<String, byte[]> site, AtomicInteger notModified) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = site.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            String type = path.endsWith(".xml") ? "application/rss+xml" : path.endsWith(".txt") ? "text/plain"
                    : "text/html; charset=utf-8";
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        }
    }
}
