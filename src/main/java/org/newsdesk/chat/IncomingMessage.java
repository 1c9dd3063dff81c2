package org.newsdesk.chat;

/**
 * A message as the conversation core sees it, whatever the transport.
 *
 * @param text       the message text, or null for a non-text message (photo, sticker, voice ...)
 * @param messageId  the transport's id for the message, used to quote it in a reply (0 if none)
 * @param replyToBot whether the message replies to one of the bot's own messages
 */
public record IncomingMessage(long chatId, long userId, ChatType chatType, String text, long messageId,
                              boolean replyToBot) {
    public static IncomingMessage privateText(long userId, String text) {
        return new IncomingMessage(userId, userId, ChatType.PRIVATE, text, 0, false);
    }

    public boolean hasText() {
        return text != null;
    }
}
