package io.lockstep.testsupport.kube;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a fresh {@link KubeApiEmulator}:
 * {@code @WithTestResource(KubeApiEmulatorResource.class)}, and a field
 * {@code @InjectKubeApiEmulator KubeApiEmulator emulator;} to reach it from the test.
 */
public class KubeApiEmulatorResource implements QuarkusTestResourceLifecycleManager {
    private KubeApiEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = KubeApiEmulator.start();
        return emulator.quarkusConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(InjectKubeApiEmulator.class, KubeApiEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
