package org.atom.platform.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal domain service used by the starter's integration tests, as a real service would use the starter. */
@SpringBootApplication
public class SampleApplication {}
