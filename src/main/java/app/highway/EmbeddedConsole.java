package app.highway;

import app.highway.call.Call;
import app.highway.call.CallEvent;
import app.highway.call.CallRegistry;
import app.highway.call.CallSnapshot;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.control.CallControls;
import app.highway.control.SettingsControls;
import app.highway.event.EventBus;
import app.highway.sim.CallSimulator;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.Person;
import app.highway.team.Team;
import app.highway.usage.PriceStore;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The console's services over a bridge in the same process: small adapters from the bridge's own
 * services to the {@link ConsoleServices} interfaces, nothing more. The console acts as {@code actor}
 * (the owner: whoever runs the bridge), so its actions go through the same controls as the API's and
 * are audited alike; the simulation places its calls as the owner too. A console attached to a remote
 * bridge (team mode) implements the same interfaces over the network.
 */
final class EmbeddedConsole {
    private EmbeddedConsole() {
    }

    static ConsoleServices services(Actor actor, CallControls controls, SettingsControls changes,
            CallRegistry registry, EventBus<CallEvent> events, CallHistory history, SettingsStore settings,
            PriceStore prices, PromptHistory prompts, Team team, Audit audit, boolean simulate,
            ConsoleServices.Facts facts, ConsoleServices.Powers powers) {
        ConsoleServices.Calls live = new ConsoleServices.Calls() {
            @Override
            public CallSnapshot place(String to, String code, String note) throws Exception {
                return controls.place(actor, to, code, note).snapshot();
            }

            @Override
            public boolean hangUp(String idOrSid) {
                return controls.hangUp(actor, idOrSid) == CallControls.HangUp.HANGING_UP;
            }

            @Override
            public Optional<CallSnapshot> snapshot(String id) {
                return registry.find(id).map(Call::snapshot);
            }
        };
        ConsoleServices.History past = new ConsoleServices.History() {
            @Override
            public Optional<CallSnapshot> find(String idOrSid) {
                return history.find(idOrSid);
            }

            @Override
            public CallPage list(CallQuery query) {
                return history.list(query);
            }

            @Override
            public CallHistory.Deletion delete(String idOrSid) {
                return controls.delete(actor, idOrSid);
            }
        };
        ConsoleServices.Prompts versions = new ConsoleServices.Prompts() {
            @Override
            public List<PromptHistory.Version> versions() {
                return prompts.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                return changes.savePrompt(actor, instructions, template);
            }
        };
        ConsoleServices.Team people = new ConsoleServices.Team() {
            @Override
            public Actor actor() {
                return actor;
            }

            @Override
            public List<Person> people() {
                return actor.maySupervise() ? team.people(actor) : List.of();
            }

            @Override
            public AuditPage audit(AuditQuery query) {
                return audit.read(actor, query);
            }
        };
        Optional<IntConsumer> simulator = simulate ? Optional.of(new CallSimulator(
                (to, code, note) -> controls.place(actor, to, code, note), new Random())) : Optional.empty();
        return new ConsoleServices(live, events::subscribe, past,
                ConsoleServices.Stored.of(settings::current, s -> changes.saveSettings(actor, s)),
                ConsoleServices.Stored.of(prices::current, p -> changes.savePrices(actor, p)), versions, simulator, facts,
                people, powers);
    }
}
