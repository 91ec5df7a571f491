package io.lockstep.notifier.trigger;

import io.lockstep.contracts.model.NotifyRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who hears about a notice: the application's own {@code notify} rules plus the notifier's configured defaults. A
 * destination named by several rules is told once.
 */
public final class Subscriptions {
    private final List<NotifyRule> defaults;

    public Subscriptions(List<NotifyRule> defaults) {
        this.defaults = List.copyOf(defaults);
    }

    /** The destinations subscribed to this notice's trigger, application rules first, in declaration order. */
    public List<Destination> destinationsFor(Notice notice) {
        List<NotifyRule> rules = new ArrayList<>();
        if (notice.app() != null) {
            rules.addAll(notice.app().notifications());
        }
        rules.addAll(defaults);
        Set<Destination> out = new LinkedHashSet<>();
        for (NotifyRule rule : rules) {
            if (!subscribes(rule, notice.trigger())) {
                continue;
            }
            if (present(rule.slack())) {
                out.add(new Destination(Channel.SLACK, rule.slack()));
            }
            if (present(rule.email())) {
                out.add(new Destination(Channel.EMAIL, rule.email()));
            }
        }
        return List.copyOf(out);
    }

    private static boolean subscribes(NotifyRule rule, Trigger trigger) {
        return rule.on().stream().anyMatch(on -> Trigger.ofWireName(on).orElse(null) == trigger);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
