package io.lockstep.contracts.model;

/** A file of an application's source at a commit, path relative to the application's folder, UTF-8 text. */
public record SourceFile(String path, String content) {
    public SourceFile {
        Require.present(path, "path");
        content = content == null ? "" : content;
    }
}
