package io.lockstep.repowatcher.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

/** What the parser tests feed it: a whole file, or one application with extra fields, and the refusal expected. */
final class ParserInput {
    private final LockstepFileParser parser = new LockstepFileParser(64 * 1024);

    /** A file with one application, {@code web} at {@code apps/web}, plus the given field lines. */
    static String app(String extra) {
        return "apiVersion: lockstep.io/v1\napplications:\n  - name: web\n    path: apps/web\n    " + extra + "\n";
    }

    LockstepFile parse(String yaml) throws InvalidConfigException {
        return parser.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    InvalidConfigException fail(String yaml) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parse(yaml));
        assertThat(e).as("expected %s to be refused", yaml.length() > 200 ? yaml.substring(0, 200) : yaml)
                .isNotNull();
        return e;
    }
}
