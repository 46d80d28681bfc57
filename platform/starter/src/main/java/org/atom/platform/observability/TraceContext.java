package org.atom.platform.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;

/** The current W3C {@code traceparent}, so events carry the trace of the request that caused them. */
public class TraceContext {

    private final ObjectProvider<Tracer> tracer;

    public TraceContext(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span, or null outside a trace. */
    public String currentTraceparent() {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null) {
            return null;
        }
        io.micrometer.tracing.TraceContext context = span.context();
        String traceId = context.traceId();
        return "00-%s-%s-%s"
                .formatted(
                        traceId.length() == 16 ? "0".repeat(16) + traceId : traceId,
                        context.spanId(),
                        Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
