package org.newsdesk.backend.lucene;

import org.newsdesk.index.IndexException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.store.SourceFileStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file bookkeeping of one generation (which corpus file, with which content hash, gave which articles), written
 * into the generation directory before it can go live. The generation that {@code CURRENT} names therefore always
 * carries the bookkeeping it was built with: if a process dies between the switch and the SQLite update, the next
 * start restores {@code source_files} from here instead of re-adding files the index already holds (issue 16: a
 * crash there duplicated passages on the next run).
 */
public final class IndexManifest {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexManifest.class);
    public static final String FILE = "newsdesk-files.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexManifest() {
    }

    /** Writes and fsyncs the manifest (and the directory entry) of a generation directory. */
    public static void write(Path generationDir, Iterable<SourceFileStore.Row> rows) throws IOException {
        ArrayNode files = JSON.createArrayNode();
        for (SourceFileStore.Row r : rows) {
            ObjectNode o = files.addObject();
            o.put("path", r.path());
            o.put("contentHash", r.contentHash());
            ArrayNode ids = o.putArray("articleIds");
            r.articleIds().forEach(ids::add);
            o.put("passages", r.passages());
            o.put("indexedAt", r.indexedAt().toString());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.set("files", files);
        Path target = generationDir.resolve(FILE);
        writeDurably(target, JSON.writeValueAsBytes(root));
        fsyncDirectory(generationDir);
    }

    /** The manifest of a generation, or empty for a generation written before manifests existed. */
    public static Optional<Map<String, SourceFileStore.Row>> read(Path generationDir) {
        Path file = generationDir.resolve(FILE);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, SourceFileStore.Row> rows = new LinkedHashMap<>();
        try {
            for (JsonNode o : root.required("files")) {
                List<String> ids = new ArrayList<>();
                o.required("articleIds").forEach(id -> ids.add(id.asText()));
                SourceFileStore.Row row = new SourceFileStore.Row(o.required("path").asText(),
                        o.required("contentHash").asText(), List.copyOf(ids), o.required("passages").asInt(),
                        Instant.parse(o.required("indexedAt").asText()));
                rows.put(row.path(), row);
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IndexException("malformed " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(rows);
    }

    /**
     * The bookkeeping of the live generation. A generation carries its own file manifest; when SQLite disagrees (the
     * process died between the switch and the SQLite update) SQLite is restored from it. A generation written
     * before manifests existed has none: then SQLite is taken as it is.
     */
    public static Map<String, SourceFileStore.Row> reconcile(LiveIndex live, SourceFileStore files) {
        Optional<String> generation = live.generation();
        Map<String, SourceFileStore.Row> recorded = files.all();
        if (generation.isEmpty()) {
            return recorded;
        }
        Optional<Map<String, SourceFileStore.Row>> manifest;
        try {
            manifest = read(live.root().resolve(generation.get()));
        } catch (IndexException e) {
            // An unreadable manifest must not block every reindex: the database's bookkeeping is the fallback.
            log.warn("{}; using the bookkeeping in the database", e.getMessage());
            manifest = Optional.empty();
        }
        if (manifest.isEmpty()) {
            return recorded;
        }
        if (!manifest.get().equals(recorded)) {
            log.warn("The file bookkeeping in the database did not match the live index {} ({} rows, it holds {} files; "
                    + "a reindex was interrupted after its switch): restored from the index", generation.get(),
                    recorded.size(), manifest.get().size());
            files.replaceAll(manifest.get().values());
        }
        return manifest.get();
    }

    /** Writes bytes and forces them to disk before returning. */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Makes a rename or a new file in {@code dir} durable (POSIX: fsync the directory; elsewhere a no-op). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its renames are durable without this.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }
}
