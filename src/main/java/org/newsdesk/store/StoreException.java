package org.newsdesk.store;

/** A database problem, with the database path in the message. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
