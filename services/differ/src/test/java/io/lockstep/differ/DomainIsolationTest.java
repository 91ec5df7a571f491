package io.lockstep.differ;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The render and diff packages are pure domain code: adapters call them, never the other way round. */
class DomainIsolationTest {
    private static final List<String> ADAPTERS = List.of("import io.fabric8.", "import org.apache.kafka.",
            "import io.smallrye.reactive.messaging", "import org.hibernate.", "import io.quarkus.",
            "import jakarta.persistence.", "import io.lockstep.differ.kafka.", "import io.lockstep.differ.live.",
            "import io.lockstep.differ.state.", "import io.lockstep.differ.helm.", "import com.marcnuri.");

    @Test
    void renderAndDiffImportNoAdapter() throws IOException {
        for (String pkg : List.of("render", "diff")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/lockstep/differ", pkg))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                    String source = read(file);
                    assertThat(ADAPTERS).as(file.toString()).noneMatch(source::contains);
                });
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
