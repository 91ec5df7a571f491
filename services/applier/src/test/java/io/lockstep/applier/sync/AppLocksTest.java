package io.lockstep.applier.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppLocksTest {
    private final AppLocks locks = new AppLocks();

    @Test
    void twoOperationsOnOneApplicationNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        Runnable operations = () -> {
            for (int i = 0; i < 500; i++) {
                try {
                    locks.withLock("demo/web", () -> {
                        if (inside.incrementAndGet() != 1) {
                            overlapped.set(true);
                        }
                        inside.decrementAndGet();
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        CompletableFuture.allOf(CompletableFuture.runAsync(operations), CompletableFuture.runAsync(operations))
                .get(30, TimeUnit.SECONDS);

        assertThat(overlapped).isFalse();
    }

    @Test
    void anOperationOnOneApplicationDoesNotHoldUpAnother() throws Exception {
        CountDownLatch webHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> web = CompletableFuture.runAsync(() -> {
            try {
                locks.withLock("demo/web", () -> {
                    webHeld.countDown();
                    release.await();
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(webHeld.await(10, TimeUnit.SECONDS)).isTrue();

        String api = locks.withLock("demo/api", () -> "done while demo/web is busy");

        assertThat(api).isEqualTo("done while demo/web is busy");
        release.countDown();
        web.get(10, TimeUnit.SECONDS);
    }
}
