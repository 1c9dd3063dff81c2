package org.newsdesk.index;

/** Another reindex holds the index lock. */
public class IndexLockedException extends IndexException {
    public IndexLockedException(String message) {
        super(message);
    }
}
