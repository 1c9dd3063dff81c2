package org.newsdesk.desk;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.ScopeStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of the archive each chat may see (per-chat archives). A chat's sources come from /scope (stored) or
 * else from the config's {@code chats}; a chat with neither sees every source not marked {@code private: true}. The
 * result is a set of origins ({@code PassageDocuments.ORIGIN}) that the search filters on, or null when nothing is
 * restricted at all (no private source, no restricted chat: the filter costs nothing).
 */
public final class ChatScopes {
    private final NewsdeskConfig config;
    private final ScopeStore store;

    public ChatScopes(NewsdeskConfig config, Database db) {
        this.config = config;
        this.store = new ScopeStore(db);
    }

    public ScopeStore store() {
        return store;
    }

    /** The source names a chat may use: its own list, or empty for "unrestricted". */
    public Optional<List<String>> restriction(long chatId) {
        Optional<List<String>> stored = store.get(chatId);
        if (stored.isPresent()) {
            List<String> names = stored.get();
            return names.contains(ScopeStore.ALL) ? Optional.empty() : Optional.of(names);
        }
        NewsdeskConfig.ChatAccess access = config.chats().get(String.valueOf(chatId));
        return access == null ? Optional.empty() : Optional.of(access.sources());
    }

    /** The origins the chat's searches are filtered on, or null for no filter. */
    public Set<String> originsOf(long chatId) {
        Optional<List<String>> r = restriction(chatId);
        if (r.isPresent()) {
            return origins(r.get());
        }
        return publicOrigins();
    }

    /**
     * The origins of inline answers. An inline query does not say which chat its answer will be posted in, so it
     * gets only what every chat may see: the public sources, less any a restricted chat may not see.
     */
    public Set<String> inlineOrigins() {
        Set<String> common = publicOrigins();
        List<List<String>> restricted = new ArrayList<>();
        config.chats().values().forEach(a -> restricted.add(a.sources()));
        Map<Long, List<String>> stored = store.all();
        stored.values().stream().filter(l -> !l.contains(ScopeStore.ALL)).forEach(restricted::add);
        if (restricted.isEmpty()) {
            return common;
        }
        Set<String> out = new TreeSet<>(common == null ? allOrigins() : common);
        for (List<String> names : restricted) {
            out.retainAll(origins(names));
        }
        return out;
    }

    /** The names (sources, "corpus", "added") among {@code names} that are not known, in the order given. */
    public List<String> unknown(List<String> names) {
        Set<String> known = config.originNames();
        return names.stream().filter(n -> !known.contains(n)).distinct().toList();
    }

    /** Restricts the chat to {@code names} (all known: see {@link #unknown}); null or empty for "all". */
    public void set(long chatId, List<String> names, Instant at) {
        store.put(chatId, names == null || names.isEmpty() ? List.of(ScopeStore.ALL)
                : List.copyOf(new LinkedHashSet<>(names)), at);
    }

    /** Every name a chat can be given, and which of them are private. */
    public String describeNames() {
        List<String> out = new ArrayList<>();
        for (String name : config.originNames()) {
            out.add(isPrivate(name) ? name + " (private)" : name);
        }
        return String.join(", ", out);
    }

    private boolean isPrivate(String name) {
        return config.sources().stream().anyMatch(s -> s.name().equals(name) && s.restricted());
    }

    /** Every public origin, or null when no source is private (nothing to filter). */
    private Set<String> publicOrigins() {
        if (config.sources().stream().noneMatch(NewsdeskConfig.Source::restricted)) {
            return null;
        }
        Set<String> out = allOrigins();
        for (NewsdeskConfig.Source s : config.sources()) {
            if (s.restricted()) {
                out.remove(config.originOf(s));
            }
        }
        return out;
    }

    private Set<String> allOrigins() {
        Set<String> out = new TreeSet<>();
        out.add(NewsdeskConfig.CORPUS_ORIGIN);
        out.add("added");
        config.sources().forEach(s -> out.add(config.originOf(s)));
        return out;
    }

    /** Source names as origins; a name no longer configured gives nothing (a chat sees less, never more). */
    private Set<String> origins(List<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (n.equals(NewsdeskConfig.CORPUS_ORIGIN) || n.equals("added")) {
                out.add(n);
            } else {
                config.sources().stream().filter(s -> s.name().equals(n)).findFirst()
                        .ifPresent(s -> out.add(config.originOf(s)));
            }
        }
        return out;
    }
}
