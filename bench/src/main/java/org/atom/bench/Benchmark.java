package org.atom.bench;

/** One benchmark: measures, then reports through {@link Report}. */
public interface Benchmark {

    /**
     * Runs the benchmark and fills the report.
     *
     * @param full the full mode (long, for the numbers in the README); otherwise a quick check of a few seconds
     */
    void run(boolean full, Report report) throws Exception;
}
