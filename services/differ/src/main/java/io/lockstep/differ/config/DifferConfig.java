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

    /** Full re-diff of every known application, a safety net for watch events lost on the way. */
    @WithDefault("10m")
    Duration resyncInterval();

    /**
     * Differences never to report in any application (cluster-wide rules, say a mutating webhook's annotation), as
     * {@code lockstep.differ.ignore[0].pointer=/spec/replicas} with optional {@code .group}, {@code .kind},
     * {@code .name} and {@code .namespace} selectors. An application's own rules come from its
     * {@code ignoreDifferences} in {@code lockstep.yaml}.
     */
    Optional<List<Ignore>> ignore();

    /** One ignore rule: a JSON pointer (RFC 6901) and an optional selector; a missing selector part matches all. */
    interface Ignore {
        String pointer();

        /** API group, e.g. {@code apps}; {@code core} for the core (empty) group: an empty value reads as unset. */
        Optional<String> group();

        Optional<String> kind();

        Optional<String> name();

        /** Namespace of the object; a rule with a namespace never matches a cluster-scoped object. */
        Optional<String> namespace();
    }

    /** Reading the live state. */
    interface Live {
        /** Attempts to read the live objects of one commit before it goes to the dead-letter topic. */
        @WithDefault("5")
        int readAttempts();

        /** Pause before the second attempt; doubled before each later one. */
        @WithDefault("500ms")
        Duration retryBackoff();

        /** Longest wait for a newly started informer's first list before a diff gives up (and retries). */
        @WithDefault("30s")
        Duration syncTimeout();

        /** Quiet time after a live change before its application is re-diffed; later changes in it are folded in. */
        @WithDefault("150ms")
        Duration debounce();

        /** Threads that re-diff applications after live changes and on the periodic resync. */
        @WithDefault("2")
        int rediffThreads();
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
