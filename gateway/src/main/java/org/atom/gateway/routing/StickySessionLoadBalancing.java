package org.atom.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * realtime-service instances are chosen by the {@code sc-lb-instance-id} cookie when the client sends one, so a
 * long-polling Socket.IO client keeps talking to the instance that holds its session.
 */
class StickySessionLoadBalancing {

    @Bean
    ServiceInstanceListSupplier stickyInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                .withRequestBasedStickySession()
                .build(context);
    }
}
