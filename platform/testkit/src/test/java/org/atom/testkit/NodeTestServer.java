package org.atom.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stock Node servers of {@code node-server/server.mjs} (socket.io and a ws echo server on one loopback port) in
 * a child process, installed with the same {@link NodePackage} code as the client.
 */
final class NodeTestServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private NodeTestServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodeTestServer start() throws IOException {
        Path dir = NodePackage.install("node-test-server", "org/atom/testkit/node-server", "server.mjs");
        Process process = new ProcessBuilder("node", "server.mjs")
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
        String first = out.readLine();
        if (first == null) {
            Processes.terminate(process.toHandle(), Duration.ofSeconds(2));
            throw new IllegalStateException("the node test server ended before it listened (exit " + process.exitValue()
                    + "); see its stderr above");
        }
        return new NodeTestServer(
                process,
                JsonMapper.builder().build().readTree(first).path("port").asInt());
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Processes.terminate(process.toHandle(), Duration.ofSeconds(5));
        }
    }
}
