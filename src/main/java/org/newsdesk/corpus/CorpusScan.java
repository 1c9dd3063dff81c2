package org.newsdesk.corpus;

import java.util.List;

/**
 * Everything read from a corpus directory.
 *
 * @param files   files that gave at least one article, sorted by relative path
 * @param skipped one entry per unusable file, and one per skipped JSONL line (same path,
 *                reason starting with "line N:"), sorted by relative path
 */
public record CorpusScan(List<ParsedFile> files, List<SkippedFile> skipped) {
    public CorpusScan {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /** All articles of all files, in file order. */
    public List<Article> articles() {
        return files.stream().flatMap(f -> f.articles().stream()).toList();
    }
}
