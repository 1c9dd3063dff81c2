package org.newsdesk.search;

import org.newsdesk.index.Archive;
import org.newsdesk.index.PassageDocuments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link HybridSearcher} needs from the engine that holds the passages: candidate retrieval (BM25 and KNN),
 * document frequencies and stored fields. Fusion, the outlet/date focus, the sentence rerank and the duplicate
 * collapse run in our code above this interface, the same for every engine. Two implementations: the embedded
 * Lucene index ({@code backend.lucene.LuceneEngine}) and a SolrCloud alias ({@code backend.solr.SolrEngine}).
 */
public interface RetrievalEngine {
    /** The live index as a whole (status, size, build metadata). */
    Archive archive();

    /** A consistent view of the live index for one search; empty when there is no index yet. */
    Optional<View> open();

    /**
     * The collection a view was pinned to went away during the search (a full reindex moved the alias and deleted
     * the old collection): the search is run again on a fresh view.
     */
    final class ViewGone extends RuntimeException {
        public ViewGone(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A candidate: the view's handle for a passage and the engine's score (BM25, or KNN similarity). */
    record Ranked(int doc, float score) {
    }

    /** Publication days (epoch days), inclusive; a null bound is open. */
    record DayRange(Long from, Long to) {
        public boolean contains(Long day) {
            return day != null && (from == null || day >= from) && (to == null || day <= to);
        }
    }

    /**
     * What a search may return: passages published within {@code days} (null: any day) and, when {@code origins} is
     * not null, only those whose {@link PassageDocuments#ORIGIN} is one of them (a chat's archive). Applied inside
     * each engine's search, so a restricted chat still gets its k best passages.
     */
    record Filter(DayRange days, Set<String> origins) {
        public Filter {
            origins = origins == null ? null : Set.copyOf(origins);
        }

        public boolean none() {
            return (days == null || (days.from() == null && days.to() == null)) && origins == null;
        }
    }

    /** How a question's terms spread over one article: its live passages and, per term, how many hold it in the body. */
    record Spread(int passages, Map<String, Integer> passagesWith) {
        int with(String term) {
            return passagesWith.getOrDefault(term, 0);
        }
    }

    /** A focus a question names: one outlet (its {@link PassageDocuments#sourceKey}) or a range of days. */
    record Focus(String sourceKey, DayRange days) {
    }

    /**
     * One search's view of one index generation or collection: every call sees the same passages. Handles ({@code
     * doc}) are small ints valid within the view; ties in the fusion are broken by them. Calls may come from two
     * threads at once (BM25 and KNN run in parallel).
     */
    interface View extends AutoCloseable {
        /** Identifies the generation or collection, for per-generation caches. */
        Object cacheKey();

        /** How this generation or collection was built (embedding model, header in text ...). */
        Map<String, String> userData();

        /**
         * Where a candidate stands when scores are equal: its position in the index's write order (Lucene's document
         * order), so that ties are broken alike by every engine and every replica.
         */
        long order(int doc);

        /** Whether any passage was published within the range. */
        boolean anyIn(DayRange range);

        /** Live passages. */
        int numDocs();

        /** In how many passages each term of the BM25 text field occurs. */
        Map<String, Integer> docFreqs(Collection<String> terms);

        /** BM25 over the text field (and the title and outlet/date fields, as configured) for analysed terms. */
        Ranked[] bm25(Collection<String> terms, Filter filter, int n);

        /** The passages whose vectors are nearest to {@code vector}. */
        Ranked[] knn(float[] vector, Filter filter, int n);

        /**
         * Up to {@code n} passages within the filter, in index order, scored 0: a digest asks for one day at a time,
         * newest first (the publication day is a point, not a sortable value, in the indexes written so far).
         */
        Ranked[] within(Filter filter, int n);

        /** The outlets in the index, as source keys. */
        List<String> sources();

        /** Which of the candidates lie within a focus. */
        Set<Integer> matching(Focus focus, Collection<Integer> docs);

        /**
         * The candidates ranked by their stored vector's similarity to {@code vector}, scored as a KNN search would
         * score them; {@code known} holds scores already computed, which are reused.
         */
        Ranked[] bySimilarity(float[] vector, Collection<Integer> docs, Map<Integer, Float> known);

        /** The stored passages (with their sentence terms), in the order asked. */
        List<PassageDocuments.StoredPassage> load(List<Integer> docs);

        /** How the question's terms spread over the passages of each article (body text only). */
        Map<String, Spread> articleSpread(Collection<String> articles,
                                                       Map<String, Map<String, Integer>> headerCounts, Set<String> terms);

        @Override
        void close();
    }

    /**
     * Puts the scores {@code known} already holds for {@code docs} into {@code scores} and returns the docs still to
     * be scored, in their order: every engine reuses a KNN ranking's scores this way.
     */
    static List<Integer> reuseKnown(Collection<Integer> docs, Map<Integer, Float> known, Map<Integer, Float> scores) {
        List<Integer> missing = new ArrayList<>();
        for (int doc : docs) {
            Float s = known.get(doc);
            if (s != null) {
                scores.put(doc, s);
            } else {
                missing.add(doc);
            }
        }
        return missing;
    }
}
