package org.atom.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Every service's OpenAPI document: titled after {@code spring.application.name}, bearer-JWT required globally,
 * and the {@code Problem} schema (RFC 9457 + {@code error}, {@code errors[]}) as every operation's default
 * (error) response.
 */
class ProblemOpenApiCustomizer implements OpenApiCustomizer {

    static final String BEARER = "bearer-jwt";
    static final String PROBLEM = "Problem";
    static final String FIELD_VIOLATION = "FieldViolation";
    /** springdoc's placeholder title when none is configured. */
    private static final String SPRINGDOC_DEFAULT_TITLE = "OpenAPI definition";

    private final String applicationName;

    ProblemOpenApiCustomizer(String applicationName) {
        this.applicationName = applicationName;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Info info = openApi.getInfo() != null ? openApi.getInfo() : new Info();
        if (info.getTitle() == null || info.getTitle().equals(SPRINGDOC_DEFAULT_TITLE)) {
            info.setTitle(applicationName);
        }
        openApi.setInfo(info);

        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Access token from auth-service (or a configured Keycloak realm)"));
        SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
        if (openApi.getSecurity() == null || !openApi.getSecurity().contains(bearer)) {
            openApi.addSecurityItem(bearer);
        }
        components.addSchemas(FIELD_VIOLATION, fieldViolationSchema());
        components.addSchemas(PROBLEM, problemSchema());

        if (openApi.getPaths() != null) {
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        ApiResponses responses =
                                operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
                        operation.setResponses(responses);
                        if (!responses.containsKey("default")) {
                            responses.addApiResponse("default", problemResponse());
                        }
                    }));
        }
    }

    private static ApiResponse problemResponse() {
        return new ApiResponse()
                .description("Error (RFC 9457 problem)")
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> schema = typed("object")
                .description("RFC 9457 problem details; `error` repeats `detail` for clients of the original API")
                .required(List.of("type", "title", "status", "detail", "instance", "error"));
        schema.addProperty("type", typed("string").format("uri-reference").example("about:blank"));
        schema.addProperty("title", typed("string").example("Bad Request"));
        schema.addProperty("status", typed("integer").format("int32").example(400));
        schema.addProperty("detail", typed("string").example("The request is invalid: 'title' must not be blank"));
        schema.addProperty("instance", typed("string").format("uri-reference").example("/api/tasks"));
        schema.addProperty("error", typed("string").example("The request is invalid: 'title' must not be blank"));
        schema.addProperty(
                "errors",
                typed("array")
                        .description("The inputs that were wrong (validation, unreadable values)")
                        .items(new Schema<>().$ref("#/components/schemas/" + FIELD_VIOLATION)));
        schema.addProperty(
                "requestId", typed("string").description("Present on 5xx: quote it when reporting the error"));
        return schema;
    }

    private static Schema<?> fieldViolationSchema() {
        Schema<?> schema = typed("object").required(List.of("field", "message"));
        schema.addProperty(
                "field",
                typed("string")
                        .description("JSON path (`items[0].title`), parameter or header name; `$` = the whole body")
                        .example("title"));
        schema.addProperty("message", typed("string").example("must not be blank"));
        return schema;
    }

    /** A schema with its type set for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) serialisation. */
    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.type(type);
        schema.addType(type);
        return schema;
    }
}
