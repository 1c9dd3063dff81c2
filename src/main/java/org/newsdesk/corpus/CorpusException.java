package org.newsdesk.corpus;

/**
 * A corpus directory or file that cannot be used. The message is the reason, written for the
 * person who runs the bot (it names the path or the problem), so it can be shown as is.
 */
public class CorpusException extends Exception {
    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
