package org.newsdesk.corpus;

import java.util.Objects;

/**
 * A file, or part of one, that could not be used.
 *
 * @param relativePath path below the corpus root, with '/' separators
 * @param reason       human-readable reason, e.g. "empty file" or "line 7: invalid JSON: ..."
 */
public record SkippedFile(String relativePath, String reason) {
    public SkippedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(reason, "reason");
    }
}
