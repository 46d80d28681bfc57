package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    private static final Component TASKS =
            new Component("task-service", Component.Kind.APP, 2, 8082, List.of("-Xms32m", "-Xmx256m"), Map.of());

    @Test
    void theCommonOptionsComeFirstThenTheComponentsOwn() {
        List<String> common = JavaCommand.common(Runtime.version());
        assertThat(JavaCommand.options(TASKS))
                .startsWith(common.toArray(String[]::new))
                .endsWith("-Xms32m", "-Xmx256m")
                .hasSize(common.size() + 2);
    }

    @Test
    void optionsOnlyWhereTheJvmKnowsThem() {
        assertThat(JavaCommand.common(Runtime.Version.parse("21")))
                .containsExactly("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(JavaCommand.common(Runtime.Version.parse("21.0.1")))
                .containsExactly("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:TrimNativeHeapInterval=5000");
        assertThat(JavaCommand.common(Runtime.Version.parse("25.0.3+9-LTS")))
                .containsExactly(
                        "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:TrimNativeHeapInterval=5000",
                        "-XX:+UseCompactObjectHeaders");
    }

    @Test
    void anAotCacheIsNamedAfterTheOptionsItWasTrainedWith() {
        List<String> options = JavaCommand.options(TASKS);
        assertThat(Aot.fingerprint(options)).matches("[0-9a-f]{12}").isEqualTo(Aot.fingerprint(List.copyOf(options)));
        assertThat(Aot.fingerprint(options)).isNotEqualTo(Aot.fingerprint(List.of("-XX:+UseSerialGC", "-Xmx256m")));
    }
}
