package org.newsdesk.search;

import org.newsdesk.index.Reindexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * What searching an index generation (or collection) needs to know of how it was built, read from its build
 * metadata once per generation: whether its vectors come from the configured model (the vector-off rule) and
 * whether its passages' BM25 text starts with the metadata header.
 */
final class Generations {
    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    /**
     * @param vectorsMatch whether its vectors come from the configured model. Both shipped models write 384-d
     *                     vectors, so after `index.embedding-model` changes and before `index --full` runs, a KNN search
     *                     would silently compare vectors of two different spaces; BM25 alone serves until the rebuild
     * @param headerInText whether each passage's BM25 text starts with the metadata header line
     */
    record Generation(boolean vectorsMatch, boolean headerInText) {
    }

    private final String embeddingModel;
    private final Map<Object, Generation> cache = new WeakHashMap<>();

    /** @param embeddingModel the configured embedder's name ({@code Embedder#name()}) */
    Generations(String embeddingModel) {
        this.embeddingModel = embeddingModel;
    }

    /** Why vector search is off for an index built with this metadata (for admins), or empty when it is on. */
    Optional<String> vectorSearchOff(Map<String, String> commitData) {
        String built = commitData.get(Reindexer.EMBEDDING_MODEL_KEY);
        if (built == null || built.equals(embeddingModel)) {
            return Optional.empty();
        }
        return Optional.of("the index was built with embedding model " + built + " but the configured one is "
                + embeddingModel + " (index.embedding-provider, index.embedding-model or index.embedding-remote-model, "
                + "index.embedding-dimensions): vector search is off and answers come from BM25 alone until the next reindex, "
                + "which rebuilds the index in full");
    }

    /** The view's generation, from the cache or read once (the warning is logged once). */
    Generation of(RetrievalEngine.View view) {
        Object key = view.cacheKey();
        synchronized (cache) {
            Generation cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, String> commitData = view.userData();
        Optional<String> off = vectorSearchOff(commitData);
        off.ifPresent(log::warn);
        Generation g = new Generation(off.isEmpty(), Boolean.parseBoolean(commitData.get(Reindexer.HEADER_IN_TEXT_KEY)));
        synchronized (cache) {
            cache.put(key, g);
        }
        return g;
    }
}
