package io.lockstep.repowatcher.manifest;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.HealthSpec;
import io.lockstep.contracts.model.HelmSpec;
import io.lockstep.contracts.model.HttpCheck;
import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.RollbackPolicy;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a config repo's {@code lockstep.yaml} into the applications it declares, or says precisely what is wrong
 * (line, field, reason). It walks YAML nodes rather than binding to classes, so that every value keeps its line and
 * no YAML tag can make it instantiate anything. Hostile input is bounded: file size, nesting depth, alias count.
 */
public final class LockstepFileParser {
    /** Triggers an application may subscribe to; a typo here would otherwise silently never notify. */
    public static final Set<String> TRIGGERS = Set.of("deployed", "sync-failed", "health-degraded", "drift-detected",
            "source-error", "rolled-back");

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final List<String> TOP_FIELDS = List.of("apiVersion", "applications", "generators");
    private static final List<String> GENERATOR_FIELDS = List.of("directories", "template");
    private static final List<String> TEMPLATE_FIELDS = List.of("target", "sync", "health", "notify",
            "ignoreDifferences", "helm", "rollback");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*?-]+(/[A-Za-z0-9._*?-]+)*");
    private static final int MAX_GLOB_DEPTH = 8;
    private static final List<String> APP_FIELDS = List.of("name", "path", "target", "sync", "health", "notify",
            "ignoreDifferences", "helm", "rollback");
    private static final List<String> TARGET_FIELDS = List.of("cluster", "namespace");
    private static final List<String> SYNC_FIELDS = List.of("automated", "prune", "selfHeal", "allowEmpty",
            "createNamespace", "replace", "force");
    private static final List<String> IGNORE_FIELDS = List.of("group", "kind", "name", "namespace", "jsonPointers");
    private static final List<String> HELM_FIELDS = List.of("releaseName", "valueFiles", "values");
    private static final List<String> ROLLBACK_FIELDS = List.of("onFailedHealth");
    /** Helm's own limit on release names (they become parts of object names and labels). */
    private static final Pattern RELEASE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");
    private static final List<String> HEALTH_FIELDS = List.of("timeout", "http");
    private static final List<String> HTTP_FIELDS = List.of("url", "expectedStatus", "retries", "retryDelay");
    private static final List<String> NOTIFY_FIELDS = List.of("on", "slack", "email");
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 20;

    private final int maxBytes;

    /** @param maxBytes largest file accepted; anything bigger is refused before it is parsed */
    public LockstepFileParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The largest file this parser accepts. */
    public int maxBytes() {
        return maxBytes;
    }

    public LockstepFile parse(byte[] content) throws InvalidConfigException {
        if (content.length > maxBytes) {
            throw error(null, null, "the file is " + content.length + " bytes, over the limit of " + maxBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw error(null, null, "the file is not valid UTF-8 text");
        }
        Node root = compose(text);
        if (root == null) {
            throw error(1, null, "the file is empty; it must declare apiVersion and applications");
        }
        return new Walker(UnaryOperator.identity()).file(root);
    }

    private Node compose(String text) throws InvalidConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(Math.max(maxBytes, 1));
        options.setMergeOnCompose(true);
        options.setProcessComments(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw error(mark == null ? null : mark.getLine() + 1, null, "invalid YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            // Alias and depth limits land here: name them without echoing the input.
            throw error(null, null, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static InvalidConfigException error(Integer line, String field, String reason) {
        return new InvalidConfigException(LockstepFile.PATH, line, field, reason);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Walks the node tree; each method names the field path it reads so errors can point at it. */
    private static final class Walker {
        /** Applied to every text value: the identity, or a generator's {{name}}/{{path}} replacement. */
        private final UnaryOperator<String> substitution;

        Walker(UnaryOperator<String> substitution) {
            this.substitution = substitution;
        }

        LockstepFile file(Node root) throws InvalidConfigException {
            Map<String, NodeTuple> top = fields(root, null, TOP_FIELDS);
            NodeTuple apiVersion = top.get("apiVersion");
            if (apiVersion == null) {
                throw error(line(root), "apiVersion", "missing field 'apiVersion' (expected " + LockstepFile.API_VERSION
                        + ")");
            }
            String version = string(apiVersion.getValueNode(), "apiVersion");
            if (!LockstepFile.API_VERSION.equals(version)) {
                throw error(line(apiVersion.getValueNode()), "apiVersion", "unsupported apiVersion '" + clip(version)
                        + "' (expected " + LockstepFile.API_VERSION + ")");
            }
            NodeTuple apps = top.get("applications");
            NodeTuple gens = top.get("generators");
            if (apps == null && gens == null) {
                throw error(line(root), "applications", "missing field 'applications' (or 'generators')");
            }
            List<Generator> generators = gens == null ? List.of() : generators(gens.getValueNode());
            List<Node> items = apps == null ? List.of() : sequence(apps.getValueNode(), "applications");
            List<AppSpec> specs = new ArrayList<>();
            Map<String, Integer> nameLines = new LinkedHashMap<>();
            List<Integer> pathLines = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String field = "applications[" + i + "]";
                Node item = items.get(i);
                AppSpec app = app(item, field);
                Map<String, NodeTuple> appFields = fields(item, field, APP_FIELDS);
                int nameLine = line(appFields.get("name").getValueNode());
                Integer first = nameLines.putIfAbsent(app.name(), nameLine);
                if (first != null) {
                    throw error(nameLine, field + ".name", "duplicate application name '" + app.name()
                            + "' (first declared on line " + first + ")");
                }
                int pathLine = line(appFields.get("path").getValueNode());
                for (int j = 0; j < specs.size(); j++) {
                    AppSpec other = specs.get(j);
                    if (overlaps(app.path(), other.path())) {
                        throw error(pathLine, field + ".path", "path '" + app.path() + "' overlaps application '"
                                + other.name() + "' (path '" + other.path() + "', line " + pathLines.get(j)
                                + "): every file must belong to one application");
                    }
                }
                specs.add(app);
                pathLines.add(pathLine);
            }
            return new LockstepFile(version, specs, generators);
        }

        List<Generator> generators(Node node) throws InvalidConfigException {
            List<Node> items = sequence(node, "generators");
            List<Generator> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String field = "generators[" + i + "]";
                Node item = items.get(i);
                Map<String, NodeTuple> f = fields(item, field, GENERATOR_FIELDS);
                String glob = required(item, f, "directories", field);
                int globLine = line(f.get("directories").getValueNode());
                String normalized = RepoPaths.normalize(glob);
                if (normalized == null || normalized.equals(RepoPaths.ROOT) || !GLOB.matcher(normalized).matches()
                        || normalized.contains("**") || !normalized.matches(".*[*?].*")) {
                    throw error(globLine, field + ".directories", "invalid folder pattern '" + clip(glob)
                            + "': write a relative path inside the repository whose segments may use * and ?, "
                            + "e.g. apps/* (** is not supported)");
                }
                if (normalized.split("/").length > MAX_GLOB_DEPTH) {
                    throw error(globLine, field + ".directories", "folder pattern deeper than " + MAX_GLOB_DEPTH
                            + " levels");
                }
                NodeTuple templateTuple = f.get("template");
                Node template = templateTuple == null ? null : templateTuple.getValueNode();
                String templateField = field + ".template";
                if (template != null) {
                    fields(template, templateField, TEMPLATE_FIELDS);
                }
                Generator.Template expand = (name, path) -> {
                    UnaryOperator<String> subst = v -> v.replace("{{name}}", name).replace("{{path}}", path);
                    return new Walker(subst).spec(template == null ? Map.of()
                            : fields(template, templateField, TEMPLATE_FIELDS), templateField, name, path);
                };
                // Checked now, with a sample folder, so a bad template fails even while no folder matches.
                expand.expand("example", normalized.replace("*", "example").replace("?", "x"));
                out.add(new Generator(i, line(item), normalized, expand));
            }
            return out;
        }

        AppSpec app(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, APP_FIELDS);
            String name = required(node, f, "name", field);
            if (!NAME.matcher(name).matches()) {
                throw error(line(f.get("name").getValueNode()), field + ".name", "invalid application name '"
                        + clip(name) + "': use lower-case letters, digits and '-', at most 63 characters");
            }
            String rawPath = required(node, f, "path", field);
            String path = RepoPaths.normalize(rawPath);
            if (path == null) {
                throw error(line(f.get("path").getValueNode()), field + ".path", "path '" + clip(rawPath)
                        + "' leaves the repository: use a relative path without '..'");
            }
            return spec(f, field, name, path);
        }

        /** The rest of an application (all but name and path), from an application or a generator's template. */
        AppSpec spec(Map<String, NodeTuple> f, String field, String name, String path) throws InvalidConfigException {
            Target target = f.containsKey("target") ? target(f.get("target").getValueNode(), field + ".target") : null;
            SyncPolicy sync = f.containsKey("sync") ? sync(f.get("sync").getValueNode(), field + ".sync") : null;
            HealthSpec health = f.containsKey("health") ? health(f.get("health").getValueNode(), field + ".health")
                    : null;
            List<NotifyRule> notify = new ArrayList<>();
            if (f.containsKey("notify")) {
                List<Node> rules = sequence(f.get("notify").getValueNode(), field + ".notify");
                for (int i = 0; i < rules.size(); i++) {
                    notify.add(rule(rules.get(i), field + ".notify[" + i + "]"));
                }
            }
            List<IgnoreDifference> ignores = new ArrayList<>();
            if (f.containsKey("ignoreDifferences")) {
                List<Node> rules = sequence(f.get("ignoreDifferences").getValueNode(), field + ".ignoreDifferences");
                for (int i = 0; i < rules.size(); i++) {
                    ignores.add(ignore(rules.get(i), field + ".ignoreDifferences[" + i + "]"));
                }
            }
            HelmSpec helm = f.containsKey("helm") ? helm(f.get("helm").getValueNode(), field + ".helm") : null;
            RollbackPolicy rollback = f.containsKey("rollback")
                    ? rollback(f.get("rollback").getValueNode(), field + ".rollback") : null;
            return new AppSpec(name, path, target, sync, health, notify, ignores, helm, rollback);
        }

        IgnoreDifference ignore(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, IGNORE_FIELDS);
            if (!f.containsKey("jsonPointers")) {
                throw error(line(node), field + ".jsonPointers", "missing field 'jsonPointers' (the fields to ignore, "
                        + "e.g. [/spec/replicas])");
            }
            List<Node> items = sequence(f.get("jsonPointers").getValueNode(), field + ".jsonPointers");
            if (items.isEmpty()) {
                throw error(line(f.get("jsonPointers").getValueNode()), field + ".jsonPointers",
                        "list at least one JSON pointer, e.g. /spec/replicas");
            }
            List<String> pointers = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String itemField = field + ".jsonPointers[" + i + "]";
                String pointer = string(items.get(i), itemField).strip();
                // RFC 6901: every reference token starts with '/', '~' escapes only as ~0 and ~1.
                if (!pointer.startsWith("/") || pointer.matches(".*~([^01]|$).*")) {
                    throw error(line(items.get(i)), itemField, "'" + clip(pointer) + "' is not a JSON pointer "
                            + "(RFC 6901): write e.g. /spec/replicas, with ~1 for a '/' inside a key");
                }
                pointers.add(pointer);
            }
            return new IgnoreDifference(optionalString(f, "group", field), optionalString(f, "kind", field),
                    optionalString(f, "name", field), optionalString(f, "namespace", field), pointers);
        }

        HelmSpec helm(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, HELM_FIELDS);
            String releaseName = optionalString(f, "releaseName", field);
            if (releaseName != null && !RELEASE_NAME.matcher(releaseName).matches()) {
                throw error(line(f.get("releaseName").getValueNode()), field + ".releaseName", "invalid release name '"
                        + clip(releaseName) + "': use lower-case letters, digits and '-', at most 53 characters");
            }
            List<String> valueFiles = new ArrayList<>();
            if (f.containsKey("valueFiles")) {
                List<Node> items = sequence(f.get("valueFiles").getValueNode(), field + ".valueFiles");
                for (int i = 0; i < items.size(); i++) {
                    String itemField = field + ".valueFiles[" + i + "]";
                    String raw = string(items.get(i), itemField).strip();
                    String normalized = RepoPaths.normalize(raw);
                    if (normalized == null || normalized.equals(RepoPaths.ROOT)) {
                        throw error(line(items.get(i)), itemField, "values file '" + clip(raw) + "' must be a file "
                                + "inside the application's folder: use a relative path without '..'");
                    }
                    valueFiles.add(normalized);
                }
            }
            Map<String, Object> values = Map.of();
            if (f.containsKey("values")) {
                Node valuesNode = f.get("values").getValueNode();
                if (!(valuesNode instanceof MappingNode)) {
                    throw error(line(valuesNode), field + ".values", "expected a mapping of Helm values");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) value(valuesNode, field + ".values");
                values = map;
            }
            return new HelmSpec(releaseName, valueFiles, values);
        }

        /** A YAML value as plain JSON-compatible Java: maps, lists, text, numbers, booleans and null only. */
        Object value(Node node, String field) throws InvalidConfigException {
            if (node instanceof MappingNode mapping) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        throw error(line(tuple.getKeyNode()), field, "keys must be plain names");
                    }
                    String path = field + "." + key.getValue();
                    if (out.containsKey(key.getValue())) {
                        throw error(line(key), path, "field '" + clip(key.getValue()) + "' is given twice");
                    }
                    out.put(key.getValue(), value(tuple.getValueNode(), path));
                }
                return out;
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    out.add(value(seq.getValue().get(i), field + "[" + i + "]"));
                }
                return out;
            }
            ScalarNode scalar = (ScalarNode) node;
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            try {
                if (Tag.INT.equals(tag)) {
                    BigInteger number = new BigInteger(text.replace("_", "").replaceFirst("^\\+", ""));
                    return number.bitLength() < 64 ? (Object) number.longValue() : number;
                }
                if (Tag.FLOAT.equals(tag)) {
                    double number = Double.parseDouble(text.replace("_", ""));
                    if (!Double.isFinite(number)) {
                        throw new NumberFormatException("not finite");
                    }
                    return number;
                }
            } catch (NumberFormatException e) {
                throw error(line(node), field, "'" + clip(text) + "' is not a number JSON can carry; quote it to "
                        + "pass it as text");
            }
            if (Tag.STR.equals(tag)) {
                return substitution.apply(text);
            }
            throw error(line(node), field, "unsupported YAML tag " + clip(tag.getValue())
                    + ": Helm values are plain maps, lists, text, numbers and booleans");
        }

        RollbackPolicy rollback(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, ROLLBACK_FIELDS);
            String action = optionalString(f, "onFailedHealth", field);
            if (action == null || action.equals("none")) {
                return RollbackPolicy.defaults();
            }
            if (action.equals("revert")) {
                return new RollbackPolicy(RollbackPolicy.OnFailedHealth.REVERT);
            }
            throw error(line(f.get("onFailedHealth").getValueNode()), field + ".onFailedHealth", "unknown action '"
                    + clip(action) + "' (known: none, revert)");
        }

        Target target(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, TARGET_FIELDS);
            String cluster = optionalString(f, "cluster", field);
            String namespace = optionalString(f, "namespace", field);
            if (namespace != null && !NAME.matcher(namespace).matches()) {
                throw error(line(f.get("namespace").getValueNode()), field + ".namespace", "invalid namespace '"
                        + clip(namespace) + "': use lower-case letters, digits and '-', at most 63 characters");
            }
            return new Target(cluster, namespace);
        }

        SyncPolicy sync(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, SYNC_FIELDS);
            SyncPolicy d = SyncPolicy.defaults();
            return new SyncPolicy(bool(f, "automated", field, d.automated()), bool(f, "prune", field, d.prune()),
                    bool(f, "selfHeal", field, d.selfHeal()), bool(f, "allowEmpty", field, d.allowEmpty()),
                    bool(f, "createNamespace", field, d.createNamespace()), bool(f, "replace", field, d.replace()),
                    bool(f, "force", field, d.force()));
        }

        HealthSpec health(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, HEALTH_FIELDS);
            Duration timeout = duration(f, "timeout", field);
            List<HttpCheck> checks = new ArrayList<>();
            if (f.containsKey("http")) {
                List<Node> items = sequence(f.get("http").getValueNode(), field + ".http");
                for (int i = 0; i < items.size(); i++) {
                    checks.add(http(items.get(i), field + ".http[" + i + "]"));
                }
            }
            return new HealthSpec(timeout, checks);
        }

        HttpCheck http(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, HTTP_FIELDS);
            String url = required(node, f, "url", field);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw error(line(f.get("url").getValueNode()), field + ".url", "the URL must start with http:// or https://");
            }
            Integer status = integer(f, "expectedStatus", field);
            if (status != null && (status < 100 || status > 599)) {
                throw error(line(f.get("expectedStatus").getValueNode()), field + ".expectedStatus",
                        "expected an HTTP status between 100 and 599");
            }
            Integer retries = integer(f, "retries", field);
            if (retries != null && (retries < 0 || retries > 100)) {
                throw error(line(f.get("retries").getValueNode()), field + ".retries", "expected 0 to 100 retries");
            }
            return new HttpCheck(url, status == null ? 200 : status, retries == null ? 0 : retries,
                    duration(f, "retryDelay", field));
        }

        NotifyRule rule(Node node, String field) throws InvalidConfigException {
            Map<String, NodeTuple> f = fields(node, field, NOTIFY_FIELDS);
            if (!f.containsKey("on")) {
                throw error(line(node), field + ".on", "missing field 'on' (the triggers of this rule)");
            }
            List<Node> items = sequence(f.get("on").getValueNode(), field + ".on");
            List<String> on = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String trigger = string(items.get(i), field + ".on[" + i + "]");
                if (!TRIGGERS.contains(trigger)) {
                    throw error(line(items.get(i)), field + ".on[" + i + "]", "unknown trigger '" + clip(trigger)
                            + "' (known: " + String.join(", ", TRIGGERS.stream().sorted().toList()) + ")");
                }
                on.add(trigger);
            }
            String slack = optionalString(f, "slack", field);
            String email = optionalString(f, "email", field);
            if (slack == null && email == null) {
                throw error(line(node), field, "a notify rule needs 'slack' or 'email'");
            }
            return new NotifyRule(on, slack, email);
        }

        /** The fields of a mapping, refusing unknown and repeated keys (a repeated key silently wins in plain YAML). */
        Map<String, NodeTuple> fields(Node node, String field, List<String> allowed) throws InvalidConfigException {
            if (!(node instanceof MappingNode mapping)) {
                throw error(line(node), field, "expected a mapping of " + String.join(", ", allowed));
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalar)) {
                    throw error(line(keyNode), field, "keys must be plain names");
                }
                String key = scalar.getValue();
                String path = field == null ? key : field + "." + key;
                if (!allowed.contains(key)) {
                    throw error(line(keyNode), path, "unknown field '" + clip(key) + "' (allowed: "
                            + String.join(", ", allowed) + ")");
                }
                if (out.put(key, tuple) != null) {
                    throw error(line(keyNode), path, "field '" + key + "' is given twice");
                }
            }
            return out;
        }

        List<Node> sequence(Node node, String field) throws InvalidConfigException {
            if (node instanceof SequenceNode seq) {
                return seq.getValue();
            }
            throw error(line(node), field, "expected a list");
        }

        String string(Node node, String field) throws InvalidConfigException {
            if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
                return substitution.apply(scalar.getValue());
            }
            throw error(line(node), field, "expected a text value");
        }

        String required(Node parent, Map<String, NodeTuple> f, String key, String field) throws InvalidConfigException {
            NodeTuple tuple = f.get(key);
            if (tuple == null || isNull(tuple.getValueNode())) {
                throw error(tuple == null ? line(parent) : line(tuple.getValueNode()), field + "." + key,
                        "missing field '" + key + "'");
            }
            String value = string(tuple.getValueNode(), field + "." + key).strip();
            if (value.isEmpty()) {
                throw error(line(tuple.getValueNode()), field + "." + key, "field '" + key + "' must not be blank");
            }
            return value;
        }

        String optionalString(Map<String, NodeTuple> f, String key, String field) throws InvalidConfigException {
            NodeTuple tuple = f.get(key);
            if (tuple == null || isNull(tuple.getValueNode())) {
                return null;
            }
            String value = string(tuple.getValueNode(), field + "." + key).strip();
            return value.isEmpty() ? null : value;
        }

        boolean bool(Map<String, NodeTuple> f, String key, String field, boolean fallback)
                throws InvalidConfigException {
            String value = optionalString(f, key, field);
            if (value == null) {
                return fallback;
            }
            // Only true/false: YAML 1.1 also reads yes/no/on/off as booleans, a classic source of surprises.
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(line(f.get(key).getValueNode()), field + "." + key, "expected true or false");
            };
        }

        Integer integer(Map<String, NodeTuple> f, String key, String field) throws InvalidConfigException {
            String value = optionalString(f, key, field);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw error(line(f.get(key).getValueNode()), field + "." + key, "expected a whole number");
            }
        }

        Duration duration(Map<String, NodeTuple> f, String key, String field) throws InvalidConfigException {
            String value = optionalString(f, key, field);
            if (value == null) {
                return null;
            }
            return Durations.parse(value).orElseThrow(() -> error(line(f.get(key).getValueNode()), field + "." + key,
                    "invalid duration '" + clip(value) + "': write e.g. 500ms, 10s, 5m or 1h"));
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
        }

        private static boolean overlaps(String a, String b) {
            return a.equals(b) || a.equals(RepoPaths.ROOT) || b.equals(RepoPaths.ROOT) || a.startsWith(b + "/")
                    || b.startsWith(a + "/");
        }

        private static String clip(String value) {
            String clipped = value.length() > 80 ? value.substring(0, 80) + "..." : value;
            return clipped.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
