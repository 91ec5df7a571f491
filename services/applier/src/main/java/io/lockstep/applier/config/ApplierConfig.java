package io.lockstep.applier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The applier's own settings, under {@code lockstep.applier}. */
@ConfigMapping(prefix = "lockstep.applier")
public interface ApplierConfig {
    /** The server-side apply field manager that owns the fields Lockstep sets. */
    @WithDefault("lockstep")
    String fieldManager();

    /**
     * Whether applications may set {@code sync.force} (take over fields another field manager owns). An operator
     * who wants no application to overwrite what other controllers manage sets it to false: conflicts then fail.
     */
    @WithDefault("true")
    boolean allowForce();

    /**
     * Whether applications may set {@code sync.replace} (delete and re-create an object whose immutable fields
     * changed). False makes such changes fail, whatever the application asks.
     */
    @WithDefault("true")
    boolean allowReplace();

    /** Whether applications may set {@code sync.createNamespace} (create a missing target namespace). */
    @WithDefault("true")
    boolean allowCreateNamespace();

    /** How health is polled after an apply. */
    HealthPolling health();

    /** Retries of calls to the target that failed for a transient reason. */
    Retries retry();

    /** When self-heal stops fighting another controller. */
    SelfHeal selfHeal();

    /**
     * Named target clusters, chosen by an application's {@code target.cluster}. {@code in-cluster} is always the
     * injected client ({@code quarkus.kubernetes-client.*}); an unknown name fails that application's syncs.
     */
    Map<String, Cluster> clusters();

    /** Write access to config repositories, per source id (the part of an application id before '/'). */
    Map<String, Source> sources();

    /** How revert commits are written. */
    GitSettings git();

    /** Operations a stopped process left running. */
    Recovery recovery();

    /** Health polling: exponential backoff between the two bounds, until the application's health timeout. */
    interface HealthPolling {
        /** The first pause between two health checks. */
        @WithDefault("200ms")
        Duration initialInterval();

        /** The longest pause between two health checks. */
        @WithDefault("5s")
        Duration maxInterval();
    }

    /** Exponential backoff for transient API errors (5xx, 429, connection errors, 409 on update). */
    interface Retries {
        /** Attempts in all, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** The first pause. */
        @WithDefault("200ms")
        Duration initialDelay();

        /** The longest pause. */
        @WithDefault("5s")
        Duration maxDelay();
    }

    /** More than {@code maxHeals} heals of one object within {@code window} is a fight: pause for {@code backoff}. */
    interface SelfHeal {
        @WithDefault("3")
        int maxHeals();

        @WithDefault("2m")
        Duration window();

        /** The first pause; doubled for every further fight over the same object. */
        @WithDefault("5m")
        Duration backoff();
    }

    /** One named cluster: a kubeconfig file and, optionally, the context in it (else its current context). */
    interface Cluster {
        Optional<String> kubeconfig();

        Optional<String> context();
    }

    /**
     * A config repository the applier may push revert commits to. Credentials: a token ({@code token} or
     * {@code token-file}, sent as the password of {@code username}, default {@code x-access-token}) or
     * {@code username} with {@code password} / {@code password-file}; files are read at each use, so rotated
     * secrets are picked up. Environment variables work too ({@code LOCKSTEP_APPLIER_SOURCES_DEMO_TOKEN}).
     */
    interface Source {
        /** The repository URL (https, ssh or, for local repositories, file). */
        Optional<String> url();

        @WithDefault("main")
        String branch();

        Optional<String> username();

        Optional<String> password();

        Optional<String> passwordFile();

        Optional<String> token();

        Optional<String> tokenFile();
    }

    /** Author and working directory of revert commits. */
    interface GitSettings {
        @WithDefault("Lockstep")
        String authorName();

        @WithDefault("lockstep@localhost")
        String authorEmail();

        /**
         * Where config repositories are cloned (one folder per source), reused between rollbacks; default
         * {@code <java.io.tmpdir>/lockstep-applier/repos}.
         */
        Optional<String> workdir();
    }

    /** Which replica runs an application's operations. */
    Lease lease();

    /**
     * Leases in PostgreSQL that keep two replicas from running operations of one application at once. A replica
     * that stops leaves its applications to the others once its leases expire.
     */
    interface Lease {
        /** How long a lease lasts unless renewed (renewed every third of it while an operation runs). */
        @WithDefault("30s")
        Duration ttl();

        /** This replica's name in the leases; default the host name (a pod's name) plus a random suffix. */
        Optional<String> holder();
    }

    /** Completing operations left running by a stopped process, at start-up. */
    interface Recovery {
        @WithDefault("true")
        boolean enabled();
    }
}
