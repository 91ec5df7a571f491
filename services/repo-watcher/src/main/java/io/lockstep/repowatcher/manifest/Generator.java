package io.lockstep.repowatcher.manifest;

import java.util.regex.Pattern;

/**
 * A directory generator of {@code lockstep.yaml}: one application per folder matching {@link #directories()}, named
 * after the folder, its other fields from the template ({@code {{name}}} and {@code {{path}}} replaced).
 *
 * @param index position in {@code generators} (for error fields such as {@code generators[0]})
 * @param line line of the generator in the file
 */
public record Generator(int index, int line, String directories, Template template) {

    /** Builds the application of one matching folder, or says what is wrong with it. */
    @FunctionalInterface
    public interface Template {
        io.lockstep.contracts.model.AppSpec expand(String name, String path) throws InvalidConfigException;
    }

    /** How many path segments a matching folder has (the glob never crosses more than one segment per part). */
    public int depth() {
        return directories.split("/").length;
    }

    /** Whether a repo-relative folder matches the glob: {@code *} and {@code ?} match within one segment. */
    public boolean matches(String folder) {
        return regex(directories).matcher(folder).matches();
    }

    private static Pattern regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(out.toString());
    }
}
