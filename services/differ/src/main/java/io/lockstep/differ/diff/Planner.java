package io.lockstep.differ.diff;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.differ.render.DesiredObject;
import io.lockstep.differ.render.Tracking;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pairs desired with live objects and plans what converges them; pure (no I/O), so it can run on any snapshot,
 * from direct reads today or an informer cache tomorrow.
 */
public final class Planner {
    private final ObjectDiffer differ = new ObjectDiffer();
    private final List<IgnoreRule> globalRules;

    public Planner() {
        this(List.of());
    }

    /** A planner that leaves out the differences the rules name, for every application (cluster-wide rules). */
    public Planner(List<IgnoreRule> globalRules) {
        this.globalRules = List.copyOf(globalRules);
    }

    /** As {@link #plan(String, List, List, LiveSnapshot, Baseline)} without rules of the application's own. */
    public Plan plan(String appId, List<DesiredObject> desired, LiveSnapshot live, Collection<ObjectRef> previous) {
        return plan(appId, List.of(), desired, live, Baseline.of(previous));
    }

    /**
     * One {@code CREATE}/{@code UPDATE}/{@code NONE} per desired object, then a {@code PRUNE} for each previously
     * desired object that is no longer desired and whose live object still carries this application's tracking
     * annotation (an object someone else took over, or that is already gone, is left alone). Differences at the
     * fields the global rules and the application's own {@code appRules} name are not reported. A field the
     * previous revision declared ({@link Baseline#manifests()}), no longer declared and still live is an update.
     */
    public Plan plan(String appId, List<IgnoreRule> appRules, List<DesiredObject> desired, LiveSnapshot live,
            Baseline previous) {
        List<PlannedChange> changes = new ArrayList<>();
        Set<String> desiredKeys = new HashSet<>();
        for (DesiredObject object : desired) {
            desiredKeys.add(object.ref().key());
            ObjectNode manifest = ObjectDiffer.normalized(object.manifest());
            Optional<JsonNode> current = live.get(object.ref());
            if (current.isEmpty()) {
                changes.add(new PlannedChange(object.ref(), ChangeAction.CREATE, manifest, ""));
                continue;
            }
            List<FieldChange> fields = differ.compare(object.manifest(),
                    previous.manifests().get(object.ref().key()), current.get(), ignoredFor(appRules, object.ref()));
            changes.add(fields.isEmpty()
                    ? new PlannedChange(object.ref(), ChangeAction.NONE, manifest, "")
                    : new PlannedChange(object.ref(), ChangeAction.UPDATE, manifest,
                            DiffText.format(object.ref(), fields)));
        }
        changes.addAll(prunes(appId, desiredKeys, live, previous.refs()));
        return new Plan(changes);
    }

    private List<JsonPointer> ignoredFor(List<IgnoreRule> appRules, ObjectRef ref) {
        if (globalRules.isEmpty() && appRules.isEmpty()) {
            return List.of();
        }
        List<JsonPointer> pointers = new ArrayList<>();
        for (List<IgnoreRule> rules : List.of(globalRules, appRules)) {
            for (IgnoreRule rule : rules) {
                if (rule.appliesTo(ref)) {
                    pointers.add(rule.jsonPointer());
                }
            }
        }
        return pointers;
    }

    /** Everything this application still owns, for an application removed from the repository. */
    public Plan pruneAll(String appId, LiveSnapshot live, Collection<ObjectRef> previous) {
        return new Plan(prunes(appId, Set.of(), live, previous));
    }

    private static List<PlannedChange> prunes(String appId, Set<String> desiredKeys, LiveSnapshot live,
            Collection<ObjectRef> previous) {
        List<PlannedChange> prunes = new ArrayList<>();
        Set<String> seen = new HashSet<>(desiredKeys);
        for (ObjectRef ref : previous) {
            if (!seen.add(ref.key())) {
                continue;
            }
            live.get(ref).filter(object -> ownedBy(appId, object)).ifPresent(object -> prunes.add(
                    new PlannedChange(ref, ChangeAction.PRUNE, null, "--- live " + ref + "\n+++ (pruned)\n")));
        }
        return prunes;
    }

    private static boolean ownedBy(String appId, JsonNode live) {
        return appId.equals(live.path("metadata").path("annotations").path(Tracking.APP_ANNOTATION).asText(null));
    }
}
