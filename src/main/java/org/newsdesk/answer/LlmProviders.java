package org.newsdesk.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the {@link LlmComposer} for {@code answer.provider} openai or ollama, checking the settings first: a
 * missing API key for OpenAI's own endpoint, a malformed or unreachable {@code llm.base-url} is one
 * {@link ConfigException} naming the setting (never the key).
 */
public final class LlmProviders {
    public static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    public static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
    public static final String API_KEY_ENV = "NEWSDESK_OPENAI_API_KEY";
    /** Sent to OpenAI-compatible servers that need no key (vLLM, llama.cpp, LM Studio accept any). */
    static final String NO_KEY = "not-needed";
    static final int CONNECT_CHECK_MS = 2000;

    private LlmProviders() {
    }

    public static LlmComposer create(String provider, NewsdeskConfig.Llm llm, AnswerComposer extractive, Clock clock) {
        return create(provider, llm, () -> extractive, clock);
    }

    /**
     * As {@link #create(String, NewsdeskConfig.Llm, AnswerComposer, Clock)}, checking the settings before the
     * fallback composer (which loads the embedding model) is made: a configuration error is reported at once.
     */
    public static LlmComposer create(String provider, NewsdeskConfig.Llm llm,
                                     java.util.function.Supplier<AnswerComposer> extractive, Clock clock) {
        Duration timeout = Duration.ofSeconds(llm.timeoutSeconds());
        String configured = llm.baseUrl() == null ? "" : llm.baseUrl().strip();
        switch (provider) {
            case "openai" -> {
                String baseUrl = configured.isEmpty() ? OPENAI_DEFAULT_URL : stripSlash(configured);
                boolean hasKey = llm.apiKey() != null && !llm.apiKey().isBlank();
                if (!hasKey && baseUrl.equals(OPENAI_DEFAULT_URL)) {
                    throw new ConfigException("answer.provider is openai but no API key is set: set " + API_KEY_ENV
                            + " in the environment, or point llm.base-url at an OpenAI-compatible server");
                }
                if (!configured.isEmpty()) {
                    requireReachable(baseUrl);
                }
                String key = hasKey ? llm.apiKey() : NO_KEY;
                ChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key).modelName(llm.model())
                        .temperature(llm.temperature()).maxTokens(llm.maxTokens()).timeout(timeout).maxRetries(0)
                        .logRequests(false).logResponses(false).build();
                StreamingChatModel streaming = !llm.stream() ? null : OpenAiStreamingChatModel.builder()
                        .baseUrl(baseUrl).apiKey(key).modelName(llm.model()).temperature(llm.temperature())
                        .maxTokens(llm.maxTokens()).timeout(timeout).logRequests(false).logResponses(false).build();
                return new LlmComposer("openai", model, streaming, llm, extractive.get(), clock);
            }
            case "ollama" -> {
                String baseUrl = configured.isEmpty() ? OLLAMA_DEFAULT_URL : stripSlash(configured);
                requireReachable(baseUrl);
                ChatModel model = OllamaChatModel.builder().baseUrl(baseUrl).modelName(llm.model())
                        .temperature(llm.temperature()).numPredict(llm.maxTokens()).timeout(timeout).maxRetries(0)
                        .build();
                StreamingChatModel streaming = !llm.stream() ? null : OllamaStreamingChatModel.builder()
                        .baseUrl(baseUrl).modelName(llm.model()).temperature(llm.temperature())
                        .numPredict(llm.maxTokens()).timeout(timeout).build();
                return new LlmComposer("ollama", model, streaming, llm, extractive.get(), clock);
            }
            default -> throw new ConfigException("answer.provider must be one of extractive, openai, ollama (was '"
                    + provider + "')");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A TCP connection to the base URL's host and port must succeed: a wrong URL is reported at start. */
    static void requireReachable(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new ConfigException("llm.base-url '" + baseUrl + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException("llm.base-url '" + baseUrl + "' must be an http:// or https:// URL with a host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_CHECK_MS);
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.SocketTimeoutException ? "no answer in " + CONNECT_CHECK_MS + " ms"
                    : e instanceof java.net.UnknownHostException ? "unknown host" : e.getClass().getSimpleName();
            throw new ConfigException("llm.base-url " + baseUrl + " is unreachable (" + why
                    + "): start the server or correct llm.base-url");
        }
    }
}
