package org.newsdesk.index;

import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.corpus.CorpusReader;
import org.newsdesk.corpus.ParsedFile;
import org.newsdesk.corpus.SkippedFile;
import org.newsdesk.corpus.SourceFile;
import org.newsdesk.store.SourceFileStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one reindex has to write, worked out from the corpus and the live index's file bookkeeping: the files that
 * are new or changed, parsed into passages (each once), the files whose passages go, and the bookkeeping of the
 * index once built. The same for every backend.
 *
 * @param changed  new and changed files, in corpus order
 * @param added    new files that gave articles
 * @param updated  changed files that gave articles
 * @param removed  files no longer in the corpus (a file that became unreadable is kept as it was indexed)
 * @param replaced files whose passages an incremental build deletes: the removed ones and the changed ones parsed
 *                 now (a changed file that now fails to parse keeps its previous version, and its old row)
 * @param toIndex  the passages of each file parsed now, in corpus order
 * @param skipped  files or parts of files that could not be read, with why
 * @param manifest the bookkeeping of the build: what is kept from the live index plus what is indexed now
 */
record CorpusChanges(List<SourceFile> changed, int added, int updated, List<String> removed, List<String> replaced,
                     Map<SourceFile, List<Passage>> toIndex, List<SkippedFile> skipped,
                     Map<String, SourceFileStore.Row> manifest) {

    /** Passages to embed. */
    int passagesTotal() {
        return toIndex.values().stream().mapToInt(List::size).sum();
    }

    /** Each passage to write with its corpus file's path, in corpus order. */
    List<Map.Entry<String, Passage>> pending() {
        List<Map.Entry<String, Passage>> pending = new ArrayList<>(passagesTotal());
        toIndex.forEach((file, ps) -> ps.forEach(p -> pending.add(Map.entry(file.relativePath(), p))));
        return pending;
    }

    /**
     * Compares {@code found} with {@code known} (the live index's rows; empty for a full build) and parses what is
     * new or changed. {@code skipped} holds the corpus's unreadable files and receives the parse problems.
     */
    static CorpusChanges of(CorpusReader corpus, List<SourceFile> found, List<SkippedFile> skipped,
                            Map<String, SourceFileStore.Row> known, PassageSplitter splitter, Instant now,
                            ReindexListener listener) {
        Map<String, SourceFile> present = new LinkedHashMap<>();
        found.forEach(f -> present.put(f.relativePath(), f));
        List<SourceFile> changed = new ArrayList<>();
        for (SourceFile f : found) {
            SourceFileStore.Row row = known.get(f.relativePath());
            if (row == null || !row.contentHash().equals(f.contentHash())) {
                changed.add(f);
            }
        }
        // A file no longer readable at all is kept as it was indexed: nothing is lost because of a bad read.
        List<String> unreadableKnown = skipped.stream().map(SkippedFile::relativePath).filter(known::containsKey).toList();
        List<String> removed = known.keySet().stream()
                .filter(p -> !present.containsKey(p) && !unreadableKnown.contains(p)).toList();

        Map<SourceFile, List<String>> articleIds = new LinkedHashMap<>();
        Map<SourceFile, List<Passage>> toIndex = parse(corpus, changed, claimedIds(known, present, changed), splitter,
                skipped, articleIds, listener);

        List<String> replaced = new ArrayList<>(removed);
        int added = 0;
        int updated = 0;
        for (SourceFile f : toIndex.keySet()) {
            if (known.containsKey(f.relativePath())) {
                replaced.add(f.relativePath());
                updated++;
            } else {
                added++;
            }
        }
        Map<String, SourceFileStore.Row> manifest = new LinkedHashMap<>(known);
        replaced.forEach(manifest::remove);
        for (Map.Entry<SourceFile, List<Passage>> e : toIndex.entrySet()) {
            manifest.put(e.getKey().relativePath(), new SourceFileStore.Row(e.getKey().relativePath(),
                    e.getKey().contentHash(), articleIds.get(e.getKey()), e.getValue().size(), now));
        }
        return new CorpusChanges(changed, added, updated, removed, replaced, toIndex, skipped, manifest);
    }

    /** Article ids already claimed by the files the build keeps, and by which. */
    private static Map<String, String> claimedIds(Map<String, SourceFileStore.Row> known, Map<String, SourceFile> present,
                                                  List<SourceFile> changed) {
        Set<String> changedPaths = new HashSet<>();
        changed.forEach(c -> changedPaths.add(c.relativePath()));
        Map<String, String> owner = new HashMap<>();
        for (SourceFileStore.Row row : known.values()) {
            if (present.containsKey(row.path()) && !changedPaths.contains(row.path())) {
                row.articleIds().forEach(id -> owner.put(id, row.path()));
            }
        }
        return owner;
    }

    /**
     * Parses every changed file first, so the number of passages to embed is known for progress. An article whose
     * id another file already uses is skipped; a file that gives no article is left out.
     */
    private static Map<SourceFile, List<Passage>> parse(CorpusReader corpus, List<SourceFile> changed,
                                                        Map<String, String> owner, PassageSplitter splitter,
                                                        List<SkippedFile> skipped,
                                                        Map<SourceFile, List<String>> articleIds,
                                                        ReindexListener listener) {
        Map<SourceFile, List<Passage>> toIndex = new LinkedHashMap<>();
        int filesDone = 0;
        for (SourceFile f : changed) {
            listener.onProgress(new ReindexListener.Progress("parsing", filesDone, changed.size(), 0, 0));
            filesDone++;
            ParsedFile parsed;
            try {
                parsed = corpus.parse(f);
            } catch (CorpusException e) {
                skipped.add(new SkippedFile(f.relativePath(), e.getMessage()));
                continue;
            }
            parsed.problems().forEach(p -> skipped.add(new SkippedFile(f.relativePath(), p)));
            List<Passage> passages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Article a : parsed.articles()) {
                String other = owner.putIfAbsent(a.id(), f.relativePath());
                if (other != null) {
                    skipped.add(new SkippedFile(f.relativePath(), "article id '" + a.id() + "' is already used by " + other));
                    continue;
                }
                ids.add(a.id());
                passages.addAll(splitter.split(a));
            }
            if (!ids.isEmpty()) {
                toIndex.put(f, passages);
                articleIds.put(f, ids);
            } else if (parsed.articles().isEmpty()) {
                skipped.add(new SkippedFile(f.relativePath(), "no article could be read from it"));
            }
        }
        return toIndex;
    }
}
