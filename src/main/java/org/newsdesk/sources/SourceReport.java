package org.newsdesk.sources;

import java.time.Instant;
import java.util.List;

/**
 * What one sync did with one source.
 *
 * @param status    "ok", "not modified", "failed", "not due" or "folder"
 * @param problems  items that could not be used (a page that failed, a duplicate is not a problem), with reasons
 * @param error     why the source as a whole failed, or null
 * @param nextRetry when a failed source is tried again, or null
 */
public record SourceReport(String name, String type, String status, int added, int updated, int removed,
                           int unchanged, int duplicates, List<String> problems, String error, Instant nextRetry,
                           long millis) {
    public SourceReport {
        problems = List.copyOf(problems);
    }

    /** Whether the archive changed, so the index must follow. */
    public boolean changed() {
        return added + updated + removed > 0;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(type).append("): ").append(status);
        if (error != null) {
            sb.append(": ").append(error);
            if (nextRetry != null) {
                sb.append(" (retry after ").append(nextRetry).append(")");
            }
        } else if (!status.equals("not due") && !status.equals("folder")) {
            sb.append(", ").append(added).append(" added, ").append(updated).append(" updated, ")
                    .append(removed).append(" removed, ").append(unchanged).append(" unchanged");
            if (duplicates > 0) {
                sb.append(", ").append(duplicates).append(" duplicates");
            }
        }
        for (String p : problems) {
            sb.append("\n    ").append(p);
        }
        return sb.toString();
    }
}
