package org.newsdesk.backend.lucene;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatesTest {
    private static final int DOCS = 600;
    private static ByteBuffersDirectory dir;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;

    /** 600 documents in several segments; every seventh has no vector; outlets and days vary. */
    @BeforeAll
    static void index() throws IOException {
        dir = new ByteBuffersDirectory();
        Random random = new Random(7);
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMaxBufferedDocs(100))) {
            for (int i = 0; i < DOCS; i++) {
                Document d = new Document();
                d.add(new StringField("source", "outlet" + (i % 5), Field.Store.NO));
                d.add(new LongPoint("day", i % 30));
                if (i % 7 != 0) {
                    d.add(new KnnFloatVectorField("v", unit(random), VectorSimilarityFunction.DOT_PRODUCT));
                }
                w.addDocument(d);
            }
        }
        reader = DirectoryReader.open(dir);
        searcher = new IndexSearcher(reader);
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        dir.close();
    }

    @Test
    void matchingIsTheFilterRestrictedToTheCandidatesAcrossSegments() throws IOException {
        List<Integer> candidates = new ArrayList<>();
        for (int doc = DOCS - 1; doc >= 0; doc -= 3) { // unsorted on purpose, spanning every segment
            candidates.add(doc);
        }
        for (Query filter : List.of(new TermQuery(new Term("source", "outlet2")), LongPoint.newRangeQuery("day", 4, 6),
                new TermQuery(new Term("source", "nobody")))) {
            Set<Integer> all = new HashSet<>();
            for (ScoreDoc d : searcher.search(filter, DOCS).scoreDocs) {
                all.add(d.doc);
            }
            Set<Integer> expected = new HashSet<>(candidates);
            expected.retainAll(all);
            assertThat(Candidates.matching(searcher, filter, candidates)).as(filter.toString()).isEqualTo(expected);
        }
        assertThat(Candidates.matching(searcher, new MatchAllDocsQuery(), List.of())).isEmpty();
    }

    @Test
    void similarityScoresAreTheKnnScoresAndReuseKnownOnes() throws IOException {
        float[] query = unit(new Random(99));
        ScoreDoc[] knn = searcher.search(new KnnFloatVectorQuery("v", query, 40), 40).scoreDocs;
        Map<Integer, Float> knnScore = new HashMap<>();
        List<Integer> docs = new ArrayList<>();
        for (ScoreDoc d : knn) {
            knnScore.put(d.doc, d.score);
            docs.add(d.doc);
        }
        docs.add(0); // no vector: left out
        ScoreDoc[] ranked = Candidates.bySimilarity(searcher, "v", query, docs, Map.of());
        assertThat(ranked).hasSize(knn.length);
        for (int i = 0; i < ranked.length; i++) {
            assertThat(ranked[i].score).isCloseTo(knnScore.get(ranked[i].doc), org.assertj.core.data.Offset.offset(1e-6f));
            if (i > 0) {
                assertThat(ranked[i].score).isLessThanOrEqualTo(ranked[i - 1].score);
            }
        }
        // A score passed in is taken as given, not recomputed.
        ScoreDoc[] withKnown = Candidates.bySimilarity(searcher, "v", query, docs, Map.of(knn[knn.length - 1].doc, 5f));
        assertThat(withKnown[0].doc).isEqualTo(knn[knn.length - 1].doc);
        assertThat(withKnown[0].score).isEqualTo(5f);
    }

    private static float[] unit(Random random) {
        float[] v = new float[16];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
