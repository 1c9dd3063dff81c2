package org.newsdesk.corpus;

import java.util.regex.Pattern;

/** Turns the inline Markdown of scraped pages into plain text, one line at a time. */
final class Markdown {
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    // The look-arounds keep snake_case words, URLs and arithmetic like 2*3*4 untouched.
    private static final Pattern STRONG = Pattern.compile("(?<![\\w*])(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+|\\s+#+$");

    private Markdown() {
    }

    static String toPlainText(String line) {
        String text = IMAGE.matcher(line).replaceAll("");
        text = LINK.matcher(text).replaceAll("$1");
        text = STRONG.matcher(text).replaceAll("$2");
        text = EMPHASIS.matcher(text).replaceAll("$2");
        return HEADING.matcher(text).replaceAll("").strip();
    }
}
