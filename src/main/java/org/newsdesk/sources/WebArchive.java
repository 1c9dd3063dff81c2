package org.newsdesk.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.corpus.Article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetched articles on disk, where the reindexer reads them: {@code <data-dir>/sources/<source>/<id>.jsonl}, one
 * article per file in the corpus JSONL format. One file per article keeps the reindex incremental: a new article is
 * one new file, a changed one one changed file, and only those are embedded.
 */
public final class WebArchive {
    /** The path prefix under which the reindexer lists these files (hidden in corpus terms: no clash possible). */
    public static final String PREFIX = ".sources";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public WebArchive(Path dataDir) {
        this.root = dataDir.resolve("sources");
    }

    public Path root() {
        return root;
    }

    /** The article id of a canonical URL: stable, so an updated article replaces its own file. */
    public static String articleId(String canonicalUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
            return "web-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes (atomically, replacing) the article's file; returns its path relative to {@link #root()}. */
    public String write(String source, String articleId, Article a, String canonicalUrl) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", articleId);
        line.put("title", a.title());
        line.put("source", a.source());
        line.put("author", a.author());
        line.put("url", canonicalUrl);
        line.put("published", a.published() == null ? null : a.published().toString());
        line.put("body", a.body());
        String relative = source + "/" + articleId + ".jsonl";
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".jsonl");
            Files.writeString(tmp, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the article in " + file + ": " + e.getMessage(), e);
        }
        return relative;
    }

    public void delete(String relative) {
        try {
            Files.deleteIfExists(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root.resolve(relative) + ": " + e.getMessage(), e);
        }
    }
}
