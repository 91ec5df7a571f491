package io.lockstep.differ.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The differ's own settings, under {@code lockstep.differ}. */
@ConfigMapping(prefix = "lockstep.differ")
public interface DifferConfig {
    Render render();

    Live live();

    /** Reading the live state. */
    interface Live {
        /** Attempts to read the live objects of one commit before it goes to the dead-letter topic. */
        @WithDefault("5")
        int readAttempts();

        /** Pause before the second attempt; doubled before each later one. */
        @WithDefault("500ms")
        Duration retryBackoff();
    }

    /** Rendering limits and scope. */
    interface Render {
        /** Largest manifest file accepted, in characters; a larger one fails the render. */
        @WithDefault("4194304")
        int maxFileBytes();

        /** Most YAML aliases to collections in one file (guards against alias bombs). */
        @WithDefault("100")
        int maxAliases();

        /** Most values one document may expand to once aliases are resolved. */
        @WithDefault("1000000")
        int maxValuesPerDocument();

        /** Custom cluster-scoped kinds, in addition to the built-in list (they get no target namespace). */
        Optional<List<String>> clusterScopedKinds();
    }
}
