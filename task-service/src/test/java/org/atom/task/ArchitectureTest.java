package org.atom.task;

import org.atom.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules of CONVENTIONS.md, for task-service. */
class ArchitectureTest {

    @Test
    void featuresKeepTheirEntitiesAndControllersAndThereAreNoGrabBagPackages() {
        ServiceArchitecture.check("org.atom.task");
    }
}
