package org.newsdesk.corpus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A regular file found under the corpus root.
 *
 * @param path         the file on disk
 * @param relativePath path below the corpus root, with '/' separators on every platform
 * @param contentHash  sha-256 (hex) of the file bytes, so a changed file is noticed
 * @param size         size in bytes
 */
public record SourceFile(Path path, String relativePath, String contentHash, long size) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
