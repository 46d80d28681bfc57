package org.atom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small real-HTTP client for tests: bearer token, JSON bodies, extra headers, responses as strings. */
public final class TestHttp {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** A client for a server on 127.0.0.1 at the port. */
    public static TestHttp localhost(int port) {
        return new TestHttp("http://127.0.0.1:" + port);
    }

    public Call get(String path) {
        return new Call("GET", path, null);
    }

    public Call options(String path) {
        return new Call("OPTIONS", path, null);
    }

    public Call delete(String path) {
        return new Call("DELETE", path, null);
    }

    public Call post(String path, String json) {
        return new Call("POST", path, json);
    }

    public Call put(String path, String json) {
        return new Call("PUT", path, json);
    }

    public Call patch(String path, String json) {
        return new Call("PATCH", path, json);
    }

    /** One request under construction; {@link #send()} performs it. */
    public final class Call {
        private final HttpRequest.Builder request;

        private Call(String method, String path, String body) {
            request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** Authenticated as the user, with a token from the test issuer. */
        public Call as(String userId) {
            return bearer(TestJwtIssuer.get().token(userId));
        }

        public Call header(String name, String value) {
            request.setHeader(name, value);
            return this;
        }

        public HttpResponse<String> send() {
            try {
                return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                // the server under test usually runs in this JVM: show where it was stuck
                System.err.println(
                        "TestHttp: " + request.build().uri() + " timed out; threads of this JVM:\n" + threadDump());
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (java.lang.management.ThreadInfo thread :
                java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
