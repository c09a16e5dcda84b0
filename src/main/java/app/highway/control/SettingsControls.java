package app.highway.control;

import app.highway.config.CallSettings;
import app.highway.config.ConcurrentChange;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditAction;
import app.highway.team.Refusal;
import app.highway.usage.PriceStore;
import app.highway.usage.PriceTable;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Changing what the next calls use: the call settings, the price table and the system message,
 * each for supervisors and admins only, each change audited with what changed. Every method may
 * block (the stores write to the database).
 */
public final class SettingsControls {
    private final SettingsStore settings;
    private final PriceStore prices;
    private final PromptHistory prompts;
    private final Audit audit;

    public SettingsControls(SettingsStore settings, PriceStore prices, PromptHistory prompts, Audit audit) {
        this.settings = settings;
        this.prices = prices;
        this.prompts = prompts;
        this.audit = audit;
    }

    /** Saves the settings the next call uses; a change of the system message alone is audited as its use. */
    public void saveSettings(Actor by, CallSettings next) {
        requireSupervisor(by, "change the call settings");
        CallSettings before = settings.current();
        try {
            settings.save(next);
        } catch (ConcurrentChange e) {
            throw changedElsewhere(e);
        }
        if (before.equals(next)) {
            return;
        }
        if (SettingsChange.onlyPrompt(before, next)) {
            audit.record(by, AuditAction.SYSTEM_MESSAGE_USE, "v" + next.promptVersion(), "system message version "
                    + before.promptVersion() + " → " + next.promptVersion() + " for the next calls");
        } else {
            audit.record(by, AuditAction.SETTINGS_CHANGE, null, SettingsChange.describe(before, next));
        }
    }

    /** Saves the price table the next calls are priced with. */
    public void savePrices(Actor by, PriceTable next) {
        requireSupervisor(by, "change the prices");
        PriceTable before = prices.current();
        try {
            prices.save(next);
        } catch (ConcurrentChange e) {
            throw changedElsewhere(e);
        }
        TreeSet<String> changed = new TreeSet<>();
        for (String model : union(before.asMap().keySet(), next.asMap().keySet())) {
            if (!Objects.equals(before.asMap().get(model), next.asMap().get(model))) {
                changed.add(model);
            }
        }
        for (String model : union(before.transcriptionPrices().keySet(), next.transcriptionPrices().keySet())) {
            if (!Objects.equals(before.transcriptionPrices().get(model), next.transcriptionPrices().get(model))) {
                changed.add(model);
            }
        }
        if (!changed.isEmpty()) {
            audit.record(by, AuditAction.PRICES_CHANGE, null, "prices of " + String.join(", ", changed));
        }
    }

    /** Saves a version of the system message (or finds the saved one with the same text). */
    public PromptHistory.Version savePrompt(Actor by, String instructions, String template) {
        requireSupervisor(by, "change the system message");
        List<PromptHistory.Version> before = prompts.versions();
        int latest = before.get(before.size() - 1).version();
        PromptHistory.Version saved;
        try {
            saved = by.equals(Actor.OWNER) ? prompts.save(instructions, template)
                    : prompts.save(instructions, template, by.user());
        } catch (ConcurrentChange e) {
            throw changedElsewhere(e);
        }
        if (saved.version() > latest) {
            audit.record(by, AuditAction.SYSTEM_MESSAGE_SAVE, "v" + saved.version(), "system message version "
                    + saved.version() + " saved (" + instructions.length() + " characters)");
        }
        return saved;
    }

    /** Another bridge of the fleet saved first: a conflict (409) the person resolves by looking again. */
    private static Refusal changedElsewhere(ConcurrentChange e) {
        return new Refusal(Refusal.Kind.CONFLICT, "changed_elsewhere", e.getMessage());
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void requireSupervisor(Actor by, String what) {
        if (!by.maySupervise()) {
            throw Refusal.forbidden("Only supervisors and admins may " + what + "; " + by.describe() + " may not");
        }
    }
}
