package io.lockstep.repowatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain packages (poll, manifest, routing, tracking, webhook) must not import adapters: Git, Kafka, Quarkus, persistence. */
class DomainIndependenceTest {
    private static final Path MAIN = Path.of("src/main/java/io/lockstep/repowatcher");
    private static final List<String> DOMAIN = List.of("poll", "manifest", "routing", "tracking", "webhook");
    private static final List<String> ADAPTERS = List.of("org.eclipse.jgit", "org.apache.kafka", "io.smallrye",
            "io.quarkus", "jakarta.persistence", "org.hibernate", "io.lockstep.repowatcher.git",
            "io.lockstep.repowatcher.kafka", "io.lockstep.repowatcher.state", "io.lockstep.repowatcher.schedule");

    @Test
    void domainCodeImportsNoAdapter() throws IOException {
        for (String pkg : DOMAIN) {
            try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
                for (Path file : files.toList()) {
                    List<String> imports = Files.readAllLines(file).stream().filter(l -> l.startsWith("import "))
                            .toList();
                    assertThat(imports).as(file.toString())
                            .noneMatch(line -> ADAPTERS.stream().anyMatch(a -> line.contains(" " + a + ".")
                                    || line.contains("static " + a + ".")));
                }
            }
        }
    }
}
