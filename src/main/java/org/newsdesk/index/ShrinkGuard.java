package org.newsdesk.index;

import org.newsdesk.corpus.SkippedFile;
import org.newsdesk.store.SourceFileStore;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a build that would leave no passage where the live index has some, or drop more than
 * {@code index.max-shrink} of its articles: a corpus mount gone missing or an archive that no longer parses must not
 * empty a serving bot (issue 16: a full rebuild in which every file failed went live, exit 0, with an empty index).
 */
final class ShrinkGuard {
    private ShrinkGuard() {
    }

    /**
     * @param livePassages passages the live index serves (0: nothing to protect)
     * @param liveRows     the live generation's file bookkeeping
     * @param next         the bookkeeping of the generation about to be built
     * @throws IndexShrinkException saying why, with the first skipped files
     */
    static void check(int livePassages, Map<String, SourceFileStore.Row> liveRows,
                      Map<String, SourceFileStore.Row> next, List<SkippedFile> skipped, double maxShrink) {
        if (livePassages == 0) {
            return;
        }
        if (next.values().stream().mapToInt(SourceFileStore.Row::passages).sum() == 0) {
            throw noPassages(skipped);
        }
        int before = liveRows.values().stream().mapToInt(r -> r.articleIds().size()).sum();
        int after = next.values().stream().mapToInt(r -> r.articleIds().size()).sum();
        if (before > 0 && before - after > maxShrink * before) {
            throw refused(String.format(Locale.ROOT, "the new index would drop %d of the %d articles in the live index "
                    + "(%.0f%%; index.max-shrink allows %.0f%%)", before - after, before,
                    100.0 * (before - after) / before, 100.0 * maxShrink), skipped);
        }
    }

    static IndexShrinkException noPassages(List<SkippedFile> skipped) {
        return refused("the new index would hold no passage at all", skipped);
    }

    private static IndexShrinkException refused(String why, List<SkippedFile> skipped) {
        StringBuilder sb = new StringBuilder("reindex refused: ").append(why).append("; the current index keeps serving");
        if (!skipped.isEmpty()) {
            sb.append(". ").append(skipped.size()).append(" skipped, first: ");
            for (int i = 0; i < Math.min(3, skipped.size()); i++) {
                sb.append(i == 0 ? "" : "; ").append(skipped.get(i).relativePath()).append(": ")
                        .append(skipped.get(i).reason());
            }
        }
        return new IndexShrinkException(sb.append(". If this is intended, run the same `newsdesk index` with "
                + "--allow-shrink.")
                .toString());
    }
}
