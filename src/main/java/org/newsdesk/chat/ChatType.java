package org.newsdesk.chat;

/** Where a message was written. */
public enum ChatType { PRIVATE, GROUP, SUPERGROUP, CHANNEL;

    public boolean isGroup() {
        return this == GROUP || this == SUPERGROUP;
    }
}
