package org.newsdesk.chat;

import org.newsdesk.answer.Citation;

/**
 * What pressing a button under an answer does.
 *
 * @param notice the short notice shown to the presser (Telegram: the answerCallbackQuery toast); never null
 * @param alert  whether the notice should be shown as a dialog rather than a toast
 * @param source the cited passage to show in the chat (a "[n]" button), or null
 */
public record CallbackResult(String notice, boolean alert, Citation source) {
    public static CallbackResult notice(String text, boolean alert) {
        return new CallbackResult(text, alert, null);
    }
}
