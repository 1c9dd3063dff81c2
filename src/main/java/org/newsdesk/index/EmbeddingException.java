package org.newsdesk.index;

/**
 * A remote embedding server failed or answered something unusable. The message is meant for people: it names the
 * server, the model and, where one is at fault, the setting; it never carries the API key.
 */
public class EmbeddingException extends RuntimeException {
    public EmbeddingException(String message) {
        super(message);
    }
}
