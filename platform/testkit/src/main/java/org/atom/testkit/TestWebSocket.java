package org.atom.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A plain WebSocket client for tests ({@link java.net.http.WebSocket}): keeps every text message (a message split
 * over several frames is joined), lets a test wait for a message or for the server's close, and keeps why the
 * handshake failed instead of throwing, so a refusal can be asserted like a success.
 */
public final class TestWebSocket implements AutoCloseable {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** A Close frame: its status code and reason. */
    public record Close(int code, String reason) {}

    private final URI uri;
    private final Object lock = new Object();
    private final List<String> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Throwable failure;
    private Close close;
    private Throwable error;

    private TestWebSocket(URI uri) {
        this.uri = uri;
    }

    /** Connects without extra headers or subprotocols. */
    public static TestWebSocket connect(URI uri) {
        return connect(uri, Map.of(), List.of());
    }

    /**
     * Opens the connection and waits for the handshake. When it fails (the server answered with another status, or
     * nobody listens) the returned socket is not open and {@link #failure()} tells why.
     */
    public static TestWebSocket connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        TestWebSocket test = new TestWebSocket(uri);
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT);
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(
                    subprotocols.getFirst(),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            WebSocket socket = builder.buildAsync(uri, test.new Listener())
                    .get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (test.lock) {
                test.socket = socket;
            }
        } catch (ExecutionException e) {
            test.failure = e.getCause();
        } catch (TimeoutException e) {
            test.failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            test.failure = e;
        }
        return test;
    }

    /** Whether the handshake succeeded and neither side has closed yet. */
    public boolean isOpen() {
        synchronized (lock) {
            return socket != null && close == null && error == null && !socket.isOutputClosed();
        }
    }

    /** Why connecting failed, e.g. a {@link WebSocketHandshakeException}; empty once connected. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The HTTP status the server answered the upgrade with when it refused it (e.g. 401). */
    public OptionalInt handshakeStatus() {
        return failure instanceof WebSocketHandshakeException refused
                ? OptionalInt.of(refused.getResponse().statusCode())
                : OptionalInt.empty();
    }

    /** The subprotocol the server chose, or "" for none. */
    public String subprotocol() {
        return open().getSubprotocol();
    }

    /** The text messages received so far, in order. */
    public List<String> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    /** The first message received so far or within the timeout that matches. */
    public String awaitMessage(Predicate<String> matching, Duration timeout) {
        return await("a matching message", timeout, () -> {
            for (String message : messages) {
                if (matching.test(message)) {
                    return message;
                }
            }
            return null;
        });
    }

    /** Sends a text message and waits until it is written. */
    public void send(String text) {
        join(open().sendText(text, true), "sending " + text);
    }

    /** Sends a Close frame with the code and reason; the server's answer comes to {@link #awaitClose}. */
    public void close(int code, String reason) {
        join(open().sendClose(code, reason), "closing");
    }

    /** The Close frame the server sent (first, or in answer to ours). */
    public Close awaitClose(Duration timeout) {
        return await("a Close frame", timeout, () -> close);
    }

    /** Closes normally unless closed already, then drops the connection. */
    @Override
    public void close() {
        WebSocket current;
        synchronized (lock) {
            current = socket;
        }
        if (current == null) {
            return;
        }
        if (!current.isOutputClosed()) {
            try {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        .toCompletableFuture()
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                // the connection is broken; abort below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        current.abort();
    }

    @Override
    public String toString() {
        return "TestWebSocket[" + uri + "]" + diagnostics();
    }

    private WebSocket open() {
        if (failure != null) {
            throw new IllegalStateException("the WebSocket to " + uri + " did not connect", failure);
        }
        return socket;
    }

    private void join(CompletionStage<WebSocket> stage, String what) {
        try {
            stage.toCompletableFuture().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " failed" + diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private <T> T await(String what, Duration timeout, Supplier<T> found) {
        open();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                T result = found.get();
                if (result != null) {
                    return result;
                }
                if (error != null) {
                    throw new AssertionError("the WebSocket failed before " + what + diagnostics(), error);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + diagnostics());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private String diagnostics() {
        synchronized (lock) {
            StringBuilder text = new StringBuilder("\nmessages received:");
            messages.forEach(message -> text.append("\n  ")
                    .append(
                            message.length() > 500
                                    ? message.substring(0, 500) + "... (" + message.length() + ")"
                                    : message));
            if (close != null) {
                text.append("\nclosed by the server: ").append(close);
            }
            if (error != null) {
                text.append("\nerror: ").append(error);
            }
            return text.toString();
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (lock) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                    lock.notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (lock) {
                close = new Close(statusCode, reason);
                lock.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable cause) {
            synchronized (lock) {
                error = cause;
                lock.notifyAll();
            }
        }
    }
}
