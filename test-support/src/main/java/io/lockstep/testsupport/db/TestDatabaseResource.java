package io.lockstep.testsupport.db;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives a {@code @QuarkusTest} a fresh PostgreSQL database of its own: {@code @WithTestResource(TestDatabaseResource.class)}. */
public class TestDatabaseResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return TestDatabase.create("lockstep_test").quarkusConfig();
    }

    @Override
    public void stop() {
        // Databases are left for inspection; names are random so runs never collide.
    }
}
