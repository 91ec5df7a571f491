package io.lockstep.repowatcher.poll;

/** A file in the repo that the watcher refuses to read (symlink, unsafe path, too large, not text). */
public class ContentRejectedException extends Exception {
    private final String file;

    public ContentRejectedException(String file, String message) {
        super(message);
        this.file = file;
    }

    /** Repo-relative path of the offending file. */
    public String file() {
        return file;
    }
}
