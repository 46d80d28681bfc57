package org.atom.platform.web;

import java.time.Clock;
import javax.sql.DataSource;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API conventions every service gets: problem+json for every error (also on Boot's error path),
 * snake_case aliases for body fields and query parameters, a request body limit, {@code Idempotency-Key} replay
 * and the OpenAPI security scheme and {@code Problem} schema. Paging ({@link CursorPage}) and ETags
 * ({@link ETags}) are helpers controllers call.
 *
 * <p>Runs before Boot's MVC and error auto-configuration so that their problem-details handler and
 * {@code BasicErrorController} step aside for ours.
 */
@AutoConfiguration(
        before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class},
        after = DataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AtomWebProperties.class)
public class WebAutoConfiguration {

    /** Early, but after the request-id filter, so even a 413 carries {@code X-Request-Id}. */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    static final int QUERY_ALIAS_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemExceptionHandler problemExceptionHandler(JsonMapper json) {
        return new ProblemExceptionHandler(json);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    JsonMapperBuilderCustomizer atomSnakeCaseAliases() {
        return builder -> builder.addModule(new SnakeCaseAliasModule());
    }

    @Bean
    @ConditionalOnMissingBean(name = "atomRequestBodyLimitFilter")
    FilterRegistrationBean<RequestBodyLimitFilter> atomRequestBodyLimitFilter(AtomWebProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean(name = "atomSnakeCaseQueryParameterFilter")
    FilterRegistrationBean<SnakeCaseQueryParameterFilter> atomSnakeCaseQueryParameterFilter() {
        FilterRegistrationBean<SnakeCaseQueryParameterFilter> registration =
                new FilterRegistrationBean<>(new SnakeCaseQueryParameterFilter());
        registration.setOrder(QUERY_ALIAS_ORDER);
        return registration;
    }

    /** Idempotency keys need the service's database and the authenticated user (JWT {@code sub}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({JdbcTemplate.class, JwtAuthenticationToken.class})
    @ConditionalOnBean(DataSource.class)
    static class Idempotency {

        @Bean
        @ConditionalOnMissingBean
        IdempotencyStore idempotencyStore(
                DataSource dataSource, ObjectProvider<Clock> clock, AtomWebProperties properties) {
            return new IdempotencyStore(
                    new JdbcTemplate(dataSource),
                    clock.getIfAvailable(Clock::systemUTC),
                    properties.idempotencyTtl(),
                    properties.idempotencyProcessingTimeout());
        }

        @Bean
        @ConditionalOnMissingBean(name = "atomIdempotencyKeyFilter")
        FilterRegistrationBean<IdempotencyKeyFilter> atomIdempotencyKeyFilter(
                IdempotencyStore store, @Value("${spring.security.filter.order:-100}") int securityFilterOrder) {
            FilterRegistrationBean<IdempotencyKeyFilter> registration =
                    new FilterRegistrationBean<>(new IdempotencyKeyFilter(store));
            // after Spring Security, which provides the user the keys are scoped by
            registration.setOrder(securityFilterOrder + 10);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenApiCustomizer.class)
    static class OpenApi {

        @Bean
        @ConditionalOnMissingBean
        ProblemOpenApiCustomizer problemOpenApiCustomizer(
                @Value("${spring.application.name:application}") String applicationName) {
            return new ProblemOpenApiCustomizer(applicationName);
        }
    }
}
