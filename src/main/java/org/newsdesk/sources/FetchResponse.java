package org.newsdesk.sources;

/**
 * A completed fetch: the body of a 2xx answer, or {@code notModified} for a 304 to a conditional request.
 *
 * @param url          the URL finally answered, after redirects
 * @param contentType  the Content-Type header, or "" when absent
 * @param etag         validators to send next time (null when the server gave none)
 */
public record FetchResponse(String url, int status, String contentType, byte[] body, String etag,
                            String lastModified) {
    public boolean notModified() {
        return status == 304;
    }
}
