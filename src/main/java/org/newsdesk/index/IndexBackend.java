package org.newsdesk.index;

import org.newsdesk.store.SourceFileStore;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a reindex writes: one implementation per backend, the embedded Lucene generations or a SolrCloud alias.
 * {@link Reindexer} decides what changed and embeds it, the same for both; this stores the result and makes it live.
 */
public interface IndexBackend extends Archive {
    /** Picks up a build another process made live (called under the reindex lock, and at start). */
    void pickUp();

    /** Removes what an earlier, failed or killed build left behind (under the reindex lock, before a build). */
    void deleteLeftovers();

    /**
     * The file bookkeeping of the live index. A backend whose index carries its own copy (Lucene's manifest)
     * restores the database's rows from it when the two differ; otherwise the database's rows are the only ones.
     */
    Map<String, SourceFileStore.Row> reconcile(SourceFileStore files);

    /**
     * Starts one build. Full: into a new place that nobody reads until {@link Build#publish}. Incremental: the live
     * index's passages, changed in place (SolrCloud: visible at the single commit of {@link Build#publish}) or
     * carried over into a copy (Lucene).
     */
    Build begin(boolean full) throws IOException;

    interface Build {
        /** Drops every passage of these corpus files (changed or removed files; incremental builds only). */
        void deleteFiles(List<String> paths) throws IOException;

        /** Adds passages (corpus file path, passage) with their vectors; a passage id already present is replaced. */
        void add(List<Map.Entry<String, Passage>> passages, List<float[]> vectors, boolean headerInText)
                throws IOException;

        /** Commits, makes the build live, and returns its passages. */
        int publish(Publication publication) throws IOException;

        /** The name of what this build writes (a generation, a collection), for the reindex summary. */
        String name();

        /** After a failure before {@link #publish} returned: discards what can be discarded; the live index serves on. */
        void abort();
    }

    /**
     * What a build goes live with.
     *
     * @param settings the build metadata ({@link Reindexer#fingerprint()})
     * @param files    the file bookkeeping of the build (Lucene keeps a copy in the generation, see reconcile)
     * @param merging  called when publishing starts a merge of the build's segments (progress)
     * @param emptied  the refusal of a build left without passages while the live index has some, or null when that
     *                 is allowed; checked by a backend that can still refuse after its commit (Lucene: a generation
     *                 is not live before the swap)
     */
    record Publication(Map<String, String> settings, Collection<SourceFileStore.Row> files, Runnable merging,
                       Supplier<? extends RuntimeException> emptied) {
        /** Metadata only, for a build written outside a reindex (benchmarks). */
        public static Publication of(Map<String, String> settings) {
            return new Publication(settings, List.of(), () -> { }, null);
        }
    }
}
