package io.lockstep.differ.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses one manifest file into its documents, each with the 1-based line where it starts.
 *
 * <p>YAML goes through SnakeYAML directly rather than Jackson's YAML parser, because Jackson's silently turns an
 * alias into the alias' name; here aliases resolve like kubectl resolves them, within {@link RenderLimits}.
 * Duplicate keys are errors (kubectl refuses them too), and timestamps stay strings as in Kubernetes' JSON.
 */
final class ManifestParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final RenderLimits limits;

    ManifestParser(RenderLimits limits) {
        this.limits = limits;
    }

    /** A parsed document; {@code content} is never null or empty. */
    record Document(JsonNode content, int line) {
    }

    List<Document> parse(String file, String text) throws RenderException {
        if (text.length() > limits.maxFileBytes()) {
            throw new RenderException(file, null, "file is " + text.length() + " characters, over the limit of "
                    + limits.maxFileBytes());
        }
        return file.endsWith(".json") ? parseJson(file, text) : parseYaml(file, text);
    }

    private List<Document> parseJson(String file, String text) throws RenderException {
        try (JsonParser parser = JSON.createParser(text)) {
            List<Document> documents = new ArrayList<>();
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = JSON.readTree(parser);
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    documents.add(new Document(node, line));
                }
            }
            return documents;
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            // Jackson quotes the offending token, which in a Secret's manifest may be a secret value.
            String reason = e.getOriginalMessage().replaceAll("'[^']{2,}'", "'…'").replaceAll("\\s+", " ");
            throw new RenderException(file, line, "invalid JSON: " + reason);
        } catch (java.io.IOException e) {
            throw new RenderException(file, null, "cannot read JSON: " + e.getMessage());
        }
    }

    private List<Document> parseYaml(String file, String text) throws RenderException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(Math.max(limits.maxFileBytes(), 1));
        options.setNestingDepthLimit(100);
        StringConstructor constructor = new StringConstructor(options);
        Yaml yaml = new Yaml(constructor, new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options);
        List<Document> documents = new ArrayList<>();
        int line = 1;
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                line = node.getStartMark().getLine() + 1;
                if (node.getTag().equals(Tag.NULL)) {
                    continue; // an empty document, e.g. between two '---'
                }
                Object value = constructor.construct(node);
                if (value == null) {
                    continue;
                }
                // Aliases share one Java object; expansion to JSON would copy it every time it is referenced.
                if (expandedSize(value, limits.maxValuesPerDocument()) > limits.maxValuesPerDocument()) {
                    throw new RenderException(file, line, "document expands to more than "
                            + limits.maxValuesPerDocument() + " values (too many nested YAML aliases?)");
                }
                documents.add(new Document(JSON.valueToTree(value), line));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            throw new RenderException(file, mark == null ? null : mark.getLine() + 1,
                    "invalid YAML: " + problem + context);
        } catch (YAMLException e) {
            // Limits without a position (aliases, size): the last document start is the best location we have.
            throw new RenderException(file, line, "invalid YAML: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RenderException(file, line, "cannot convert YAML to JSON: " + e.getMessage());
        }
        return documents;
    }

    /**
     * Counts values as JSON would hold them, stopping as soon as {@code budget} is exceeded (which also ends a
     * recursive alias, infinite once expanded).
     */
    static long expandedSize(Object root, long budget) {
        long count = 0;
        List<Object> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Object value = stack.remove(stack.size() - 1);
            if (++count > budget) {
                return count;
            }
            if (value instanceof Map<?, ?> map) {
                count += map.size();
                stack.addAll(map.values());
            } else if (value instanceof Collection<?> items) {
                stack.addAll(items);
            }
        }
        return count;
    }

    /** SafeConstructor that keeps timestamps as strings (as Kubernetes' JSON does) and exposes one-node construction. */
    private static final class StringConstructor extends SafeConstructor {
        StringConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        Object construct(Node node) {
            return constructDocument(node);
        }
    }
}
