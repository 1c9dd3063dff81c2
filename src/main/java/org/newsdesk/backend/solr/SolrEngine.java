package org.newsdesk.backend.solr;

import org.newsdesk.backend.solr.SolrArchive;
import org.newsdesk.backend.solr.SolrPassages;
import org.newsdesk.config.NewsdeskConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.newsdesk.index.Archive;
import org.newsdesk.index.ArchiveUnavailableException;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.RetrievalEngine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candidates, document frequencies and stored fields from a SolrCloud alias. A view is pinned to the collection the
 * alias names when the search starts, so a full reindex moving the alias never mixes two collections in one search.
 * <p>
 * Every term sent to Solr has been analysed by our own EnglishAnalyzer and is escaped: the configset's query analyzer
 * only splits on whitespace, and the standard parser never sees user syntax ({@code {!lucene}*:*}, quotes,
 * {@code AND OR NOT}: all plain words, or gone as stop words). Global BM25 statistics come from the configset's
 * ExactStatsCache, so scores match one Lucene index over the same passages.
 */
public final class SolrEngine implements RetrievalEngine {
    /** Outlets change only with a reindex; a reindex in another process is seen within this time. */
    private static final long SOURCES_TTL_MS = 60_000;
    /** Separates ids in a terms query: a character no passage or article id holds. */
    private static final String SEPARATOR = "\u001f";

    private final SolrArchive archive;
    private final NewsdeskConfig.Search settings;
    private final Map<String, CachedSources> sources = new ConcurrentHashMap<>();

    private record CachedSources(List<String> sources, long at) {
    }

    public SolrEngine(SolrArchive archive, NewsdeskConfig.Search settings) {
        this.archive = archive;
        this.settings = settings;
    }

    @Override
    public Archive archive() {
        return archive;
    }

    @Override
    public Optional<View> open() {
        return archive.liveCollection().map(SolrView::new);
    }

    /** What a view knows of a candidate from the ranking that found it: enough to tell whether it is in a focus. */
    private record Meta(String sourceKey, Long published, long seq) {
    }

    private final class SolrView implements View {
        private final String collection;
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> handles = new HashMap<>();
        private final Map<Integer, Meta> meta = new HashMap<>();
        private int numDocs = -1;

        SolrView(String collection) {
            this.collection = collection;
        }

        private synchronized int handle(SolrDocument d) {
            String id = d.getFirstValue(PassageDocuments.ID).toString();
            Integer h = handles.get(id);
            if (h == null) {
                h = ids.size();
                ids.add(id);
                handles.put(id, h);
                Object published = d.getFirstValue(PassageDocuments.PUBLISHED);
                Object source = d.getFirstValue(PassageDocuments.SOURCE_KEY);
                Object seq = d.getFirstValue(SolrPassages.SEQ);
                meta.put(h, new Meta(source == null ? null : source.toString(),
                        published == null ? null : ((Number) published).longValue(),
                        seq == null ? Long.MAX_VALUE : ((Number) seq).longValue()));
            }
            return h;
        }

        private synchronized String id(int handle) {
            return ids.get(handle);
        }

        private synchronized Meta meta(int handle) {
            return meta.get(handle);
        }

        private QueryResponse query(ModifiableSolrParams p) {
            try {
                return archive.query(collection, p);
            } catch (ArchiveUnavailableException e) {
                if (archive.collectionGone(collection)) {
                    throw new ViewGone("collection " + collection + " was replaced", e);
                }
                throw e;
            }
        }

        @Override
        public Object cacheKey() {
            return collection;
        }

        @Override
        public long order(int doc) {
            Meta m = meta(doc);
            return m == null ? Long.MAX_VALUE : m.seq();
        }

        @Override
        public Map<String, String> userData() {
            return archive.settingsOf(collection);
        }

        @Override
        public boolean anyIn(DayRange range) {
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", "*:*");
            p.set("fq", dayFilter(range));
            p.set("rows", 0);
            return query(p).getResults().getNumFound() > 0;
        }

        @Override
        public synchronized int numDocs() {
            if (numDocs < 0) {
                ModifiableSolrParams p = new ModifiableSolrParams();
                p.set("q", "*:*");
                p.set("rows", 0);
                numDocs = (int) query(p).getResults().getNumFound();
            }
            return numDocs;
        }

        /** Counted as live passages holding the term, over every shard, in one request. */
        @Override
        public Map<String, Integer> docFreqs(Collection<String> terms) {
            Map<String, Integer> df = new HashMap<>();
            if (terms.isEmpty()) {
                return df;
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", "*:*");
            p.set("rows", 0);
            p.set("facet", true);
            Map<String, String> byQuery = new HashMap<>();
            for (String t : terms) {
                // The term parser takes the rest of the string as one raw term.
                String fq = "{!term f=" + PassageDocuments.TEXT + "}" + t;
                byQuery.put(fq, t);
                p.add("facet.query", fq);
            }
            QueryResponse r = query(p);
            if (numDocs < 0) {
                synchronized (this) {
                    numDocs = (int) r.getResults().getNumFound();
                }
            }
            r.getFacetQuery().forEach((q, count) -> {
                String t = byQuery.get(q);
                if (t != null) {
                    df.put(t, count);
                }
            });
            return df;
        }

        @Override
        public Ranked[] bm25(Collection<String> terms, Filter filter, int n) {
            StringBuilder q = new StringBuilder();
            for (String t : terms) {
                String term = ClientUtils.escapeQueryChars(t);
                q.append(PassageDocuments.TEXT).append(':').append(term).append(' ');
                if (settings.titleBoost() > 0) {
                    q.append(PassageDocuments.TITLE).append(':').append(term).append('^').append((float) settings.titleBoost()).append(' ');
                }
                if (settings.metadataBoost() > 0) {
                    q.append(PassageDocuments.META).append(':').append(term).append('^').append((float) settings.metadataBoost()).append(' ');
                }
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", q.toString().strip());
            p.set("defType", "lucene");
            p.set("q.op", "OR");
            p.set("sow", true);
            return ranked(p, filter, n);
        }

        @Override
        public Ranked[] knn(float[] vector, Filter filter, int n) {
            StringBuilder v = new StringBuilder("[");
            for (int i = 0; i < vector.length; i++) {
                v.append(i == 0 ? "" : ",").append(vector[i]);
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            // topK applies per shard; rows keeps the best n of all shards, as one index's KNN search would.
            p.set("q", "{!knn f=" + PassageDocuments.VECTOR + " topK=" + n + "}" + v.append(']'));
            return ranked(p, filter, n);
        }

        @Override
        public Ranked[] within(Filter filter, int n) {
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", "*:*");
            return ranked(p, filter, n, SolrPassages.SEQ + " asc");
        }

        private Ranked[] ranked(ModifiableSolrParams p, Filter filter, int n) {
            // Equal scores in write order, as one Lucene index ranks them, whichever replica answers.
            return ranked(p, filter, n, "score desc," + SolrPassages.SEQ + " asc");
        }

        private Ranked[] ranked(ModifiableSolrParams p, Filter filter, int n, String sort) {
            p.set("rows", n);
            p.set("sort", sort);
            p.set("fl", PassageDocuments.ID + "," + PassageDocuments.SOURCE_KEY + "," + PassageDocuments.PUBLISHED + ","
                    + SolrPassages.SEQ + ",score");
            String fq = dayFilter(filter == null ? null : filter.days());
            if (fq != null) {
                p.add("fq", fq);
            }
            String origins = originFilter(filter);
            if (origins != null) {
                p.add("fq", origins);
            }
            List<Ranked> out = new ArrayList<>();
            for (SolrDocument d : query(p).getResults()) {
                out.add(new Ranked(handle(d), ((Number) d.getFieldValue("score")).floatValue()));
            }
            return out.toArray(new Ranked[0]);
        }

        @Override
        public List<String> sources() {
            CachedSources cached = sources.get(collection);
            long now = System.currentTimeMillis();
            if (cached != null && now - cached.at() < SOURCES_TTL_MS) {
                return cached.sources();
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", "*:*");
            p.set("rows", 0);
            p.set("facet", true);
            p.set("facet.field", PassageDocuments.SOURCE_KEY);
            p.set("facet.limit", -1);
            p.set("facet.mincount", 1);
            p.set("facet.sort", "index");
            List<String> list = new ArrayList<>();
            FacetField f = query(p).getFacetField(PassageDocuments.SOURCE_KEY);
            if (f != null) {
                f.getValues().forEach(c -> {
                    if (c.getName() != null && !c.getName().isBlank()) {
                        list.add(c.getName());
                    }
                });
            }
            sources.put(collection, new CachedSources(List.copyOf(list), now));
            return list;
        }

        /** Decided from what the rankings returned with each candidate (outlet key, publication day). */
        @Override
        public Set<Integer> matching(Focus focus, Collection<Integer> docs) {
            Set<Integer> matched = new HashSet<>();
            for (int doc : docs) {
                Meta m = meta(doc);
                if (m != null && (focus.sourceKey() != null ? focus.sourceKey().equals(m.sourceKey())
                        : focus.days().contains(m.published()))) {
                    matched.add(doc);
                }
            }
            return matched;
        }

        @Override
        public Ranked[] bySimilarity(float[] vector, Collection<Integer> docs, Map<Integer, Float> known) {
            Map<Integer, Float> scores = new HashMap<>();
            List<Integer> missing = RetrievalEngine.reuseKnown(docs, known, scores);
            if (!missing.isEmpty()) {
                for (SolrDocument d : byIds(missing, PassageDocuments.ID + "," + PassageDocuments.VECTOR)) {
                    float[] v = SolrPassages.vector(d);
                    Integer h = handleOf(d);
                    if (v != null && h != null && v.length == vector.length) {
                        scores.put(h, VectorSimilarityFunction.DOT_PRODUCT.compare(vector, v));
                    }
                }
            }
            Ranked[] ranked = new Ranked[scores.size()];
            int r = 0;
            for (Map.Entry<Integer, Float> e : scores.entrySet()) {
                ranked[r++] = new Ranked(e.getKey(), e.getValue());
            }
            Arrays.sort(ranked, (a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                    : Long.compare(order(a.doc()), order(b.doc())));
            return ranked;
        }

        /** The handle already given to a fetched document's passage id, or null. */
        private synchronized Integer handleOf(SolrDocument d) {
            return handles.get(d.getFirstValue(PassageDocuments.ID).toString());
        }

        @Override
        public List<PassageDocuments.StoredPassage> load(List<Integer> docs) {
            Map<String, PassageDocuments.StoredPassage> byId = new HashMap<>();
            for (SolrDocument d : byIds(docs, SolrPassages.STORED_FIELDS)) {
                PassageDocuments.StoredPassage p = SolrPassages.fromDocument(d);
                byId.put(p.passage().id(), p);
            }
            List<PassageDocuments.StoredPassage> out = new ArrayList<>(docs.size());
            for (int doc : docs) {
                PassageDocuments.StoredPassage p = byId.get(id(doc));
                if (p == null) {
                    // Deleted by an incremental reindex's commit since the ranking found it: search again.
                    throw new ViewGone("passage " + id(doc) + " left collection " + collection + " during the search", null);
                }
                out.add(p);
            }
            return out;
        }

        private List<SolrDocument> byIds(Collection<Integer> docs, String fields) {
            List<String> wanted = new ArrayList<>(docs.size());
            for (int doc : docs) {
                wanted.add(id(doc));
            }
            return terms(PassageDocuments.ID, wanted, fields, wanted.size());
        }

        /** Documents whose {@code field} is one of {@code values}. */
        private List<SolrDocument> terms(String field, Collection<String> values, String fields, int rows) {
            if (values.isEmpty()) {
                return List.of();
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            p.set("q", "{!terms f=" + field + " separator=$sep v=$vals}");
            p.set("sep", SEPARATOR);
            p.set("vals", String.join(SEPARATOR, values));
            p.set("rows", rows);
            p.set("fl", fields);
            return query(p).getResults();
        }

        /**
         * Every live passage of the candidates' articles with the term frequency of each question term in its BM25
         * text: the same counts the Lucene backend reads from the postings.
         */
        @Override
        public Map<String, RetrievalEngine.Spread> articleSpread(Collection<String> articles,
                                                              Map<String, Map<String, Integer>> headerCounts,
                                                              Set<String> terms) {
            List<String> termList = List.copyOf(terms);
            StringBuilder fl = new StringBuilder(PassageDocuments.ARTICLE_ID);
            for (int i = 0; i < termList.size(); i++) {
                fl.append(",tf").append(i).append(":termfreq(").append(PassageDocuments.TEXT).append(",'")
                        .append(termList.get(i).replace("\\", "\\\\").replace("'", "\\'")).append("')");
            }
            Map<String, int[]> passages = new HashMap<>();
            Map<String, Map<String, Integer>> with = new HashMap<>();
            List<SolrDocument> docs = terms(PassageDocuments.ARTICLE_ID, Set.copyOf(articles), fl.toString(), 100_000);
            for (SolrDocument d : docs) {
                String article = d.getFirstValue(PassageDocuments.ARTICLE_ID).toString();
                passages.computeIfAbsent(article, a -> new int[1])[0]++;
                Map<String, Integer> header = headerCounts.getOrDefault(article, Map.of());
                for (int i = 0; i < termList.size(); i++) {
                    Object tf = d.getFieldValue("tf" + i);
                    int freq = tf == null ? 0 : ((Number) tf).intValue();
                    if (freq > header.getOrDefault(termList.get(i), 0)) {
                        with.computeIfAbsent(article, a -> new HashMap<>()).merge(termList.get(i), 1, Integer::sum);
                    }
                }
            }
            Map<String, RetrievalEngine.Spread> spread = new HashMap<>();
            for (String a : Set.copyOf(articles)) {
                spread.put(a, new RetrievalEngine.Spread(passages.getOrDefault(a, new int[1])[0], with.getOrDefault(a, Map.of())));
            }
            return spread;
        }

        @Override
        public void close() {
            // Nothing held: the client and its connections belong to the archive.
        }
    }

    /** The chat's archive as a filter query: {@code {!terms f=origin}a,b} (no origin: nothing matches). */
    private static String originFilter(Filter filter) {
        if (filter == null || filter.origins() == null) {
            return null;
        }
        if (filter.origins().isEmpty()) {
            return "-*:*";
        }
        // Origin names are [a-z0-9_-] (config-checked): no comma or quoting needed; sorted for cacheable fq strings.
        return "{!terms f=" + PassageDocuments.ORIGIN + "}" + String.join(",", new java.util.TreeSet<>(filter.origins()));
    }

    private static String dayFilter(DayRange range) {
        if (range == null || (range.from() == null && range.to() == null)) {
            return null;
        }
        return PassageDocuments.PUBLISHED + ":[" + (range.from() == null ? "*" : range.from()) + " TO "
                + (range.to() == null ? "*" : range.to()) + "]";
    }
}
