package org.newsdesk.answer;

import org.newsdesk.search.WireCopy;

/** Renders an answer as plain text: the console and logs. (Telegram renders its own HTML.) */
public final class AnswerText {
    private AnswerText() {
    }

    public static String plain(Answer answer) {
        StringBuilder sb = new StringBuilder();
        if (answer.about() != null) {
            sb.append("about: ").append(answer.about()).append("\n");
        }
        if (answer.time() != null) {
            sb.append(answer.time().line(answer.abstained())).append("\n");
        }
        sb.append(answer.text());
        if (!answer.citations().isEmpty()) {
            sb.append("\n\nSources:");
            for (Citation c : answer.citations()) {
                sb.append("\n[").append(c.n()).append("] ").append(sourceLine(c));
                if (!c.alsoIn().isEmpty()) {
                    sb.append("\n    ").append(alsoCarriedBy(c));
                }
            }
        }
        return sb.toString();
    }

    /** "also carried by: Reuters, AP" (the outlets of the citation's wire copies). */
    public static String alsoCarriedBy(Citation c) {
        StringBuilder sb = new StringBuilder("also carried by: ");
        for (int i = 0; i < c.alsoIn().size(); i++) {
            WireCopy w = c.alsoIn().get(i);
            sb.append(i == 0 ? "" : ", ").append(w.outletName());
        }
        return sb.toString();
    }

    /** "Title — Outlet, 2013-08-08 — https://…", leaving out what is unknown. */
    public static String sourceLine(Citation c) {
        StringBuilder sb = new StringBuilder(c.title());
        String meta = c.source() == null ? "" : c.source();
        if (c.published() != null) {
            meta = meta.isEmpty() ? c.published().toString() : meta + ", " + c.published();
        }
        if (!meta.isEmpty()) {
            sb.append(" — ").append(meta);
        }
        if (c.url() != null) {
            sb.append(" — ").append(c.url());
        }
        return sb.toString();
    }
}
