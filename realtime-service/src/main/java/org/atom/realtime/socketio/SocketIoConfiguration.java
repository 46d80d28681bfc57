package org.atom.realtime.socketio;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

@Configuration(proxyBeanMethods = false)
class SocketIoConfiguration {

    /** Engine.IO's WebSocket upgrade, invoked by the endpoint that also serves long-polling on the same path. */
    @Bean
    WebSocketHttpRequestHandler engineIoWebSocket(EngineIoWebSocketHandler handler) {
        return new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler());
    }
}
