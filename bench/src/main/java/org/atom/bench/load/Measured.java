package org.atom.bench.load;

import java.util.Map;

/**
 * A load run with the CPU each component used meanwhile ({@link ProcessCpu#perRequest}), or none when the process
 * ids are unknown.
 */
public record Measured(LoadResult result, Map<String, Object> cpu) {

    /** What runs the load. */
    @FunctionalInterface
    public interface Load {
        LoadResult run() throws Exception;
    }

    public static Measured measure(ProcessCpu cpu, Load load) throws Exception {
        ProcessCpu.Snapshot before = cpu.snapshot();
        LoadResult result = load.run();
        ProcessCpu.Snapshot after = cpu.snapshot();
        return new Measured(
                result, cpu.isEmpty() ? null : cpu.perRequest(before, after, result.ok() + result.errorCount()));
    }

    /** CPU ms per request of one component, or NaN. */
    @SuppressWarnings("unchecked")
    public double msPerRequest(String component) {
        if (cpu == null || !(cpu.get(component) instanceof Map<?, ?> numbers)) {
            return Double.NaN;
        }
        Object net = ((Map<String, Object>) numbers).getOrDefault("netMsPerRequest", numbers.get("msPerRequest"));
        return net instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Cores kept busy by processes outside the benchmark meanwhile (0 when unknown). */
    public double otherCores() {
        return cpu != null && cpu.get("otherProcessesCoresBusy") instanceof Number n ? n.doubleValue() : 0;
    }

    public Map<String, Object> summary() {
        Map<String, Object> summary = result.summary();
        if (cpu != null) {
            summary.put("cpu", cpu);
        }
        return summary;
    }
}
