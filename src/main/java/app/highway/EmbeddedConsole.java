package app.highway;

import app.highway.call.Call;
import app.highway.call.CallEvent;
import app.highway.call.CallRegistry;
import app.highway.call.CallService;
import app.highway.call.CallSnapshot;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.event.EventBus;
import app.highway.sim.CallSimulator;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.team.Actor;
import app.highway.usage.PriceStore;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The console's services over a bridge in the same process: small adapters from the bridge's own
 * services to the {@link ConsoleServices} interfaces, nothing more. A console attached to a remote
 * bridge (team mode) implements the same interfaces over the network.
 */
final class EmbeddedConsole {
    private EmbeddedConsole() {
    }

    static ConsoleServices services(CallService calls, CallRegistry registry, EventBus<CallEvent> events,
            CallHistory history, SettingsStore settings, PriceStore prices, PromptHistory prompts, boolean simulate,
            ConsoleServices.Facts facts) {
        ConsoleServices.Calls live = new ConsoleServices.Calls() {
            @Override
            public CallSnapshot place(String to, String code, String note) throws Exception {
                return calls.placeCall(Actor.OWNER.user(), to, code, note).snapshot();
            }

            @Override
            public boolean hangUp(String idOrSid) {
                return calls.hangUp(idOrSid);
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
                return history.delete(idOrSid);
            }
        };
        ConsoleServices.Prompts versions = new ConsoleServices.Prompts() {
            @Override
            public List<PromptHistory.Version> versions() {
                return prompts.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                return prompts.save(instructions, template);
            }
        };
        Optional<IntConsumer> simulator = simulate
                ? Optional.of(new CallSimulator((to, code, note) -> calls.placeCall(Actor.OWNER.user(), to, code, note),
                        new Random())) : Optional.empty();
        return new ConsoleServices(live, events::subscribe, past,
                ConsoleServices.Stored.of(settings::current, settings::save),
                ConsoleServices.Stored.of(prices::current, prices::save), versions, simulator, facts);
    }
}
