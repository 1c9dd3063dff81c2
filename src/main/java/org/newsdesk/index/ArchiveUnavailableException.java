package org.newsdesk.index;

/**
 * The index cannot be reached right now (a SolrCloud node or the whole cluster is down, a request timed out). Users
 * are told the archive is temporarily unavailable; the cause goes to the admins' log. Nothing needs restarting: the
 * next question tries again.
 */
public class ArchiveUnavailableException extends IndexException {
    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
