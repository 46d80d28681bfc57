package org.atom.calendar;

import org.atom.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules of CONVENTIONS.md, for calendar-service. */
class ArchitectureTest {

    @Test
    void featuresKeepTheirControllersAndThereAreNoGrabBagPackages() {
        ServiceArchitecture.check("org.atom.calendar");
    }
}
