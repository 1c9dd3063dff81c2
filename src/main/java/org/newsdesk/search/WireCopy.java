package org.newsdesk.search;

import java.time.LocalDate;

/**
 * Another outlet's copy of a retrieved passage (a syndicated or wire story), collapsed into the hit that was kept.
 */
public record WireCopy(String articleId, String source, String title, String url, LocalDate published) {
    /** The outlet's name, or the copy's title when the outlet is unknown: how a reply names the copy. */
    public String outletName() {
        return source == null || source.isBlank() ? title : source;
    }
}
