package org.newsdesk.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed source is counted under the kind of its failure (newsdesk_source_fetch_errors_total{kind}). */
class OpsMetricsTest {
    @Test
    void fetchErrorsAreCountedByKind() {
        assertThat(OpsMetrics.fetchErrorKind("HTTP 503 (server error) from https://x/")).isEqualTo("http_5xx");
        assertThat(OpsMetrics.fetchErrorKind("HTTP 404 from https://x/")).isEqualTo("http_4xx");
        assertThat(OpsMetrics.fetchErrorKind("timed out connecting to or waiting for https://x/")).isEqualTo("timeout");
        assertThat(OpsMetrics.fetchErrorKind("cannot connect to x:80")).isEqualTo("network");
        assertThat(OpsMetrics.fetchErrorKind("disallowed by https://x/robots.txt for this user agent"))
                .isEqualTo("robots");
        assertThat(OpsMetrics.fetchErrorKind("refused: x resolves to the internal address 10.0.0.1"))
                .isEqualTo("refused");
        assertThat(OpsMetrics.fetchErrorKind("malformed feed at https://x/: bad")).isEqualTo("unreadable");
        assertThat(OpsMetrics.FETCH_ERROR_KINDS).contains(OpsMetrics.fetchErrorKind("something new"));
    }

}
