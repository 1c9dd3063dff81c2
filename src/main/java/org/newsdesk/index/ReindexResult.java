package org.newsdesk.index;

import org.newsdesk.corpus.SkippedFile;

import java.util.List;

/**
 * What a reindex changed.
 *
 * @param full       whether everything was rebuilt (and why, in {@code reason})
 * @param added      new files indexed
 * @param updated    changed files re-indexed
 * @param removed    files gone from the corpus, dropped from the index
 * @param unchanged  files carried over without re-embedding
 * @param skipped    files (or JSONL lines) that could not be used, with reasons
 * @param articles   articles in the new index
 * @param passages   passages in the new index
 * @param embedded   passages embedded by this run
 */
public record ReindexResult(boolean full, String reason, int added, int updated, int removed, int unchanged,
                            List<SkippedFile> skipped, int articles, int passages, int embedded, long millis,
                            String generation) {
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(full ? "Full rebuild" : "Update").append(reason == null ? "" : " (" + reason + ")").append(": ")
                .append(added).append(" added, ").append(updated).append(" updated, ").append(removed)
                .append(" removed, ").append(unchanged).append(" unchanged, ").append(skipped.size())
                .append(" skipped. Index: ").append(articles).append(" articles, ").append(passages)
                .append(" passages (").append(embedded).append(" embedded in ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0)).append(" s).");
        for (SkippedFile s : skipped) {
            sb.append("\n  skipped ").append(s.relativePath()).append(": ").append(s.reason());
        }
        return sb.toString();
    }
}
