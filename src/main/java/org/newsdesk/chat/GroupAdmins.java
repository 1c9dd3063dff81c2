package org.newsdesk.chat;

/**
 * Whether a user administers a group, as the transport knows it (Telegram: getChatMember). Without a transport
 * that can tell (the console), only the config's admins count as a group's administrators.
 */
@FunctionalInterface
public interface GroupAdmins {
    /** What the transport said. */
    enum Status { ADMIN, MEMBER, UNKNOWN }

    /** UNKNOWN when the transport could not be asked (it fails closed: nothing is changed). */
    Status of(long chatId, long userId);
}
