package org.newsdesk.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.newsdesk.bench.HashingEmbeddingModel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddings server on 127.0.0.1 speaking OpenAI's {@code POST /v1/embeddings} and Ollama's {@code POST /api/embed},
 * for tests with the real LangChain4j clients. Vectors are deterministic: the hashing model's vector of each text
 * (words shared between texts make their vectors close), deliberately not unit length, so the client's
 * normalisation is exercised. Failures are scripted as a queue of statuses served before normal replies; every
 * request is recorded with its arrival time and the most requests seen in flight at once.
 */
public final class FakeEmbeddingServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded request: path, Authorization header, model, the texts, and when it arrived (nanoTime). */
    public record Request(String path, String authorization, String model, List<String> inputs, long arrivedNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-embeddings");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile int dimensions;
    private volatile long delayMs;
    private volatile int failAlways;
    private volatile boolean echoAuthorization;
    private volatile boolean malformed;

    public FakeEmbeddingServer(int dimensions) throws IOException {
        this.dimensions = dimensions;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/embeddings", ex -> handle(ex, false));
        server.createContext("/api/embed", ex -> handle(ex, true));
        server.setExecutor(executor);
        server.start();
    }

    public String openAiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String ollamaUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests fail with these statuses, in order. */
    public FakeEmbeddingServer failNext(Integer... statuses) {
        failures.addAll(List.of(statuses));
        return this;
    }

    /** Every request fails with this status from now on (0: none do). */
    public FakeEmbeddingServer failAlways(int status) {
        this.failAlways = status;
        return this;
    }

    /** The vector size the server answers with from now on. */
    public FakeEmbeddingServer dimensions(int dimensions) {
        this.dimensions = dimensions;
        return this;
    }

    public FakeEmbeddingServer delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    /** Error bodies repeat the Authorization header, as careless servers do. */
    public FakeEmbeddingServer echoAuthorization() {
        this.echoAuthorization = true;
        return this;
    }

    /** Replies are cut off mid-JSON from now on. */
    public FakeEmbeddingServer malformed() {
        this.malformed = true;
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The vector the server gives {@code text} at {@code dims} dimensions, before the client normalises it. */
    public static float[] rawVector(String text, int dims) {
        float[] v = new HashingEmbeddingModel(dims, 7).vector(text);
        for (int i = 0; i < v.length; i++) {
            v[i] *= 3; // not unit length: the client must normalise
        }
        return v;
    }

    private void handle(HttpExchange ex, boolean ollama) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (ex) {
            long arrived = System.nanoTime();
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            List<String> inputs = new ArrayList<>();
            JsonNode input = body.path("input");
            if (input.isArray()) {
                input.forEach(n -> inputs.add(n.asText()));
            } else {
                inputs.add(input.asText());
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(ex.getRequestURI().getPath(), auth, body.path("model").asText(), inputs, arrived));
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            Integer failure = failures.poll();
            if (failure == null && failAlways > 0) {
                failure = failAlways;
            }
            if (failure != null) {
                String message = "scripted failure " + failure + (echoAuthorization ? " for credentials " + auth : "");
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", message).put("type", failure == 400 ? "invalid_request_error" : "server_error");
                send(ex, failure, error.toString());
                return;
            }
            if (malformed) {
                send(ex, 200, "{\"object\": \"list\", \"data\": [ {\"embedding\": [0.1, ");
                return;
            }
            int dims = dimensions;
            ObjectNode reply = JSON.createObjectNode();
            if (ollama) {
                reply.put("model", body.path("model").asText());
                ArrayNode embeddings = reply.putArray("embeddings");
                for (String text : inputs) {
                    ArrayNode v = embeddings.addArray();
                    for (float x : rawVector(text, dims)) {
                        v.add(x);
                    }
                }
            } else {
                if (!body.path("encoding_format").isMissingNode() && !body.path("encoding_format").isNull()
                        && !"float".equals(body.path("encoding_format").asText())) {
                    send(ex, 400, "{\"error\":{\"message\":\"fake server only speaks float\"}}");
                    return;
                }
                reply.put("object", "list").put("model", body.path("model").asText());
                ArrayNode data = reply.putArray("data");
                for (int i = 0; i < inputs.size(); i++) {
                    ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                    ArrayNode v = item.putArray("embedding");
                    for (float x : rawVector(inputs.get(i), dims)) {
                        v.add(x);
                    }
                }
                int tokens = inputs.stream().mapToInt(s -> s.split("\\s+").length).sum();
                reply.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
            }
            send(ex, 200, reply.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (timeout): nothing to do
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
