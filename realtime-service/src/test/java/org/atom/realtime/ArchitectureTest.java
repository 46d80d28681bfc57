package org.atom.realtime;

import org.atom.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules of CONVENTIONS.md, for realtime-service. */
class ArchitectureTest {

    @Test
    void featuresKeepTheirControllersAndThereAreNoGrabBagPackages() {
        ServiceArchitecture.check("org.atom.realtime");
    }
}
