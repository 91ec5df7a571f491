package io.lockstep.applier.git;

import io.lockstep.applier.config.ApplierConfig;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApplierConfig} for tests outside Quarkus: every method answers from a flat map of property names
 * (e.g. {@code sources.demo.url}), Optional-typed ones empty when absent, nested groups by prefix.
 */
final class TestConfig {
    private TestConfig() {
    }

    static ApplierConfig of(Map<String, String> values) {
        return group(ApplierConfig.class, "", new LinkedHashMap<>(values));
    }

    @SuppressWarnings("unchecked")
    private static <T> T group(Class<T> type, String prefix, Map<String, String> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String key = prefix + kebab(method.getName());
            Class<?> returns = method.getReturnType();
            if (returns == Optional.class) {
                return Optional.ofNullable(values.get(key));
            }
            if (returns == String.class) {
                String v = values.get(key);
                if (v == null && method.isAnnotationPresent(io.smallrye.config.WithDefault.class)) {
                    v = method.getAnnotation(io.smallrye.config.WithDefault.class).value();
                }
                return v;
            }
            if (returns == Map.class) {
                Class<?> valueType = (Class<?>) ((java.lang.reflect.ParameterizedType) method.getGenericReturnType())
                        .getActualTypeArguments()[1];
                Map<String, Object> map = new LinkedHashMap<>();
                for (String k : values.keySet()) {
                    if (k.startsWith(key + ".")) {
                        String name = k.substring(key.length() + 1, k.indexOf('.', key.length() + 1));
                        map.computeIfAbsent(name, n -> group(valueType, key + "." + n + ".", values));
                    }
                }
                return map;
            }
            if (returns.isInterface()) {
                return group(returns, key + ".", values);
            }
            throw new UnsupportedOperationException(key);
        });
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
