package org.atom.calendar.event;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.atom.platform.web.ProblemResponses;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * The import's own body limit. The platform's request body limit ({@code atom.web.max-body-size}, 1 MB) stays for
 * every other request; {@code POST /api/calendar/import} may send a file of up to
 * {@link IcsController#MAX_FILE_BYTES} (plus the multipart framing), which the controller and the multipart
 * settings ({@code spring.servlet.multipart.*}) then hold to. Done by wrapping the platform's filter registration
 * ({@code atomRequestBodyLimitFilter}), so that its behaviour elsewhere is untouched.
 */
@Configuration(proxyBeanMethods = false)
class IcsUploadLimit {

    /** Room for the boundaries and part headers of a multipart upload around the file. */
    static final long MULTIPART_FRAMING = 64 * 1024;

    @Bean
    static BeanPostProcessor icsImportBodyLimit() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (beanName.equals("atomRequestBodyLimitFilter") && bean instanceof FilterRegistrationBean<?> r) {
                    wrap(r);
                }
                return bean;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void wrap(FilterRegistrationBean<?> registration) {
        FilterRegistrationBean<Filter> filters = (FilterRegistrationBean<Filter>) registration;
        filters.setFilter(new ImportBodyLimit(filters.getFilter()));
    }

    /** The import path under its own limit; every other request through the platform's filter. */
    static final class ImportBodyLimit implements Filter {

        private final Filter platformLimit;

        ImportBodyLimit(Filter platformLimit) {
            this.platformLimit = platformLimit;
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            platformLimit.init(config);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!(request instanceof HttpServletRequest http && isImport(http))) {
                platformLimit.doFilter(request, response, chain);
                return;
            }
            String type = http.getContentType();
            boolean multipart =
                    type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
            long limit = IcsController.MAX_FILE_BYTES + (multipart ? MULTIPART_FRAMING : 0);
            if (http.getContentLengthLong() > limit) {
                ProblemResponses.write(
                        http,
                        (HttpServletResponse) response,
                        IcsController.tooLarge().getBody());
                return;
            }
            chain.doFilter(request, response);
        }

        private static boolean isImport(HttpServletRequest request) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return "POST".equals(request.getMethod()) && path.equals(IcsController.IMPORT);
        }

        @Override
        public void destroy() {
            platformLimit.destroy();
        }
    }
}
