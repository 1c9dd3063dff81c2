package org.newsdesk.index;

/** Hears how a reindex advances; called on the reindexing thread. Implementations must be quick. */
public interface ReindexListener {
    /** Where a reindex stands. {@code passagesTotal} is known once the changed files are parsed. */
    record Progress(String phase, int filesDone, int filesTotal, int passagesDone, int passagesTotal) {
        public int percent() {
            if (passagesTotal > 0) {
                return (int) (100L * passagesDone / passagesTotal);
            }
            return filesTotal == 0 ? 100 : (int) (100L * filesDone / filesTotal);
        }
    }

    ReindexListener NONE = p -> { };

    void onProgress(Progress progress);
}
