package org.newsdesk.index;

import java.util.List;
import java.util.Map;

/**
 * Where a reindex writes when the passages live in an engine outside the data directory (SolrCloud) instead of the
 * embedded Lucene generations. {@link Reindexer} decides what changed and embeds it, the same for both; this only
 * stores the result and makes it live.
 */
public interface ExternalIndex extends Archive {
    /**
     * Starts one build. Full: into a new place that nobody reads until {@link Build#publish}. Incremental: changes
     * to the live index in place, visible at the single commit of {@link Build#publish}.
     */
    Build begin(boolean full);

    interface Build {
        /** Drops every passage of these corpus files (changed or removed files; incremental builds only). */
        void deleteFiles(List<String> paths);

        /** Adds passages (corpus file path, passage) with their vectors; a passage id already present is replaced. */
        void add(List<Map.Entry<String, Passage>> passages, List<float[]> vectors, boolean headerInText);

        /** Commits, makes the build live with {@code settings} as its build metadata, and returns its passages. */
        int publish(Map<String, String> settings);

        /** The name of what this build writes (a collection), for the reindex summary. */
        String name();

        /** After a failure before {@link #publish}: discards what can be discarded; the live index keeps serving. */
        void abort();
    }
}
