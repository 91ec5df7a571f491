package io.lockstep.notifier.store;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive persistence from the notifier's worker threads and waits for it. */
final class Blocking {
    private Blocking() {
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("notifier store: " + e.getMessage(), e);
        }
    }
}
