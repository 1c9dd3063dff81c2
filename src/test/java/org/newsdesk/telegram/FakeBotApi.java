package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.newsdesk.testkit.LocalHttpServer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local fake of the Telegram Bot API for end-to-end tests with the real TelegramBots client: serves
 * {@code /bot<token>/<method>} on 127.0.0.1 (methods routed case-insensitively, as the client sends some in lower
 * case), records every request, queues updates for getUpdates (honouring offset; updates are kept, as if the bot
 * had crashed before confirming them), and can fail the next calls of a method with 429/5xx/403.
 */
final class FakeBotApi implements AutoCloseable {
    static final long BOT_ID = 7_000_001;
    static final String BOT_USERNAME = "NewsdeskBot";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call: lower-case method name, its parameters, and when it arrived. */
    record Call(String method, Map<String, Object> params, long atMillis) {
        String text() {
            Object t = params.get("text");
            return t == null ? null : t.toString();
        }

        long chatId() {
            return Long.parseLong(String.valueOf(params.get("chat_id")));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            return (Map<String, Object>) params.get(key);
        }
    }

    /** {@code page}: answer with a proxy's HTML page instead of Telegram's JSON error. */
    private record Failure(int code, Integer retryAfter, boolean page) {
        Failure(int code, Integer retryAfter) {
            this(code, retryAfter, false);
        }
    }

    private final String token;
    private final LocalHttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<Map<String, Object>> updates = new ArrayList<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(1000);
    private final AtomicInteger incomingIds = new AtomicInteger(1);
    private int nextUpdateId = 1;
    /** Methods this fake pretends not to have (answered with an HTML 404 page, as a third-party emulator might). */
    private final java.util.Set<String> missing = new java.util.HashSet<>();
    /** Per chat: the next sendMessage calls fail like this. */
    private final Map<Long, Deque<Failure>> chatFailures = new HashMap<>();
    /** While true, sendMessage requests wait unrecorded; released ones are served, dropped ones never recorded. */
    private boolean holdSends;
    private int held;
    private int dropGeneration;
    /** getUpdates requests wait this long before answering (a stalled connection). */
    private volatile long pollHangMs;
    /** While true, every call is answered 502 Bad Gateway (Telegram's JSON) and not recorded in {@link #calls}. */
    private volatile boolean outage;
    /** Calls refused by the outage, by lower-case method. */
    private final Map<String, AtomicInteger> refusedInOutage = new java.util.concurrent.ConcurrentHashMap<>();
    /** getChatMember statuses by "chat:user" (absent: "member"). */
    private final Map<String, String> memberStatus = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every sendMessage/editMessageText request that reached the server (refused or not): chat and arrival time. */
    private final List<long[]> messageRequests = new ArrayList<>();

    FakeBotApi(String token) {
        this.token = token;
        server = new LocalHttpServer("fake-bot-api");
        server.streamPrefix("/", this::serve);
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- queueing updates --------------------------------------------------------------------------------

    /** Queues an update (the update_id is assigned) and returns its id. */
    synchronized int queue(String kind, Map<String, Object> payload) {
        Map<String, Object> u = new LinkedHashMap<>();
        int id = nextUpdateId++;
        u.put("update_id", id);
        u.put(kind, payload);
        updates.add(u);
        notifyAll();
        return id;
    }

    static Map<String, Object> user(long id) {
        return Map.of("id", id, "is_bot", false, "first_name", "User" + id);
    }

    static Map<String, Object> botUser() {
        return Map.of("id", BOT_ID, "is_bot", true, "first_name", "Newsdesk", "username", BOT_USERNAME);
    }

    static Map<String, Object> chat(long chatId) {
        return chatId > 0 ? Map.of("id", chatId, "type", "private", "first_name", "User" + chatId)
                : Map.of("id", chatId, "type", chatId < -1_000_000_000L ? "supergroup" : "group", "title", "Group");
    }

    /** A message from {@code userId} in {@code chatId}; returns its message_id. Extra fields are merged in. */
    int message(long chatId, long userId, String text, Map<String, Object> extra) {
        int messageId = incomingIds.getAndIncrement();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", messageId);
        m.put("date", (int) (System.currentTimeMillis() / 1000));
        m.put("chat", chat(chatId));
        m.put("from", user(userId));
        if (text != null) {
            m.put("text", text);
        }
        m.putAll(extra);
        queue("message", m);
        return messageId;
    }

    int text(long chatId, long userId, String text) {
        return message(chatId, userId, text, Map.of());
    }

    /** A reply in a group to the bot's message {@code botMessageId}. */
    int replyToBot(long chatId, long userId, String text, int botMessageId) {
        Map<String, Object> replied = new LinkedHashMap<>();
        replied.put("message_id", botMessageId);
        replied.put("date", (int) (System.currentTimeMillis() / 1000));
        replied.put("chat", chat(chatId));
        replied.put("from", botUser());
        replied.put("text", "an earlier answer");
        return message(chatId, userId, text, Map.of("reply_to_message", replied));
    }

    int sticker(long chatId, long userId) {
        return message(chatId, userId, null, Map.of("sticker", Map.of("file_id", "CAAD", "file_unique_id", "AgAD",
                "type", "regular", "width", 512, "height", 512, "is_animated", false, "is_video", false)));
    }

    int callback(long chatId, long userId, int messageId, String data) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("message_id", messageId);
        msg.put("date", (int) (System.currentTimeMillis() / 1000));
        msg.put("chat", chat(chatId));
        msg.put("from", botUser());
        msg.put("text", "an answer");
        Map<String, Object> cb = new LinkedHashMap<>();
        cb.put("id", "cb" + incomingIds.getAndIncrement());
        cb.put("from", user(userId));
        cb.put("chat_instance", "ci" + chatId);
        cb.put("data", data);
        cb.put("message", msg);
        return queue("callback_query", cb);
    }

    int inline(long userId, String query) {
        return queue("inline_query", Map.of("id", inlineId(), "from", user(userId), "query", query, "offset", ""));
    }

    /** Queues an inline query and returns its inline query id (what answerInlineQuery names). */
    String inlineQuery(long userId, String query) {
        String id = inlineId();
        queue("inline_query", Map.of("id", id, "from", user(userId), "query", query, "offset", ""));
        return id;
    }

    private String inlineId() {
        return "iq" + incomingIds.getAndIncrement();
    }

    // ---- failures and inspection -------------------------------------------------------------------------

    /** getChatMember answers {@code status} ("creator", "administrator", "member", ...) for this user in this chat. */
    void memberStatus(long chatId, long userId, String status) {
        memberStatus.put(chatId + ":" + userId, status);
    }

    /** These methods answer with an HTML "404 Not Found" page (not the Bot API's JSON), as an emulator lacking them. */
    synchronized void missing(String... methods) {
        for (String m : methods) {
            missing.add(m.toLowerCase(Locale.ROOT));
        }
    }

    /** The next {@code n} sendMessage calls to {@code chatId} fail with {@code code}. */
    synchronized void failChat(long chatId, int n, int code, Integer retryAfter) {
        Deque<Failure> q = chatFailures.computeIfAbsent(chatId, k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            q.add(new Failure(code, retryAfter));
        }
    }

    /** Holds sendMessage requests (unrecorded) until {@link #release} or {@link #dropHeld}. */
    synchronized void hold() {
        holdSends = true;
    }

    /** Serves the held requests (and later ones) normally. */
    synchronized void release() {
        holdSends = false;
        notifyAll();
    }

    /** The held requests never reach "Telegram": they are not recorded (their sender was killed). */
    synchronized void dropHeld() {
        dropGeneration++;
        holdSends = false;
        notifyAll();
    }

    /** sendMessage requests waiting now. */
    synchronized int held() {
        return held;
    }

    /** Starts or ends an outage: every call answered 502, as Telegram does for minutes at times. */
    void outage(boolean on) {
        outage = on;
    }

    /** Calls of {@code method} refused by outages so far. */
    int refusedInOutage(String method) {
        AtomicInteger n = refusedInOutage.get(method.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** Every message request (sendMessage, editMessageText) that arrived, refused or not: {chat id, arrival ms}. */
    synchronized List<long[]> messageRequests() {
        return List.copyOf(messageRequests);
    }

    /** Makes getUpdates hang this long before answering (0 = normal). */
    void hangPolls(long ms) {
        pollHangMs = ms;
    }

    /** Waits until {@code n} sendMessage requests are held. */
    void awaitHeld(int n, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (this) {
            while (held < n) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + n + " held sendMessage calls; held " + held);
                }
                wait(Math.min(left, 100));
            }
        }
    }

    /** The next {@code n} calls of {@code method} fail with {@code code} (429 with {@code retryAfter} seconds). */
    synchronized void failNext(String method, int n, int code, Integer retryAfter) {
        Deque<Failure> q = failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            q.add(new Failure(code, retryAfter));
        }
    }

    /** The next {@code n} calls of {@code method} get an HTML error page with {@code code}, as from a proxy. */
    synchronized void failNextWithPage(String method, int n, int code) {
        Deque<Failure> q = failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            q.add(new Failure(code, null, true));
        }
    }

    synchronized List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(m)).toList();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits until {@code count} calls of {@code method} match, returning them. */
    List<Call> await(String method, Predicate<Call> filter, int count, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        String m = method.toLowerCase(Locale.ROOT);
        synchronized (this) {
            while (true) {
                List<Call> found = calls.stream().filter(c -> c.method().equals(m)).filter(filter).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + count + " " + method + " calls; got "
                            + found.size() + "; all calls: " + calls.stream().map(Call::method).toList());
                }
                wait(Math.min(left, 100));
            }
        }
    }

    Call awaitOne(String method, Predicate<Call> filter) throws InterruptedException {
        return await(method, filter, 1, Duration.ofSeconds(30)).get(0);
    }

    // ---- serving -----------------------------------------------------------------------------------------

    private void serve(LocalHttpServer.Request request, HttpExchange ex) throws IOException {
        try (ex) {
            String path = request.path();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                reply(ex, 401, error(401, "Unauthorized", null));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Map<String, Object> params = params(request);
            if (method.equals("sendmessage") || method.equals("editmessagetext")) {
                synchronized (this) {
                    messageRequests.add(new long[]{params.get("chat_id") == null ? 0
                            : Long.parseLong(String.valueOf(params.get("chat_id"))), System.currentTimeMillis()});
                }
            }
            if (outage) {
                refusedInOutage.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
                reply(ex, 502, error(502, "Bad Gateway", null));
                return;
            }
            Failure failure;
            synchronized (this) {
                if (method.equals("sendmessage") && holdSends) {
                    int generation = dropGeneration;
                    held++;
                    notifyAll();
                    while (holdSends && generation == dropGeneration) {
                        wait(50);
                    }
                    held--;
                    if (generation != dropGeneration) {
                        return; // dropped: never reached Telegram
                    }
                }
                calls.add(new Call(method, params, System.currentTimeMillis()));
                notifyAll();
                if (missing.contains(method)) {
                    LocalHttpServer.send(ex, LocalHttpServer.Response.of(404, "text/html",
                            "<html><body><h1>404 Not Found</h1></body></html>"));
                    return;
                }
                Deque<Failure> q = failures.get(method);
                failure = q == null ? null : q.poll();
                if (failure == null && method.equals("sendmessage") && params.get("chat_id") != null) {
                    Deque<Failure> cq = chatFailures.get(Long.parseLong(String.valueOf(params.get("chat_id"))));
                    failure = cq == null ? null : cq.poll();
                }
            }
            if (failure != null && failure.page()) {
                LocalHttpServer.send(ex, LocalHttpServer.Response.of(failure.code(), "text/html",
                        "<html><body><h1>" + failure.code() + " Bad Gateway</h1></body></html>"));
                return;
            }
            if (failure != null) {
                String description = switch (failure.code()) {
                    case 429 -> "Too Many Requests: retry after " + failure.retryAfter();
                    case 403 -> "Forbidden: bot was blocked by the user";
                    default -> "Internal Server Error";
                };
                reply(ex, failure.code(), error(failure.code(), description, failure.retryAfter()));
                return;
            }
            Object result = switch (method) {
                case "getme" -> botUser();
                case "getchatmember" -> member(params);
                case "getupdates" -> updates(params);
                case "sendmessage", "editmessagetext" -> sentMessage(method, params);
                case "sendchataction", "answercallbackquery", "answerinlinequery", "setmycommands", "deletewebhook",
                     "setwebhook" -> true;
                default -> null;
            };
            if (result == null) {
                reply(ex, 404, error(404, "Not Found: method not found", null));
                return;
            }
            reply(ex, 200, Map.of("ok", true, "result", result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Map<String, Object>> updates(Map<String, Object> params) throws InterruptedException {
        long offset = params.get("offset") == null ? 0 : Long.parseLong(params.get("offset").toString());
        long timeoutS = params.get("timeout") == null ? 0 : Long.parseLong(params.get("timeout").toString());
        long deadline = System.currentTimeMillis() + Math.min(timeoutS, 2) * 1000;
        if (pollHangMs > 0) {
            Thread.sleep(pollHangMs);
        }
        synchronized (this) {
            while (true) {
                List<Map<String, Object>> out = updates.stream()
                        .filter(u -> ((Integer) u.get("update_id")) >= offset).limit(100).toList();
                long left = deadline - System.currentTimeMillis();
                if (!out.isEmpty() || left <= 0) {
                    return out;
                }
                wait(left);
            }
        }
    }

    /** A ChatMember: "member" unless {@link #memberStatus} said otherwise; an administrator with all its rights. */
    private Map<String, Object> member(Map<String, Object> params) {
        long userId = Long.parseLong(String.valueOf(params.get("user_id")));
        String status = memberStatus.getOrDefault(params.get("chat_id") + ":" + userId, "member");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("user", user(userId));
        if (status.equals("administrator")) {
            for (String right : List.of("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                    "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
                    "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")) {
                m.put(right, true);
            }
        } else if (status.equals("creator")) {
            m.put("is_anonymous", false);
        }
        return m;
    }

    private Map<String, Object> sentMessage(String method, Map<String, Object> params) {
        long chatId = Long.parseLong(String.valueOf(params.get("chat_id")));
        Map<String, Object> m = new LinkedHashMap<>();
        Object id = method.equals("editmessagetext") ? params.get("message_id") : messageIds.incrementAndGet();
        m.put("message_id", id);
        m.put("date", (int) (System.currentTimeMillis() / 1000));
        m.put("chat", chat(chatId));
        m.put("from", botUser());
        m.put("text", params.get("text"));
        return m;
    }

    private static Map<String, Object> error(int code, String description, Integer retryAfter) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ok", false);
        e.put("error_code", code);
        e.put("description", description);
        if (retryAfter != null) {
            e.put("parameters", Map.of("retry_after", retryAfter));
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(LocalHttpServer.Request request) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = request.query();
        if (query != null) {
            params.putAll(form(query));
        }
        byte[] body = request.body();
        String type = request.header("Content-Type");
        if (body.length > 0) {
            String s = new String(body, StandardCharsets.UTF_8);
            if (type != null && type.contains("json")) {
                params.putAll(JSON.readValue(s, Map.class));
            } else if (type != null && type.startsWith("multipart/form-data")) {
                params.putAll(multipart(s, type.substring(type.indexOf("boundary=") + 9).replace("\"", "")));
            } else {
                params.putAll(form(s));
            }
        }
        return params;
    }

    /** Text fields of a multipart/form-data body (what the client uses for setWebhook). */
    private static Map<String, Object> multipart(String body, String boundary) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(part);
            if (split < 0 || !name.find() || name.start() > split) {
                continue;
            }
            String value = part.substring(split + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            out.put(name.group(1), value);
        }
        return out;
    }

    private static Map<String, Object> form(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        LocalHttpServer.send(ex, LocalHttpServer.Response.of(status, "application/json", JSON.writeValueAsBytes(body)));
    }
}
