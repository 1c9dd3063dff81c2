package org.newsdesk.corpus;

import java.util.List;
import java.util.Objects;

/**
 * The articles read from one file.
 *
 * @param file     the file they came from
 * @param articles the usable articles, in file order; never empty
 * @param problems reasons for parts of the file that were skipped (JSONL lines such as
 *                 "line 7: invalid JSON: ..."); empty for a clean file
 */
public record ParsedFile(SourceFile file, List<Article> articles, List<String> problems) {
    public ParsedFile {
        Objects.requireNonNull(file, "file");
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }
}
