package org.newsdesk.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link NewsdeskConfig}: built-in defaults (the documented {@code config/newsdesk.yaml}, packed into the jar),
 * then the user's file, then {@code NEWSDESK_*} environment variables. Every error names the key or line.
 */
public final class ConfigLoader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    public static final String DEFAULT_FILE = "config/newsdesk.yaml";
    static final String ENV_PREFIX = "NEWSDESK_";
    /** Secrets that may only come from the environment, with the variable that carries them. */
    private static final Map<String, String> ENV_ONLY = Map.of("llm.api-key", "NEWSDESK_OPENAI_API_KEY",
            "index.embedding-api-key", "NEWSDESK_EMBEDDING_API_KEY",
            "telegram.token", "NEWSDESK_TELEGRAM_TOKEN", "telegram.webhook-secret", "NEWSDESK_TELEGRAM_WEBHOOK_SECRET",
            "solr.username", "NEWSDESK_SOLR_USERNAME", "solr.password", "NEWSDESK_SOLR_PASSWORD");

    private final ObjectMapper yaml;

    public ConfigLoader() {
        yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Loads with the process environment. {@code file} may be null: then {@code config/newsdesk.yaml} is used if present. */
    public NewsdeskConfig load(Path file) {
        return load(file, System.getenv());
    }

    public NewsdeskConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = defaults();
        Path userFile = file != null ? file : Path.of(DEFAULT_FILE);
        if (file != null && !Files.exists(file)) {
            throw new ConfigException("config file not found: " + file.toAbsolutePath());
        }
        if (Files.isRegularFile(userFile)) {
            JsonNode user = readFile(userFile);
            if (user != null && !user.isNull() && !user.isMissingNode()) {
                if (!user.isObject()) {
                    throw new ConfigException(userFile + ": expected a mapping of settings at the top level");
                }
                for (String secretKey : ENV_ONLY.keySet()) {
                    JsonNode given = at(user, secretKey);
                    // an empty value (as in an old copy of the defaults) carries no secret and is tolerated
                    boolean empty = given.isMissingNode() || given.isNull() || given.isTextual() && given.asText().isBlank();
                    if (!empty) {
                        throw new ConfigException(userFile + ": " + secretKey + " must not be in a file; set "
                                + ENV_ONLY.get(secretKey) + " in the environment instead");
                    }
                }
                merge(tree, (ObjectNode) user, "", userFile);
            }
        }
        Map<String, String> fromEnv = applyEnv(tree, env);
        for (String unknown : unknownEnv(env)) {
            // A typo (NEWSDESK_SEARCH_KK) would otherwise be ignored without a word; the name only, never the value.
            log.warn("{} is not a setting and is ignored (settings: NEWSDESK_ + the key path, e.g. NEWSDESK_SEARCH_K)",
                    unknown);
        }
        return bind(tree, Files.isRegularFile(userFile) ? userFile : null, fromEnv);
    }

    private ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/newsdesk.yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in defaults newsdesk.yaml missing from the classpath");
            }
            ObjectNode node = (ObjectNode) yaml.readTree(in);
            // Secrets have no default in the file but are valid keys.
            ((ObjectNode) node.get("llm")).putNull("api-key");
            ((ObjectNode) node.get("index")).putNull("embedding-api-key");
            ((ObjectNode) node.get("telegram")).putNull("token");
            ((ObjectNode) node.get("telegram")).putNull("webhook-secret");
            ((ObjectNode) node.get("solr")).putNull("username");
            ((ObjectNode) node.get("solr")).putNull("password");
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
    }

    private JsonNode readFile(Path file) {
        try {
            return yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new ConfigException(file + ": malformed YAML" + where + ": " + problemOnly(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML's message, one line: only its unindented lines (the problem), without the indented context lines
     * that quote the file, which may hold a secret (a token whose closing quote is missing).
     */
    static String problemOnly(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(line.strip());
        }
        return sb.toString();
    }

    /** Deep-merges {@code user} into {@code base}; an unknown key is an error naming it. */
    private static void merge(ObjectNode base, ObjectNode user, String prefix, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = prefix + e.getKey();
            JsonNode current = base.get(e.getKey());
            if (current == null) {
                throw new ConfigException(file + ": unknown setting '" + key + "'");
            }
            if (current.isObject() && key.equals("chats")) {
                base.set(e.getKey(), e.getValue()); // a map of chat ids, not of settings: taken whole
            } else if (current.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(file + ": '" + key + "' must be a mapping of settings");
                }
                merge((ObjectNode) current, (ObjectNode) e.getValue(), key + ".", file);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Every leaf key of the defaults can be overridden by NEWSDESK_KEY_PATH; lists are comma-separated. */
    private static Map<String, String> applyEnv(ObjectNode tree, Map<String, String> env) {
        Map<String, String> applied = new java.util.HashMap<>();
        for (String key : leafKeys(tree, "")) {
            String var = ENV_ONLY.getOrDefault(key, envName(key));
            String value = env.get(var);
            if (value == null) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            ObjectNode parent = dot < 0 ? tree : (ObjectNode) at(tree, key.substring(0, dot));
            String field = key.substring(dot + 1);
            if (parent.get(field) instanceof ArrayNode) {
                ArrayNode list = parent.putArray(field);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.trim());
                    }
                }
            } else {
                parent.set(field, TextNode.valueOf(value));
            }
            applied.put(key, var);
        }
        return applied;
    }

    /** The {@code NEWSDESK_*} variables that name no setting, sorted. */
    List<String> unknownEnv(Map<String, String> env) {
        // read by logback.xml, not settings
        java.util.Set<String> known = new java.util.HashSet<>(List.of("NEWSDESK_LOG_LEVEL", "NEWSDESK_LOG_FORMAT"));
        for (String key : leafKeys(defaults(), "")) {
            known.add(ENV_ONLY.getOrDefault(key, envName(key)));
        }
        return env.keySet().stream().filter(v -> v.startsWith(ENV_PREFIX) && !known.contains(v)).sorted().toList();
    }

    static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static List<String> leafKeys(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                keys.addAll(leafKeys(e.getValue(), prefix + e.getKey() + "."));
            } else {
                keys.add(prefix + e.getKey());
            }
        });
        return keys;
    }

    private static JsonNode at(JsonNode node, String dottedKey) {
        return node.at("/" + dottedKey.replace('.', '/'));
    }

    private NewsdeskConfig bind(ObjectNode tree, Path userFile, Map<String, String> fromEnv) {
        // the file when one was read; a value set by a variable is blamed on that variable below
        String where = userFile == null ? "settings" : userFile.toString();
        try {
            return yaml.treeToValue(tree, NewsdeskConfig.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw new ConfigException(origin(ce.getMessage(), userFile, fromEnv) + ce.getMessage(), ce);
            }
            throw new ConfigException(where + ": invalid setting " + path(e) + ": " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where + ": unknown setting '" + path(e) + "'");
        } catch (InvalidFormatException e) {
            // a bad value from the environment is named by its variable, not blamed on the file
            Object file = fromEnv.getOrDefault(path(e).replaceAll("\\[\\d+]$", ""), where);
            throw new ConfigException(file + ": setting '" + path(e) + "' has an invalid value '" + e.getValue()
                    + "' (expected " + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")");
        } catch (MismatchedInputException e) {
            Object file = fromEnv.getOrDefault(path(e).replaceAll("\\[\\d+]$", ""), where);
            throw new ConfigException(file + ": setting '" + path(e) + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": invalid configuration: " + e.getOriginalMessage());
        }
    }

    /**
     * Where a value a record rejected came from, as a message prefix: the {@code NEWSDESK_} variable that set its key
     * (the message starts with the key, "search.mode must be ..."), else the user's file, else nothing (the
     * built-in defaults are valid by construction, and a test hands in its own records).
     */
    static String origin(String message, Path userFile, Map<String, String> fromEnv) {
        String first = message == null ? "" : message.split("[ :]", 2)[0];
        for (Map.Entry<String, String> e : fromEnv.entrySet()) {
            if (first.equals(e.getKey()) || first.startsWith(e.getKey() + ".") || first.startsWith(e.getKey() + "[")) {
                return e.getValue() + ": ";
            }
        }
        return userFile == null ? "" : userFile + ": ";
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
