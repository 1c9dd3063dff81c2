package org.newsdesk.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.Utils;
import org.newsdesk.backend.solr.SolrArchive;
import org.newsdesk.backend.solr.SolrCollectionStore;
import org.newsdesk.backend.solr.SolrEngine;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.IndexBackend;
import org.newsdesk.index.Passage;
import org.newsdesk.index.Reindexer;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.store.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The SolrCloud column of the growth benchmark ({@code search.backend: solr}): the same synthetic passages and
 * hashed vectors written through the product's Solr writer into a fresh collection (solr.shards x solr.replicas),
 * then the same questions through the product's search path over {@link SolrEngine}. The collection is deleted
 * afterwards.
 */
final class SolrGrowth {
    private static final int BATCH = 500;

    private final NewsdeskConfig config;
    private final java.io.PrintStream out;

    SolrGrowth(NewsdeskConfig config, java.io.PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Adds solr* fields to {@code row}; {@code timer} times one mode's questions and returns their milliseconds. */
    void measure(ObjectNode row, int size, SyntheticCorpus synthetic, HashingEmbeddingModel hashing, Embedder stand,
                 Function<Function<String, Object>, List<Double>> timer) {
        NewsdeskConfig.Solr s = config.solr();
        NewsdeskConfig.Solr settings = s.at(s.zkHosts(), s.collection() + "-growth-" + size);
        try (Database db = Database.inMemory();
             SolrArchive archive = SolrArchive.connect(settings, new SolrCollectionStore(db), Clock.systemUTC())) {
            out.printf(Locale.ROOT, "[growth %,d] SolrCloud (%d shards x %d replicas): building ...%n", size,
                    settings.shards(), settings.replicas());
            long t0 = System.nanoTime();
            IndexBackend.Build build = archive.begin(true);
            List<Map.Entry<String, Passage>> batch = new ArrayList<>(BATCH);
            List<float[]> vectors = new ArrayList<>(BATCH);
            synthetic.passages(size, p -> {
                batch.add(Map.entry("synthetic/" + p.articleId(), p));
                vectors.add(hashing.vector(Embedder.passageInput(p)));
                if (batch.size() == BATCH) {
                    try {
                        build.add(batch, vectors, config.index().headerInText());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    batch.clear();
                    vectors.clear();
                }
            });
            if (!batch.isEmpty()) {
                build.add(batch, vectors, config.index().headerInText());
            }
            int passages = build.publish(IndexBackend.Publication.of(Map.of(Reindexer.EMBEDDING_MODEL_KEY, stand.name(),
                    Reindexer.HEADER_IN_TEXT_KEY, String.valueOf(config.index().headerInText()))));
            double buildSec = (System.nanoTime() - t0) / 1e9;
            long bytes = indexBytes(archive, build.name());
            row.put("solrBuildSeconds", buildSec);
            row.put("solrPassages", passages);
            row.put("solrIndexBytes", bytes);
            HybridSearcher searcher = new HybridSearcher(new SolrEngine(archive, config.search()), stand, config.search());
            int k = config.search().k();
            for (SearchRequest.Mode m : SearchRequest.Mode.values()) {
                timer.apply(q -> searcher.search(SearchRequest.of(q, k, m)));
            }
            SearchRequest.Mode mode = SearchRequest.Mode.parse(config.search().mode());
            List<Double> ms = timer.apply(q -> searcher.search(SearchRequest.of(q, k, mode)));
            row.put("solrQueryP50Ms", Measure.percentile(ms, 50));
            row.put("solrQueryP95Ms", Measure.percentile(ms, 95));
            for (SearchRequest.Mode single : List.of(SearchRequest.Mode.BM25, SearchRequest.Mode.KNN)) {
                List<Double> t = timer.apply(q -> searcher.search(SearchRequest.of(q, k, single)));
                String name = single.name().charAt(0) + single.name().substring(1).toLowerCase(Locale.ROOT);
                row.put("solr" + name + "QueryP50Ms", Measure.percentile(t, 50));
                row.put("solr" + name + "QueryP95Ms", Measure.percentile(t, 95));
            }
            out.printf(Locale.ROOT, "[growth %,d] SolrCloud: build %.1f s; index %.1f MB over all replicas; hybrid p50 %.2f ms p95 %.2f ms; "
                            + "bm25 p95 %.2f ms, knn p95 %.2f ms%n", size, buildSec, bytes / 1e6,
                    row.get("solrQueryP50Ms").asDouble(), row.get("solrQueryP95Ms").asDouble(),
                    row.get("solrBm25QueryP95Ms").asDouble(), row.get("solrKnnQueryP95Ms").asDouble());
            CollectionAdminRequest.deleteAlias(settings.collection()).process(archive.client());
            CollectionAdminRequest.deleteCollection(build.name()).process(archive.client());
        } catch (Exception e) {
            out.printf(Locale.ROOT, "[growth %,d] SolrCloud column failed: %s%n", size, e.getMessage());
            row.put("solrError", String.valueOf(e.getMessage()));
        }
    }

    /** The index size of every replica of the collection, summed, from each live node's core metrics. */
    private static long indexBytes(SolrArchive archive, String collection) {
        long total = 0;
        var provider = ((org.apache.solr.client.solrj.impl.CloudSolrClient) archive.client()).getClusterStateProvider();
        for (String node : provider.getLiveNodes()) {
            String url = Utils.getBaseUrlForNodeName(node, "http");
            try (Http2SolrClient http = new Http2SolrClient.Builder(url).build()) {
                ModifiableSolrParams p = new ModifiableSolrParams();
                p.set("group", "core");
                p.set("prefix", "INDEX.sizeInBytes");
                NamedList<Object> r = http.request(new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/metrics", p));
                NamedList<?> metrics = (NamedList<?>) r.get("metrics");
                for (int i = 0; metrics != null && i < metrics.size(); i++) {
                    if (metrics.getName(i).startsWith("solr.core." + collection + ".")) {
                        Object v = ((NamedList<?>) metrics.getVal(i)).get("INDEX.sizeInBytes");
                        if (v instanceof Number n) {
                            total += n.longValue();
                        }
                    }
                }
            } catch (Exception e) {
                return -1;
            }
        }
        return total;
    }
}
