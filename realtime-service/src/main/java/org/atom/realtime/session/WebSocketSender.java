package org.atom.realtime.session;

import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes one WebSocket's frames from a bounded queue, on one virtual thread at a time, so a slow client blocks
 * only its own writer: when its queue is full, {@link #send} says so and the connection is dropped.
 */
public final class WebSocketSender {

    private final WebSocketSession session;
    private final int capacity;
    private final Executor executor;
    private final Consumer<Instant> sent;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;

    /** @param sent told the event time of each event frame written (for the lag metric) */
    public WebSocketSender(WebSocketSession session, int capacity, Executor executor, Consumer<Instant> sent) {
        this.session = session;
        this.capacity = capacity;
        this.executor = executor;
        this.sent = sent;
    }

    /** Queues a text frame; false when the queue is full (the client is not keeping up) or the socket closed. */
    public boolean send(String text, Instant eventTime) {
        if (closed) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(new Frame(text, eventTime, null, false));
        writeSoon();
        return true;
    }

    /** Queues a WebSocket ping (keeps proxies from timing the socket out). */
    public void ping() {
        if (!closed) {
            queue.add(new Frame(null, null, null, true));
            writeSoon();
        }
    }

    /** Closes the socket once what is queued has been written. */
    public void closeAfterFlush(CloseStatus status) {
        queue.add(new Frame(null, null, status, false));
        writeSoon();
    }

    /** Whether the socket has been closed (by this side or the client). */
    public boolean isClosed() {
        return closed || !session.isOpen();
    }

    private void writeSoon() {
        if (writing.compareAndSet(false, true)) {
            executor.execute(this::write);
        }
    }

    private void write() {
        do {
            try {
                Frame frame;
                while (!closed && (frame = queue.poll()) != null) {
                    if (frame.close != null) {
                        closed = true;
                        session.close(frame.close);
                    } else if (frame.ping) {
                        session.sendMessage(new PingMessage());
                    } else {
                        queued.decrementAndGet();
                        session.sendMessage(new TextMessage(frame.text));
                        if (frame.eventTime != null) {
                            sent.accept(frame.eventTime);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client is gone (or the send timed out): nothing more goes out
                closed = true;
                try {
                    session.close(CloseStatus.SESSION_NOT_RELIABLE);
                } catch (IOException | RuntimeException ignored) {
                    // already closed
                }
            }
            if (closed) {
                queue.clear();
            }
            writing.set(false);
        } while (!closed && !queue.isEmpty() && writing.compareAndSet(false, true));
    }

    private record Frame(String text, Instant eventTime, CloseStatus close, boolean ping) {}
}
