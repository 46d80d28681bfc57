package org.atom.auth;

import org.atom.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules of CONVENTIONS.md, for auth-service. */
class ArchitectureTest {

    @Test
    void featuresKeepTheirEntitiesAndControllersAndThereAreNoGrabBagPackages() {
        ServiceArchitecture.check("org.atom.auth");
    }
}
