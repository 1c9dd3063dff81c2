package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendPacerTest {
    @Test
    void oneMessagePerSecondPerChatCountedFromCompletion() {
        SendPacer pacer = new SendPacer(1000, 20);
        assertThat(pacer.earliest(1, false, 10_000)).isEqualTo(10_000);
        pacer.sent(1, false, 10_040); // the request took 40 ms
        assertThat(pacer.earliest(1, false, 10_050)).isEqualTo(11_040);
        assertThat(pacer.earliest(2, false, 10_050)).as("other chats are independent").isEqualTo(10_050);
        assertThat(pacer.earliest(1, false, 15_000)).isEqualTo(15_000);
    }

    @Test
    void twentyPerMinuteInAGroup() {
        SendPacer pacer = new SendPacer(1000, 20);
        long t = 0;
        for (int i = 0; i < 20; i++) {
            t = pacer.earliest(-5, true, t);
            pacer.sent(-5, true, t);
        }
        assertThat(t).isEqualTo(19_000);
        // the 21st waits until the first leaves the one-minute window
        assertThat(pacer.earliest(-5, true, 20_000)).isEqualTo(60_000);
        // a private chat is not limited per minute
        t = 0;
        for (int i = 0; i < 30; i++) {
            t = pacer.earliest(9, false, t);
            pacer.sent(9, false, t);
        }
        assertThat(t).isEqualTo(29_000);
    }

    @Test
    void chatsWithNothingSentLatelyAreForgotten() {
        SendPacer pacer = new SendPacer(1000, 20);
        for (long chat = 1; chat <= 3000; chat++) {
            pacer.sent(chat, chat % 2 == 0, 0);
        }
        assertThat(pacer.size()).isEqualTo(3000);
        for (int i = 0; i < 1024; i++) {
            pacer.sent(-1 - i % 5, true, 120_000);
        }
        assertThat(pacer.size()).as("only the chats that sent in the last minute").isLessThanOrEqualTo(5);
        // a forgotten chat is paced afresh
        assertThat(pacer.earliest(7, false, 120_000)).isEqualTo(120_000);
    }
}
