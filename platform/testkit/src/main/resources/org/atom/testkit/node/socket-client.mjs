// One stock socket.io-client Socket, driven by NodeSocketIoClient over JSON lines.
//
// Options: the JSON object in the ATOM_SOCKET_CLIENT environment variable:
//   url (required), path, auth, extraHeaders, transports, withCredentials, reconnection, timeout (ms).
// Out (stdout), one JSON object a line:
//   {"type":"connect","id","recovered","transport"}  {"type":"upgrade","transport"}
//   {"type":"connect_error","message","data","description"}  {"type":"event","event","args"}
//   {"type":"ack","id","args"}                        {"type":"disconnect","reason","description","detail"}
//   {"type":"upgrade_error","message"}                {"type":"error","message"}
// In (stdin), one JSON object a line:
//   {"cmd":"emit","event","args","ack"?}  {"cmd":"disconnect"}  {"cmd":"connect","auth"?}  {"cmd":"exit"}
// The process ends when stdin ends, so it never outlives the JVM that started it.
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const config = JSON.parse(process.env.ATOM_SOCKET_CLIENT ?? "{}");

function out(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function text(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.message;
  if (typeof value === "object") return text(value.description ?? value.message ?? value.type ?? String(value));
  return String(value);
}

function transportDetail(details) {
  if (!(details instanceof Error)) return null;
  const cause = details.description;
  const status = typeof cause === "number" ? cause : null;
  const body = details.context?.responseText;
  const parts = [status != null ? `HTTP ${status}` : text(cause), typeof body === "string" ? body.slice(0, 500) : null];
  return parts.filter((part) => part).join(": ") || null;
}

const options = {
  path: config.path ?? "/socket.io/",
  reconnection: config.reconnection ?? false,
  withCredentials: config.withCredentials ?? false,
  forceNew: true,
};
if (config.auth != null) options.auth = config.auth;
if (config.extraHeaders != null) options.extraHeaders = config.extraHeaders;
if (config.transports != null) options.transports = config.transports;
if (config.timeout != null) options.timeout = config.timeout;

const socket = io(config.url, options);

// the Manager makes a new engine (Engine.IO socket) each time it opens
socket.io.on("open", () => {
  socket.io.engine.on("upgrade", (transport) => out({ type: "upgrade", transport: transport.name }));
  socket.io.engine.on("upgradeError", (error) => out({ type: "upgrade_error", message: text(error) }));
});
socket.on("connect", () =>
  out({
    type: "connect",
    id: socket.id,
    recovered: Boolean(socket.recovered),
    transport: socket.io.engine?.transport?.name ?? null,
  }),
);
socket.on("connect_error", (error) =>
  // data: what the server's middleware attached to its error; description: why the transport failed
  out({ type: "connect_error", message: error.message, data: error.data ?? null, description: text(error.description) }),
);
// detail: what a failed transport request got (an HTTP status and body, or the network error), to tell e.g. a 429 of
// the gateway from a 400 of the server
socket.on("disconnect", (reason, details) =>
  out({ type: "disconnect", reason, description: text(details), detail: transportDetail(details) }),
);
socket.onAny((event, ...args) => out({ type: "event", event, args }));

function exit() {
  const engine = socket.io.engine;
  socket.disconnect();
  if (engine && engine.readyState !== "closed") {
    // let the close packet go out; do not wait for a server that does not answer
    engine.once("close", () => process.exit(0));
    setTimeout(() => process.exit(0), 1000);
  } else {
    process.exit(0);
  }
}

const commands = {
  emit(command) {
    const args = command.args ?? [];
    if (command.ack == null) {
      socket.emit(command.event, ...args);
    } else {
      socket.emit(command.event, ...args, (...ackArgs) => out({ type: "ack", id: command.ack, args: ackArgs }));
    }
  },
  disconnect() {
    socket.disconnect();
  },
  connect(command) {
    // the same Socket: it keeps _pid and _lastOffset and sends them as pid and offset beside the auth
    if (command.auth !== undefined) socket.auth = command.auth;
    socket.connect();
  },
  exit,
};

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (!line.trim()) return;
  try {
    const command = JSON.parse(line);
    const run = commands[command.cmd];
    if (!run) throw new Error(`unknown command: ${command.cmd}`);
    run(command);
  } catch (error) {
    out({ type: "error", message: `${error.message} (command: ${line})` });
  }
});
// stdin ends when the JVM is gone (or closed it): never outlive it
input.on("close", () => process.exit(0));

process.on("uncaughtException", (error) => {
  out({ type: "error", message: error.stack ?? String(error) });
});
