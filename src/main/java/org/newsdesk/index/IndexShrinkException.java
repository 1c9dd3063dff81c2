package org.newsdesk.index;

/** A reindex refused to go live because it would drop too much of the live index (index.max-shrink). */
public final class IndexShrinkException extends IndexException {
    public IndexShrinkException(String message) {
        super(message);
    }
}
