package io.lockstep.repowatcher.manifest;

import io.lockstep.contracts.model.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands a {@code lockstep.yaml}'s directory generators against the folders of one commit, and checks the result as
 * strictly as hand-written applications: valid names, no duplicates, no overlapping paths. Pure: the caller lists
 * the folders.
 */
public final class GeneratedApps {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private GeneratedApps() {
    }

    /**
     * @param folders every folder of the commit (repo-relative), at least as deep as the deepest generator pattern
     * @return the declared applications followed by the generated ones, in folder order
     */
    public static List<AppSpec> expand(LockstepFile file, List<String> folders) throws InvalidConfigException {
        List<AppSpec> all = new ArrayList<>(file.applications());
        Map<String, String> origin = new LinkedHashMap<>();
        file.applications().forEach(app -> origin.put(app.name(), "application '" + app.name() + "'"));
        for (Generator generator : file.generators()) {
            String field = "generators[" + generator.index() + "]";
            for (String folder : folders.stream().filter(generator::matches).sorted().toList()) {
                String name = folder.substring(folder.lastIndexOf('/') + 1);
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidConfigException(LockstepFile.PATH, generator.line(), field + ".directories",
                            "folder '" + folder + "' matches '" + generator.directories() + "' but '" + name
                                    + "' is not a valid application name (lower-case letters, digits and '-')");
                }
                String first = origin.putIfAbsent(name, "folder '" + folder + "'");
                if (first != null) {
                    throw new InvalidConfigException(LockstepFile.PATH, generator.line(), field + ".directories",
                            "folder '" + folder + "' would make an application '" + name + "', a name already "
                                    + "taken by " + first);
                }
                for (AppSpec other : all) {
                    if (folder.equals(other.path()) || folder.startsWith(other.path() + "/")
                            || other.path().startsWith(folder + "/") || other.path().equals(RepoPaths.ROOT)) {
                        throw new InvalidConfigException(LockstepFile.PATH, generator.line(), field + ".directories",
                                "folder '" + folder + "' overlaps application '" + other.name() + "' (path '"
                                        + other.path() + "'): every file must belong to one application");
                    }
                }
                all.add(generator.template().expand(name, folder));
            }
        }
        return all;
    }

    /** The deepest folder level any generator looks at (0 without generators). */
    public static int depth(LockstepFile file) {
        return file.generators().stream().mapToInt(Generator::depth).max().orElse(0);
    }
}
