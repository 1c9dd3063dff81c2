package org.newsdesk.config;

/** A configuration problem; the message names the setting (and line, where there is one) and never contains a secret. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
