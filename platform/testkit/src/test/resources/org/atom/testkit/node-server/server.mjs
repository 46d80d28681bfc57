// Stock socket.io and ws servers on one loopback port for the testkit's own tests.
// Prints {"port":N} once listening; ends when stdin ends (the test JVM is gone or closed it).
//
// Socket.IO on path /socket.io/, and the same with connection state recovery on path /recovering/:
//   refuses auth.token other than "good" with Error("invalid token") (data {code:"bad_token"});
//   on connection emits hello({a:1}, "offset-1"); the Set-Cookie affinity=node-1 comes with the handshake.
//   ping -> emits pong; echo(...args, ack) -> ack(...args); kick -> socket.disconnect();
//   join(ack) -> joins room "news"; broadcast(text, ack) -> emits news(text) to the room;
//   drop -> closes the connection under the socket (recoverable) and emits news("missed") to the room;
//   whoami(ack) -> {auth, authorization, handshakeCookie, cookies, transport, recovered}.
// WebSocket (path /echo): echoes text; "bye" -> close 4001 token_expired; "big:N" -> N times "x";
//   "whoami" -> {protocol, authorization}. Path /reject answers the upgrade with 401.
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { WebSocketServer } from "ws";

const http = createServer();

// "transport:cookie header" of every request after the handshake, by Engine.IO session id
const cookiesBySid = new Map();

function serve(io) {
  io.engine.on("initial_headers", (headers) => {
    headers["set-cookie"] = "affinity=node-1; Path=/; HttpOnly";
  });
  io.engine.on("headers", (headers, request) => {
    const sid = request._query?.sid;
    if (sid && request.headers.cookie) {
      const seen = cookiesBySid.get(sid) ?? [];
      seen.push(`${request._query.transport}:${request.headers.cookie}`);
      cookiesBySid.set(sid, seen);
    }
  });

  io.use((socket, next) => {
    if (socket.handshake.auth?.token === "good") {
      next();
    } else {
      const error = new Error("invalid token");
      error.data = { code: "bad_token" };
      next(error);
    }
  });

  io.on("connection", (socket) => {
    socket.emit("hello", { a: 1 }, "offset-1");
    socket.on("ping", () => socket.emit("pong"));
    socket.on("echo", (...args) => {
      const ack = args.pop();
      ack(...args);
    });
    socket.on("kick", () => socket.disconnect());
    socket.on("join", (ack) => {
      socket.join("news");
      ack();
    });
    socket.on("broadcast", (text, ack) => {
      io.to("news").emit("news", text);
      ack();
    });
    socket.on("drop", () => {
      socket.conn.close();
      io.to("news").emit("news", "missed");
    });
    socket.on("whoami", (ack) =>
      ack({
        auth: socket.handshake.auth,
        authorization: socket.handshake.headers.authorization ?? null,
        handshakeCookie: socket.request.headers.cookie ?? null,
        cookies: cookiesBySid.get(socket.conn.id) ?? [],
        transport: socket.conn.transport.name,
        recovered: socket.recovered,
      }),
    );
  });
}

serve(new Server(http));
// with connection state recovery, the server adds an offset argument to each event it emits
serve(new Server(http, { path: "/recovering/", connectionStateRecovery: { maxDisconnectionDuration: 60_000 } }));

const echo = new WebSocketServer({ noServer: true });
echo.on("connection", (ws, request) => {
  ws.on("message", (data) => {
    const text = data.toString();
    if (text === "bye") {
      ws.close(4001, "token_expired");
    } else if (text.startsWith("big:")) {
      ws.send("x".repeat(Number(text.substring(4))));
    } else if (text === "whoami") {
      ws.send(JSON.stringify({ protocol: ws.protocol, authorization: request.headers.authorization ?? null }));
    } else {
      ws.send(text);
    }
  });
});
http.on("upgrade", (request, socket, head) => {
  const path = new URL(request.url, "http://localhost").pathname;
  if (path === "/echo") {
    echo.handleUpgrade(request, socket, head, (ws) => echo.emit("connection", ws, request));
  } else if (path === "/reject") {
    socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  }
  // anything else is socket.io's
});

http.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: http.address().port }) + "\n");
});
createInterface({ input: process.stdin }).on("close", () => process.exit(0));
