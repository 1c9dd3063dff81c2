package org.newsdesk.chat;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.desk.TopicAlerts;
import org.newsdesk.store.AlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * /follow &lt;topic&gt;, /following and /unfollow &lt;id&gt;: a chat's topic alerts (sent by {@link TopicAlerts} after
 * each sync). In a group only bot admins and the group's own administrators change them; anyone may list them.
 */
public final class AlertCommands {
    private static final Logger log = LoggerFactory.getLogger(AlertCommands.class);
    static final List<String> NAMES = List.of("follow", "following", "unfollow");
    public static final int MAX_TOPIC_CHARS = 100;

    private final TopicAlerts alerts;
    private final NewsdeskConfig.Chat settings;
    private final Clock clock;
    private volatile GroupAdmins groupAdmins;

    public AlertCommands(TopicAlerts alerts, NewsdeskConfig.Chat settings, Clock clock) {
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    public TopicAlerts alerts() {
        return alerts;
    }

    /** How the transport tells a group's administrators (null: only the config's admins). */
    public void setGroupAdmins(GroupAdmins admins) {
        this.groupAdmins = admins;
    }

    void handle(String name, String args, IncomingMessage m, Outbox outbox) {
        String reply = switch (name) {
            case "follow" -> follow(args, m);
            case "following" -> following(m.chatId());
            default -> unfollow(args, m);
        };
        outbox.send(OutgoingMessage.text(reply, m.messageId()));
    }

    private String follow(String args, IncomingMessage m) {
        String topic = args.strip().replaceAll("\\s+", " ");
        if (topic.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return "Usage: /follow <topic>, e.g. /follow OpenAI. After each sync you get the new articles about it; "
                    + "/following lists this chat's topics.";
        }
        if (topic.length() > MAX_TOPIC_CHARS) {
            return "A topic is at most " + MAX_TOPIC_CHARS + " characters (this one has " + topic.length()
                    + "); nothing changed.";
        }
        String refused = refusal(m, "follow");
        if (refused != null) {
            return refused;
        }
        AlertStore store = alerts.store();
        for (AlertStore.Topic t : store.topics(m.chatId())) {
            if (t.topic().equalsIgnoreCase(topic)) {
                return "This chat already follows “" + t.topic() + "” (id " + t.id() + "); nothing changed.";
            }
        }
        int max = alerts.limits().maxTopics();
        long id = store.add(m.chatId(), topic, max, clock.instant());
        if (id < 0) {
            return "This chat already follows " + max + " topics, the most it may (alerts.max-topics); /unfollow one "
                    + "first. Nothing changed.";
        }
        return "Following “" + topic + "” (id " + id + "). New articles about it come after each sync, at most "
                + alerts.limits().maxPerDay() + " alert messages a day; /unfollow " + id + " stops them.";
    }

    private String following(long chatId) {
        List<AlertStore.Topic> topics = alerts.store().topics(chatId);
        if (topics.isEmpty()) {
            return "This chat follows no topics. /follow <topic> adds one, e.g. /follow OpenAI.";
        }
        StringBuilder sb = new StringBuilder("Topics this chat follows:");
        for (AlertStore.Topic t : topics) {
            sb.append("\n").append(t.id()).append(" · ").append(t.topic());
        }
        return sb.append("\n/unfollow <id> removes one.").toString();
    }

    private String unfollow(String args, IncomingMessage m) {
        String a = args.strip();
        if (!a.matches("\\d{1,18}")) {
            return "Usage: /unfollow <id>, with an id that /following shows.";
        }
        String refused = refusal(m, "unfollow");
        if (refused != null) {
            return refused;
        }
        long id = Long.parseLong(a);
        String topic = alerts.store().topics(m.chatId()).stream().filter(t -> t.id() == id).map(AlertStore.Topic::topic)
                .findFirst().orElse(null);
        if (topic == null || !alerts.store().remove(m.chatId(), id)) {
            return "This chat follows no topic with id " + id + "; nothing changed. /following shows the ids.";
        }
        return "Unfollowed “" + topic + "”.";
    }

    /** Why {@code m}'s sender may not change the chat's topics, or null when they may. */
    private String refusal(IncomingMessage m, String command) {
        if (!m.chatType().isGroup() || settings.isAdmin(m.userId())) {
            return null;
        }
        GroupAdmins admins = groupAdmins;
        GroupAdmins.Status s = admins == null ? GroupAdmins.Status.MEMBER : admins.of(m.chatId(), m.userId());
        return switch (s) {
            case ADMIN -> null;
            case MEMBER -> {
                log.info("Refused /{} from user {} in group {}: not an administrator", command, m.userId(), m.chatId());
                yield "In a group only its administrators change the followed topics; nothing changed.";
            }
            case UNKNOWN -> "I could not ask Telegram whether you administer this group, so nothing changed. Try "
                    + "again in a minute.";
        };
    }
}
