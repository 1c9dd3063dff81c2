package org.newsdesk.cli;

import java.io.IOException;
import java.io.Reader;

/** Reads lines keeping at most {@code limit} characters of each (the rest is counted, not kept). */
final class BoundedLines {
    /** @param truncated whether the line was longer than the limit; {@code length} is its full length */
    record Line(String text, long length, boolean truncated) {
    }

    private final Reader in;
    private final int limit;
    private boolean eof;

    BoundedLines(Reader in, int limit) {
        this.in = in instanceof java.io.BufferedReader ? in : new java.io.BufferedReader(in);
        this.limit = limit;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
    Line next() throws IOException {
        if (eof) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        long length = 0;
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (length < limit + 1L) {
                sb.append((char) c);
            }
            length++;
        }
        if (c == -1) {
            eof = true;
            if (length == 0) {
                return null;
            }
        }
        if (length > 0 && length <= limit + 1L && sb.charAt(sb.length() - 1) == '\r') {
            sb.setLength(sb.length() - 1);
            length--;
        }
        boolean truncated = length > limit;
        return new Line(truncated ? sb.substring(0, Math.min(sb.length(), limit)) : sb.toString(), length, truncated);
    }
}
