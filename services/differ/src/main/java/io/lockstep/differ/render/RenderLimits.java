package io.lockstep.differ.render;

/**
 * Bounds that keep one hostile or mistaken file from exhausting the differ: size of a file, YAML aliases to
 * collections, and values a document may expand to (an alias bomb is small on disk and huge once expanded).
 */
public record RenderLimits(int maxFileBytes, int maxAliases, int maxValuesPerDocument) {
    public static RenderLimits defaults() {
        return new RenderLimits(4 * 1024 * 1024, 100, 1_000_000);
    }
}
