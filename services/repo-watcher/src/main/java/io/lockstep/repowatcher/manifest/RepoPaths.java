package io.lockstep.repowatcher.manifest;

/** Paths inside a config repo: forward slashes, relative, never leaving the repository. */
public final class RepoPaths {
    /** The repository root, as an application path. */
    public static final String ROOT = ".";

    private RepoPaths() {
    }

    /**
     * The canonical form of a repo-relative path ({@code ./apps/web/} becomes {@code apps/web}, the root becomes
     * {@value #ROOT}), or null when it is absolute, contains {@code ..} or a backslash, or is otherwise unsafe.
     */
    public static String normalize(String path) {
        if (path == null || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0
                || path.matches("^[A-Za-z]:.*")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.chars().anyMatch(Character::isISOControl)) {
                return null;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.length() == 0 ? ROOT : out.toString();
    }

    /** Whether a repo-relative file path lies in an application's folder. */
    public static boolean contains(String appPath, String filePath) {
        return appPath.equals(ROOT) || filePath.equals(appPath) || filePath.startsWith(appPath + "/");
    }

    /** A file's path relative to its application's folder. */
    public static String relativize(String appPath, String filePath) {
        return appPath.equals(ROOT) ? filePath : filePath.substring(appPath.length() + 1);
    }
}
