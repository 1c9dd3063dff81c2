package org.newsdesk.index;

/** The index cannot be read or built; the message names the directory and the reason. */
public class IndexException extends RuntimeException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
