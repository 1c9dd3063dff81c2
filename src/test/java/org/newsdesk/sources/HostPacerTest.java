package org.newsdesk.sources;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostPacerTest {
    @Test
    void hostsWhoseSlotHasPassedAreForgotten() throws FetchException {
        // No pause between requests: each booked slot is already past when the next request comes.
        HostPacer pacer = new HostPacer(0);
        for (int i = 0; i < 100; i++) {
            pacer.await("host" + i + ".example", 0);
        }
        assertThat(pacer.trackedHosts()).isLessThanOrEqualTo(1);
    }

    @Test
    void aHostWithASlotAheadIsKept() throws FetchException {
        HostPacer pacer = new HostPacer(60_000);
        pacer.await("a.example", 0);
        pacer.await("b.example", 0);
        assertThat(pacer.trackedHosts()).isEqualTo(2);
    }
}
