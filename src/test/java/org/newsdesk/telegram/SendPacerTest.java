package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SendPacerTest {
    @Test
    void oneMessagePerSecondPerChat() {
        AtomicLong now = new AtomicLong(10_000);
        SendPacer pacer = new SendPacer(1000, 20, now::get);
        assertThat(pacer.reserve(1, false)).isZero();
        assertThat(pacer.reserve(1, false)).isEqualTo(1000);
        assertThat(pacer.reserve(1, false)).isEqualTo(2000);
        assertThat(pacer.reserve(2, false)).as("other chats are independent").isZero();
        now.addAndGet(5000);
        assertThat(pacer.reserve(1, false)).isZero();
    }

    @Test
    void twentyPerMinuteInAGroup() {
        AtomicLong now = new AtomicLong(0);
        SendPacer pacer = new SendPacer(1000, 20, now::get);
        long last = 0;
        for (int i = 0; i < 20; i++) {
            last = pacer.reserve(-5, true);
        }
        assertThat(last).isEqualTo(19_000);
        // the 21st waits until the first leaves the one-minute window
        assertThat(pacer.reserve(-5, true)).isEqualTo(60_000);
        // a private chat is not limited per minute
        for (int i = 0; i < 30; i++) {
            last = pacer.reserve(9, false);
        }
        assertThat(last).isEqualTo(29_000);
    }

    @Test
    void chatsWithNothingBookedAreForgotten() {
        AtomicLong now = new AtomicLong(0);
        SendPacer pacer = new SendPacer(1000, 20, now::get);
        for (long chat = 1; chat <= 3000; chat++) {
            pacer.reserve(chat, chat % 2 == 0);
        }
        assertThat(pacer.size()).isEqualTo(3000);
        now.addAndGet(120_000);
        for (int i = 0; i < 1024; i++) {
            pacer.reserve(-1 - i % 5, true);
        }
        assertThat(pacer.size()).as("only the chats booked in the last minute").isLessThanOrEqualTo(5);
        // a forgotten chat is paced afresh
        assertThat(pacer.reserve(7, false)).isZero();
    }
}
