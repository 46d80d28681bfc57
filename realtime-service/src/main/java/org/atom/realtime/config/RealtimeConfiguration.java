package org.atom.realtime.config;

import org.atom.realtime.ws.PlainWebSocketHandler;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The socket endpoints and their limits. The access token travels inside the socket protocols and is checked
 * there (ClientAuthenticator), so HTTP security lets the socket paths through and serves nothing else but the
 * public actuator endpoints. Any origin may connect: authentication never rides on cookies, so a foreign page
 * gains nothing by opening a socket.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RealtimeConfiguration implements WebSocketConfigurer {

    private final PlainWebSocketHandler plain;

    RealtimeConfiguration(PlainWebSocketHandler plain) {
        this.plain = plain;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(plain, "/ws").addInterceptors(plain).setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int limit = (int) properties.maxFrameSize().toBytes();
        // a larger message closes the socket with 1009
        container.setMaxTextMessageBufferSize(limit);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    /**
     * Tomcat accepts the connection limit's sockets and room for HTTP requests besides, so a full instance answers
     * 503 / 1013 (clients retry, and reach another instance) rather than leaving new sockets unaccepted: Tomcat's
     * default of 8,192 is below the limit of a 1 GB heap.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketCapacity(RealtimeProperties properties) {
        int sockets = properties.connectionLimit() + 1024;
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProperty("maxConnections") instanceof Integer configured && configured < sockets) {
                connector.setProperty("maxConnections", String.valueOf(sockets));
            }
        });
    }

    @Bean
    SecurityFilterChain realtimeSecurity(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/socket.io",
                                "/socket.io/**",
                                "/ws",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .build();
    }
}
