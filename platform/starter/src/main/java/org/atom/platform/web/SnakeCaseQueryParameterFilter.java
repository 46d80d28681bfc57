package org.atom.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes each snake_case query parameter of the original API ({@code start_date}) also visible under its
 * camelCase name ({@code startDate}), so controllers declare only the camelCase one and {@code @RequestParam},
 * {@code @ModelAttribute} records and validation all see it. The query string itself is left as sent (so
 * pagination links keep the client's spelling). Sending both spellings of one parameter is a 400, as for bodies.
 */
class SnakeCaseQueryParameterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || query.indexOf('_') < 0) {
            chain.doFilter(request, response);
            return;
        }
        Set<String> names = queryParameterNames(query);
        Map<String, String> camelToSnake = new LinkedHashMap<>();
        for (String name : names) {
            String camel = SnakeCase.toCamel(name);
            if (camel == null) {
                continue;
            }
            if (names.contains(camel)) {
                String message = "was sent twice, as '%s' and '%s'; send one".formatted(camel, name);
                ProblemResponses.write(
                        request,
                        response,
                        ProblemResponses.problem(
                                HttpStatus.BAD_REQUEST,
                                "Query parameter '" + camel + "' " + message,
                                request,
                                List.of(new FieldViolation(camel, message))));
                return;
            }
            camelToSnake.put(camel, name);
        }
        chain.doFilter(camelToSnake.isEmpty() ? request : new AliasedRequest(request, camelToSnake), response);
    }

    private static Set<String> queryParameterNames(String query) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String raw = eq < 0 ? pair : pair.substring(0, eq);
            if (!raw.isEmpty()) {
                try {
                    names.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    names.add(raw);
                }
            }
        }
        return names;
    }

    private static final class AliasedRequest extends HttpServletRequestWrapper {

        private final Map<String, String> camelToSnake;
        private Map<String, String[]> parameters;

        AliasedRequest(HttpServletRequest request, Map<String, String> camelToSnake) {
            super(request);
            this.camelToSnake = camelToSnake;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            // built lazily: asking for parameters may read a form body, which only the application should trigger
            if (parameters == null) {
                Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
                camelToSnake.forEach((camel, snake) -> {
                    String[] values = all.get(snake);
                    if (values != null) {
                        all.putIfAbsent(camel, values);
                    }
                });
                parameters = Collections.unmodifiableMap(all);
            }
            return parameters;
        }
    }
}
