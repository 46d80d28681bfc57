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

    public static Measured measure(Map<String, ProcessCpu.Component> components, Load load) throws Exception {
        ProcessCpu.Snapshot before = ProcessCpu.snapshot(components);
        LoadResult result = load.run();
        ProcessCpu.Snapshot after = ProcessCpu.snapshot(components);
        return new Measured(
                result,
                components.isEmpty() ? null : ProcessCpu.perRequest(before, after, result.ok() + result.errorCount()));
    }

    public Map<String, Object> summary() {
        Map<String, Object> summary = result.summary();
        if (cpu != null) {
            summary.put("cpu", cpu);
        }
        return summary;
    }
}
