package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    @TempDir
    Path root;

    private Stack stack(Map<String, String> environment) throws IOException {
        for (String module : List.of("discovery", "config-server", "auth-service", "task-service", "gateway")) {
            Files.createDirectories(root.resolve(module));
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
        }
        return new Stack(root, root.resolve(".atom"), environment);
    }

    private static Component component(Stack stack, String name) {
        return stack.component(name).orElseThrow();
    }

    @Test
    void everyJvmGetsASmallInitialHeapAndItsOwnMaximum() throws IOException {
        Stack stack = stack(Map.of());
        assertThat(stack.components)
                .allSatisfy(c -> assertThat(c.jvmOptions())
                        .as(c.name())
                        .anyMatch(o -> o.startsWith("-Xms"))
                        .anyMatch(o -> o.startsWith("-Xmx")));
        assertThat(component(stack, "task-service").jvmOptions()).isEqualTo(Stack.APP_HEAP);
        assertThat(component(stack, "auth-service").jvmOptions()).isEqualTo(Stack.HEAP.get("auth-service"));
        assertThat(component(stack, "kafka").jvmOptions()).isEqualTo(Stack.HEAP.get("kafka"));
    }

    @Test
    void theOperatorsOptionsComeLastForAllThenForOneComponent() throws IOException {
        Stack stack = stack(Map.of(
                "ATOM_JAVA_OPTIONS", " -Xmx300m  -XX:+PrintFlagsFinal ",
                "ATOM_TASK_SERVICE_JAVA_OPTIONS", "-Xmx200m"));
        assertThat(component(stack, "task-service").jvmOptions())
                .endsWith("-Xmx300m", "-XX:+PrintFlagsFinal", "-Xmx200m")
                .startsWith(Stack.APP_HEAP.toArray(String[]::new));
        assertThat(component(stack, "config-server").jvmOptions()).endsWith("-Xmx300m", "-XX:+PrintFlagsFinal");
        assertThat(component(stack, "postgres").jvmOptions()).endsWith("-Xmx300m", "-XX:+PrintFlagsFinal");
    }

    @Test
    void everyProcessGetsFewMallocArenasUnlessTheOperatorChoseANumber() throws IOException {
        assertThat(stack(Map.of()).components)
                .allSatisfy(c -> assertThat(c.env()).as(c.name()).containsEntry("MALLOC_ARENA_MAX", "2"));
        // set in the launcher's environment: every process inherits the operator's value
        assertThat(stack(Map.of("MALLOC_ARENA_MAX", "4")).components)
                .allSatisfy(c -> assertThat(c.env()).as(c.name()).doesNotContainKey("MALLOC_ARENA_MAX"));
    }

    @Test
    void optionsAreSplitAtWhiteSpace() {
        assertThat(Stack.splitOptions(null)).isEmpty();
        assertThat(Stack.splitOptions("  ")).isEmpty();
        assertThat(Stack.splitOptions("-Xmx1g\t-Dx=y\n -ea")).containsExactly("-Xmx1g", "-Dx=y", "-ea");
    }

    @Test
    void variablesAreNamedAfterTheComponent() {
        assertThat(Stack.variable("calendar-service", "JAVA_OPTIONS")).isEqualTo("ATOM_CALENDAR_SERVICE_JAVA_OPTIONS");
        assertThat(Stack.variable("kafka", "PORT")).isEqualTo("ATOM_KAFKA_PORT");
    }
}
