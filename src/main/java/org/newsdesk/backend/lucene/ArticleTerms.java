package org.newsdesk.backend.lucene;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.RetrievalEngine.Spread;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a question's terms spread over the passages of an article: how many passages the article has and how many of
 * them hold each term in their body text. Read from the postings of the few candidate articles only, so the cost
 * does not grow with the index.
 */
final class ArticleTerms {
    private ArticleTerms() {
    }

    /**
     * @param headerCounts per article, how often each term occurs in the metadata header indexed in front of each of
     *                     its passages (an empty map when the index has no header in the text): only occurrences
     *                     beyond those are in the passage body
     */
    static Map<String, Spread> of(IndexReader reader, Collection<String> articleIds,
                                  Map<String, Map<String, Integer>> headerCounts, Set<String> terms) throws IOException {
        List<String> articles = List.copyOf(Set.copyOf(articleIds));
        int[] passages = new int[articles.size()];
        List<Map<String, Integer>> with = new ArrayList<>();
        articles.forEach(a -> with.add(new HashMap<>()));
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            Terms ids = r.terms(PassageDocuments.ARTICLE_ID);
            Terms text = r.terms(PassageDocuments.TEXT);
            if (ids == null || text == null) {
                continue;
            }
            List<int[]> docs = articleDocs(ids.iterator(), r.getLiveDocs(), articles, passages); // {doc, article}
            if (docs.isEmpty()) {
                continue;
            }
            TermsEnum te = text.iterator();
            for (String term : terms) {
                if (!te.seekExact(new BytesRef(term))) {
                    continue;
                }
                PostingsEnum postings = te.postings(null, PostingsEnum.FREQS);
                for (int[] d : docs) {
                    int doc = postings.docID() < d[0] ? postings.advance(d[0]) : postings.docID();
                    if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    int inHeader = headerCounts.getOrDefault(articles.get(d[1]), Map.of()).getOrDefault(term, 0);
                    if (doc == d[0] && postings.freq() > inHeader) {
                        with.get(d[1]).merge(term, 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Spread> spread = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            spread.put(articles.get(i), new Spread(passages[i], with.get(i)));
        }
        return spread;
    }

    /** The live documents of the articles in one segment, in doc-id order; counts each article's passages. */
    private static List<int[]> articleDocs(TermsEnum ids, Bits live, List<String> articles, int[] passages)
            throws IOException {
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            if (!ids.seekExact(new BytesRef(articles.get(i)))) {
                continue;
            }
            PostingsEnum p = ids.postings(null, PostingsEnum.NONE);
            for (int doc = p.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = p.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.add(new int[]{doc, i});
                    passages[i]++;
                }
            }
        }
        docs.sort(Comparator.comparingInt(d -> d[0]));
        return docs;
    }
}
