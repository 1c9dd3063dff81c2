package org.newsdesk.telegram;

/** The bot could not start; the message is one redacted line for the user, the exit code what the CLI returns. */
public final class BotStartException extends RuntimeException {
    private final int exitCode;

    public BotStartException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
