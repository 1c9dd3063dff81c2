package org.newsdesk.backend.lucene;

import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.RetrievalEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/** The embedded engine: the live Lucene generation of {@link LiveIndex}; a view holds a reference-counted lease. */
public final class LuceneEngine implements RetrievalEngine {
    private final LiveIndex index;
    private final NewsdeskConfig.Search settings;
    private final Map<IndexReader.CacheKey, List<String>> sourceCache = new WeakHashMap<>();

    public LuceneEngine(LiveIndex index, NewsdeskConfig.Search settings) {
        this.index = index;
        this.settings = settings;
    }

    @Override
    public Archive archive() {
        return index;
    }

    @Override
    public Optional<View> open() {
        return index.acquire().map(LuceneView::new);
    }

    private final class LuceneView implements View {
        private final LiveIndex.Lease lease;
        private final IndexSearcher searcher;
        private final IndexReader reader;

        LuceneView(LiveIndex.Lease lease) {
            this.lease = lease;
            this.searcher = lease.searcher();
            this.reader = lease.reader();
        }

        @Override
        public Object cacheKey() {
            return reader.getReaderCacheHelper() == null ? this : reader.getReaderCacheHelper().getKey();
        }

        @Override
        public Map<String, String> userData() {
            try {
                return lease.reader().getIndexCommit().getUserData();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public long order(int doc) {
            return doc;
        }

        @Override
        public boolean anyIn(DayRange range) {
            try {
                return searcher.count(dayRange(range)) > 0;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int numDocs() {
            return reader.numDocs();
        }

        @Override
        public Map<String, Integer> docFreqs(Collection<String> terms) {
            Map<String, Integer> df = new HashMap<>();
            try {
                for (String t : terms) {
                    df.put(t, reader.docFreq(new Term(PassageDocuments.TEXT, t)));
                }
            } catch (IOException e) {
                throw failed(e);
            }
            return df;
        }

        @Override
        public Ranked[] bm25(Collection<String> terms, Filter filter, int n) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            // Up to three clauses per term; the caller keeps the terms far below Lucene's 1024-clause limit.
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
            Query restriction = filter(filter);
            if (restriction != null) {
                b.add(restriction, BooleanClause.Occur.FILTER);
            }
            try {
                return ranked(searcher.search(b.build(), n).scoreDocs);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public Ranked[] knn(float[] vector, Filter filter, int n) {
            try {
                return ranked(searcher.search(new KnnFloatVectorQuery(PassageDocuments.VECTOR, vector, n, filter(filter)),
                        n).scoreDocs);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public Ranked[] within(Filter filter, int n) {
            Query q = filter(filter);
            try {
                return ranked(searcher.search(q == null ? new org.apache.lucene.search.MatchAllDocsQuery()
                        : new org.apache.lucene.search.ConstantScoreQuery(q), n, org.apache.lucene.search.Sort.INDEXORDER)
                        .scoreDocs);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        /** Read once per reader from the terms of the source_key field. */
        @Override
        public List<String> sources() {
            Object key = cacheKey();
            synchronized (sourceCache) {
                List<String> cached = key instanceof IndexReader.CacheKey k ? sourceCache.get(k) : null;
                if (cached != null) {
                    return cached;
                }
            }
            List<String> list = new ArrayList<>();
            try {
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
            } catch (IOException e) {
                throw failed(e);
            }
            if (key instanceof IndexReader.CacheKey k) {
                synchronized (sourceCache) {
                    sourceCache.put(k, list);
                }
            }
            return list;
        }

        @Override
        public Set<Integer> matching(Focus focus, Collection<Integer> docs) {
            Query q = focus.sourceKey() != null ? new TermQuery(new Term(PassageDocuments.SOURCE_KEY, focus.sourceKey()))
                    : dayRange(focus.days());
            try {
                return Candidates.matching(searcher, q, docs);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public Ranked[] bySimilarity(float[] vector, Collection<Integer> docs, Map<Integer, Float> known) {
            try {
                return ranked(Candidates.bySimilarity(searcher, PassageDocuments.VECTOR, vector, docs, known));
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public List<PassageDocuments.StoredPassage> load(List<Integer> docs) {
            List<PassageDocuments.StoredPassage> passages = new ArrayList<>(docs.size());
            try {
                StoredFields stored = searcher.storedFields();
                for (int doc : docs) {
                    passages.add(PassageDocuments.loadWithTerms(stored, doc));
                }
            } catch (IOException e) {
                throw failed(e);
            }
            return passages;
        }

        @Override
        public Map<String, RetrievalEngine.Spread> articleSpread(Collection<String> articles,
                                                              Map<String, Map<String, Integer>> headerCounts,
                                                              Set<String> terms) {
            try {
                return ArticleTerms.of(reader, articles, headerCounts, terms);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            lease.close();
        }
    }

    /** The filter as a Lucene query (a day range and/or an origin set), or null when it restricts nothing. */
    private static Query filter(Filter filter) {
        if (filter == null || filter.none()) {
            return null;
        }
        Query days = dayRange(filter.days());
        if (filter.origins() == null) {
            return days;
        }
        List<BytesRef> origins = filter.origins().stream().map(BytesRef::new).toList();
        Query origin = new org.apache.lucene.search.TermInSetQuery(PassageDocuments.ORIGIN, origins);
        if (days == null) {
            return origin;
        }
        return new BooleanQuery.Builder().add(days, BooleanClause.Occur.FILTER).add(origin, BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query dayRange(DayRange range) {
        if (range == null || (range.from() == null && range.to() == null)) {
            return null;
        }
        return LongPoint.newRangeQuery(PassageDocuments.PUBLISHED, range.from() == null ? Long.MIN_VALUE : range.from(),
                range.to() == null ? Long.MAX_VALUE : range.to());
    }

    private static Ranked[] ranked(ScoreDoc[] docs) {
        Ranked[] r = new Ranked[docs.length];
        for (int i = 0; i < docs.length; i++) {
            r[i] = new Ranked(docs[i].doc, docs[i].score);
        }
        return r;
    }

    private IndexException failed(IOException e) {
        return new IndexException("search failed in " + index.root() + ": " + e.getMessage(), new UncheckedIOException(e));
    }
}
